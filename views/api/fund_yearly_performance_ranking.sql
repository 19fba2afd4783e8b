-- view: api.fund_yearly_performance_ranking
-- Grain: one row per identifier per calendar year: the latest version of the fund's
-- rank within its category for that year's total return.
-- From core.fundata_yearly_performance_ranking (transforms/fundata/fundata_yearly_performance_ranking.sql); units in the column comments
-- and docs/FUNDATA-API.md.
create view api.fund_yearly_performance_ranking as
select distinct on (r.identifier, r.performance_year)
    r.identifier,
    r.performance_year,
    r.quartile,
    r.category_rank,
    r.category_count,
    r.percentile_rank,
    r.record_state,
    r.change_date,
    r.data_version,
    r.data_source,
    r.updated_at
from core.fundata_yearly_performance_ranking_latest as r
order by r.identifier, r.performance_year,
    r.array_source_field nulls first, r.array_element_index nulls first;

comment on view api.fund_yearly_performance_ranking is 'One row per identifier per calendar year: a fund''s rank within its category that year, latest version.';
comment on column api.fund_yearly_performance_ranking.identifier is 'Fundata InstrumentKey of the fund.';
comment on column api.fund_yearly_performance_ranking.performance_year is 'Calendar year (January to December) the ranking covers.';
comment on column api.fund_yearly_performance_ranking.quartile is 'Quartile of the year''s total return within the fund''s category: 1 = best 25 %, 4 = worst.';
comment on column api.fund_yearly_performance_ranking.category_rank is 'Rank of the year''s total return within the category: 1 = best.';
comment on column api.fund_yearly_performance_ranking.category_count is 'Number of funds ranked in the category that year.';
comment on column api.fund_yearly_performance_ranking.percentile_rank is 'Percentile rank within the category: 1 = best, 100 = worst.';
comment on column api.fund_yearly_performance_ranking.record_state is 'Fundata RecordState of the record (Active, Inactive, ...).';
comment on column api.fund_yearly_performance_ranking.change_date is 'Fundata ChangeDate: when the vendor last changed the record; orders the versions.';
comment on column api.fund_yearly_performance_ranking.data_version is 'Version of the row in core (1 = first seen; +1 on each change of content).';
comment on column api.fund_yearly_performance_ranking.data_source is 'Where the version came from: API (the Fundata dbsync API) or CSV.';
comment on column api.fund_yearly_performance_ranking.updated_at is 'When the batch of this version landed (UTC).';
