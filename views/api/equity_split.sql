-- view: api.equity_split
-- Grain: one row per symbol and split ex-date: the latest version of that
-- split. From core.equity_split (transforms/fmp/equity_split.sql); conventions in
-- docs/CORPORATE-ACTIONS.md.
create view api.equity_split as
select
    s.symbol,
    s.date,
    s.numerator,
    s.denominator,
    s.numerator / nullif(s.denominator, 0) as ratio,
    s.split_type,
    s.data_version,
    s.api_version,
    s.updated_at
from core.equity_split_latest as s;

comment on view api.equity_split is 'One row per equity symbol and split ex-date: the latest version of the stock split (FMP).';
comment on column api.equity_split.date is 'Ex-date of the split: the first trading date at the new share count.';
comment on column api.equity_split.numerator is 'Split ratio numerator:denominator: numerator new shares for every denominator old (4:1 forward, 1:10 reverse).';
comment on column api.equity_split.denominator is 'Split ratio numerator:denominator: numerator new shares for every denominator old.';
comment on column api.equity_split.ratio is 'numerator / denominator (shares after per share before); prices before the ex-date divide by it when split-adjusted.';
comment on column api.equity_split.split_type is 'FMP''s splitType where it gives one (stable API), else NULL.';
