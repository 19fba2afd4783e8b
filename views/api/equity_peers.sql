-- view: api.equity_peers
-- Grain: one row per symbol per peer, from the latest version of the symbol's
-- peer list (a symbol whose latest list is empty has no rows). Legacy lists
-- name the peer only; stable ones add its name, price and market cap.
-- From core.equity_peers (transforms/fmp/equity_peers.sql).
create view api.equity_peers as
select
    p.symbol,
    coalesce(o.peer ->> 'symbol', p.array_element_value) as peer_symbol,
    p.array_element_index + 1 as peer_rank,
    o.peer ->> 'companyName' as peer_company_name,
    case when jsonb_typeof(o.peer -> 'price') = 'number' then (o.peer ->> 'price')::numeric end as peer_price,
    case when jsonb_typeof(o.peer -> 'mktCap') = 'number' then (o.peer ->> 'mktCap')::numeric end as peer_market_cap,
    p.data_version,
    p.api_version,
    p.updated_at
from core.equity_peers_latest as p
-- a stable peer object (JSON text); legacy elements are plain symbols
cross join lateral (
    select case when p.array_source_field = 'peers' and left(p.array_element_value, 1) = '{'
        then p.array_element_value::jsonb end as peer
) as o
where p.array_source_field in ('peers', 'peersList');

comment on view api.equity_peers is 'One row per symbol per peer: the latest peer list of each symbol.';
