-- view: api.fund_associated_benchmark
-- Grain: one row per identifier per associated benchmark: the latest version.
-- From core.fundata_associated_benchmarks (transforms/fundata/fundata_associated_benchmarks.sql); units in the column comments
-- and docs/FUNDATA-API.md.
create view api.fund_associated_benchmark as
select distinct on (b.identifier, b.benchmark_identifier)
    b.identifier,
    b.benchmark_identifier,
    b.benchmark_name,
    b.benchmark_type,
    b.weight,
    b.record_state,
    b.change_date,
    b.data_version,
    b.data_source,
    b.updated_at
from core.fundata_associated_benchmarks_latest as b
order by b.identifier, b.benchmark_identifier,
    b.array_source_field nulls first, b.array_element_index nulls first;

comment on view api.fund_associated_benchmark is 'One row per identifier per benchmark: the benchmarks a fund is compared with, latest version.';
comment on column api.fund_associated_benchmark.identifier is 'Fundata InstrumentKey of the fund.';
comment on column api.fund_associated_benchmark.benchmark_identifier is 'Fundata InstrumentKey of the benchmark (joins api.fund and api.fund_yearly_performance).';
comment on column api.fund_associated_benchmark.benchmark_name is 'Benchmark name as Fundata gives it.';
comment on column api.fund_associated_benchmark.benchmark_type is 'Role of the benchmark for the fund (Primary, Secondary, Blended, ...).';
comment on column api.fund_associated_benchmark.weight is 'Weight of the benchmark in a blended benchmark, in percent (60 = 60 %), DECIMAL(12,2); NULL when not blended.';
comment on column api.fund_associated_benchmark.record_state is 'Fundata RecordState of the record (Active, Inactive, ...).';
comment on column api.fund_associated_benchmark.change_date is 'Fundata ChangeDate: when the vendor last changed the record; orders the versions.';
comment on column api.fund_associated_benchmark.data_version is 'Version of the row in core (1 = first seen; +1 on each change of content).';
comment on column api.fund_associated_benchmark.data_source is 'Where the version came from: API (the Fundata dbsync API) or CSV.';
comment on column api.fund_associated_benchmark.updated_at is 'When the batch of this version landed (UTC).';
