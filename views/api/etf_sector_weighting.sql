-- view: api.etf_sector_weighting
-- Grain: one row per ETF symbol per sector of the latest version of its ETF
-- information (its sectorsList: {industry, exposure}; exposure in percent,
-- written as a number or as "12.5%"). From core.etfs_profile
-- (transforms/fmp/etfs_profile.sql).
create view api.etf_sector_weighting as
select
    e.symbol,
    s.element ->> 'industry' as sector,
    case
        when jsonb_typeof(s.element -> 'exposure') = 'number' then (s.element ->> 'exposure')::numeric
        when btrim(s.element ->> 'exposure') ~ '^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?\s*%?$'
            then rtrim(rtrim(btrim(s.element ->> 'exposure'), '%'))::numeric
    end as exposure_percentage,
    e.data_version,
    e.api_version,
    e.updated_at
from core.etfs_profile_latest as e
cross join lateral (
    select case when e.array_source_field = 'sectorsList' and left(e.array_element_value, 1) = '{'
        then e.array_element_value::jsonb end as element
) as s
where e.array_source_field = 'sectorsList'
    and jsonb_typeof(s.element) = 'object';

comment on view api.etf_sector_weighting is 'One row per ETF symbol per sector: the sector exposures of its latest ETF information.';
