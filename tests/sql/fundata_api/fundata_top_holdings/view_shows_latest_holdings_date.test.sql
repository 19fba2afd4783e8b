-- fund/gettopholding rows are keyed by identifier, holdings date and rank;
-- api.fund_top_holdings shows one row per identifier and rank from the
-- identifier's latest holdings date only, in its latest version.
begin;
\ir ../../helpers/fixtures.psql
select plan(5);

-- Setup: November's list has three holdings, December's two; then a correction
select tests.land('fundata.fund_top_holding', $$[
    {"InstrumentKey": "412682", "HoldingsDate": "2023-11-30", "Rank": "1", "HoldingName": "Royal Bank of Canada", "HoldingSymbol": "RY", "Weight": "7.5", "MarketValue": "150000000", "ChangeDate": "2023-12-05"},
    {"InstrumentKey": "412682", "HoldingsDate": "2023-11-30", "Rank": "2", "HoldingName": "Toronto-Dominion Bank", "HoldingSymbol": "TD", "Weight": "6.1", "ChangeDate": "2023-12-05"},
    {"InstrumentKey": "412682", "HoldingsDate": "2023-11-30", "Rank": "3", "HoldingName": "Enbridge Inc.", "HoldingSymbol": "ENB", "Weight": "4.4", "ChangeDate": "2023-12-05"},
    {"InstrumentKey": "412682", "HoldingsDate": "2023-12-31", "Rank": "1", "HoldingName": "Royal Bank of Canada", "HoldingSymbol": "RY", "Weight": "7.815", "MarketValue": "152,345,678.905", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "412682", "HoldingsDate": "2023-12-31", "Rank": "2", "HoldingName": "Toronto-Dominion Bank", "HoldingSymbol": "TD", "Weight": "6.204", "ChangeDate": "2024-01-16"},
    {"InstrumentKey": "4095", "HoldingsDate": "2023-12-31", "Rank": "1", "HoldingName": "Gouvernement du Canada 2.75% 2033", "Weight": "12.005", "ChangeDate": "2024-01-17"},
    {"InstrumentKey": "4095", "HoldingsDate": "2023-12-31", "Rank": "first", "HoldingName": "Unranked", "Weight": "1", "ChangeDate": "2024-01-17"}
]$$, 'top-1.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_top_holdings');
select tests.land('fundata.fund_top_holding', $$[
    {"InstrumentKey": "412682", "HoldingsDate": "2023-12-31", "Rank": "2", "HoldingName": "Toronto-Dominion Bank", "HoldingSymbol": "TD", "Weight": "6.3", "ChangeDate": "2024-01-20"}
]$$, 'top-2.csv', 'api', 'csv_row');
select * from ops.run_transform('fundata_top_holdings');

-- Test
select results_eq(
    $$
    select identifier collate "default", holdings_date, holding_rank, holding_name, weight, market_value, data_version
    from api.fund_top_holdings order by identifier, holding_rank
    $$,
    $$
    values
        ('4095'::text, date '2023-12-31', 1, 'Gouvernement du Canada 2.75% 2033'::text, 12.01::numeric(12, 2), null::numeric(12, 2), 1),
        ('412682', date '2023-12-31', 1, 'Royal Bank of Canada', 7.82, 152345678.91, 1),
        ('412682', date '2023-12-31', 2, 'Toronto-Dominion Bank', 6.30, null, 2)
    $$,
    'the latest holdings date only (November''s rank 3 is gone), each rank in its latest version'
);
select is(
    (select count(*)::int from core.fundata_top_holdings where identifier = '412682' and holdings_date = '2023-11-30'),
    3,
    'the earlier holdings date stays in core'
);
select is_empty(
    $$ select identifier, holding_rank from api.fund_top_holdings group by identifier, holding_rank having count(*) > 1 $$,
    'api.fund_top_holdings has one row per identifier and rank'
);
select results_eq(
    $$ select reason from ops.quarantine where batch_id = tests.batch('top-1.csv') $$,
    $$ values ('unreadable_holding_rank'::text) $$,
    'a rank that is not a number leaves the row without a key: quarantined as unreadable'
);
select col_type_is('core', 'fundata_top_holdings', 'holding_rank', 'integer', 'a rank is a whole number');

-- Finish
select * from finish();
rollback;
