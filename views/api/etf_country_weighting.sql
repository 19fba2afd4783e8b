-- view: api.etf_country_weighting
-- Grain: one row per ETF symbol per country its latest response lists: the
-- latest version of each weight (in percent), without countries a later
-- response dropped. From core.etfs_country_weightings
-- (transforms/fmp/etfs_country_weightings.sql).
create view api.etf_country_weighting as
select
    w.symbol,
    w.country,
    w.weight_percentage,
    w.data_version,
    w.api_version,
    w.updated_at
from core.etfs_country_weightings_latest as w
where w.is_listed;

comment on view api.etf_country_weighting is 'One row per ETF symbol per country: the country weights of its latest response, in percent.';
