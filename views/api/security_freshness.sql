-- view: api.security_freshness
-- Grain: one row per price series: each FMP equity and ETF symbol with daily
-- prices, the US treasury curve, and each Fundata fund with NAVs, as of the
-- last gap detection (ops.detect_gaps, docs/CONTINUITY.md). Sessions are NYSE
-- sessions (api.trading_calendar), counted against the last completed
-- session at the time of reading.
create view api.security_freshness as
with
lcs as (
    select ops.last_session() as session_date
)

select
    st.kind,
    st.key,
    st.dataset,
    st.latest_date,
    b.sessions_behind,
    b.sessions_behind > a.allowed as is_stale,
    a.allowed as allowed_sessions,
    st.cadence_sessions,
    ops.cadence_label(st.cadence_sessions) as cadence,
    st.first_date,
    lcs.session_date as last_completed_session,
    st.checked_at
from ops.series_state as st
cross join lcs
cross join lateral (
    -- the rule stated once: ops.stale_allowed_sessions (transforms/lib/continuity.sql)
    select ops.stale_allowed_sessions(st.kind, st.cadence_sessions) as allowed
) as a
cross join lateral (
    select ops.sessions_behind(st.latest_date, lcs.session_date) as sessions_behind
) as b;

comment on view api.security_freshness is 'One row per price series (equity, etf, treasury, fund): its latest date and how many NYSE sessions it is behind the last completed session.';
comment on column api.security_freshness.kind is 'equity, etf (FMP daily prices), treasury (FMP US treasury curve) or fund (Fundata NAVPS).';
comment on column api.security_freshness.key is 'The symbol, ''treasury'', or the fund''s Fundata identifier (InstrumentKey).';
comment on column api.security_freshness.dataset is 'The landed dataset: fmp.equity_price, fmp.etf_price, fmp.treasury or fundata.quotes.';
comment on column api.security_freshness.latest_date is 'The series'' latest date (trading date of the price or NAV), as of the last gap detection.';
comment on column api.security_freshness.sessions_behind is 'NYSE sessions after latest_date up to and including last_completed_session (0: up to date).';
comment on column api.security_freshness.is_stale is 'sessions_behind > allowed_sessions.';
comment on column api.security_freshness.allowed_sessions is 'Sessions a series may lag: stale_after_sessions (ops.setting, 2) for prices and treasury; a fund''s cadence plus that.';
comment on column api.security_freshness.cadence_sessions is 'Sessions between two prices: 1 for FMP series; a fund''s override, else the median spacing of its latest 20 NAV dates.';
comment on column api.security_freshness.cadence is 'cadence_sessions named: daily, weekly, biweekly, monthly, quarterly, or every N sessions.';
comment on column api.security_freshness.last_completed_session is 'The newest NYSE session closed (16:00 New York, or its early close) when the view is read.';
comment on column api.security_freshness.checked_at is 'When the last gap detection saw the series.';
