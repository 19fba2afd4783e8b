-- view: api.treasury_rate
-- Grain: one row per date: the latest version of that day's US treasury
-- yield curve, in percent. From core.treasury (transforms/fmp/treasury.sql).
create view api.treasury_rate as
select distinct on (t.date)
    t.date,
    t.month1,
    t.month2,
    t.month3,
    t.month6,
    t.year1,
    t.year2,
    t.year3,
    t.year5,
    t.year7,
    t.year10,
    t.year20,
    t.year30,
    t.data_version,
    t.api_version,
    t.updated_at
from core.treasury_latest as t
order by t.date;

comment on view api.treasury_rate is 'One row per date: the latest US treasury yield curve, in percent.';
