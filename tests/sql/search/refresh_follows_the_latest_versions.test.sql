-- agg.refresh_security_search keeps core.security_search equal to the latest
-- versions of the equity and ETF profiles and the Fundata funds: new and
-- changed securities are written, vanished ones deleted, and an unchanged
-- source changes nothing. agg.refresh() runs it.
begin;
\ir ../helpers/fixtures.psql
select plan(8);

insert into core.equity_profile (symbol, company_name, exchange, sector, industry, is_etf, data_source, data_version,
    content_hash, updated_at, batch_id, batch_line, batch_elem)
values
    ('MSFT', 'Microsoft Corp (old)', 'NASDAQ', 'Technology', 'Software', false, 'API', 1, 0, now(), 1, 1, 0),
    ('MSFT', 'Microsoft Corporation', 'NASDAQ', 'Technology', 'Software', false, 'API', 2, 1, now(), 2, 1, 0),
    ('SPY', 'SPDR S&P 500', 'NYSE', null, null, true, 'API', 1, 0, now(), 1, 2, 0);
insert into core.equity_profile_current (symbol, data_version, vendor_as_of, batch_id, line)
values ('MSFT', 2, now(), 2, 1), ('SPY', 1, now(), 1, 2);
insert into core.etfs_profile (symbol, name, asset_class, etf_company, data_source, data_version, content_hash,
    updated_at, batch_id, batch_line, batch_elem)
values ('SPY', 'SPDR S&P 500 ETF Trust', 'Equity', 'State Street', 'API', 1, 0, now(), 1, 3, 0);
insert into core.etfs_profile_current (symbol, data_version, vendor_as_of, batch_id, line)
values ('SPY', 1, now(), 1, 3);
insert into core.fundata_data (identifier, legal_name, family_name, language, data_source, data_version,
    content_hash, updated_at, batch_id, batch_line)
values ('412682', 'Fonds équilibré, série F', 'Sagesse', 'FR', 'CSV', 1, 0, now(), 1, 4);
insert into core.fundata_data_current (identifier, data_version, vendor_as_of, batch_id, line)
values ('412682', 1, now(), 1, 4);

-- as the scheduled job runs it
grant usage on schema tests to sra_transformer;
set local role sra_transformer;
select results_eq(
    $$ select buckets from agg.refresh() where aggregate_name = 'security_search' $$,
    $$ values (3) $$,
    'agg.refresh() (as sra_transformer) writes the three securities'
);
reset role;
select results_eq(
    $$ select kind, key collate "default", ticker, name, exchange, category from core.security_search order by kind, key $$,
    $$ values
        ('equity', 'MSFT', 'MSFT', 'Microsoft Corporation', 'NASDAQ', 'Technology Software'),
        ('etf', 'SPY', 'SPY', 'SPDR S&P 500 ETF Trust', 'NYSE', 'Equity State Street'),
        ('fund', '412682', null, 'Fonds équilibré, série F', null, 'Sagesse') $$,
    'one row per security, from its latest version; an ETF once, named by its ETF profile'
);
select is(
    (select securities from core.security_search_word where word = 'microsoft'),
    1,
    'the words of the securities are counted (for misspelt queries)'
);
select results_eq(
    $$ select buckets from agg.refresh_security_search() $$,
    $$ values (0) $$,
    'nothing changed: nothing written'
);

-- Microsoft gets a newer version, the fund disappears
insert into core.equity_profile (symbol, company_name, exchange, sector, industry, is_etf, data_source, data_version,
    content_hash, updated_at, batch_id, batch_line, batch_elem)
values ('MSFT', 'Microsoft Corporation Inc', 'NASDAQ', 'Technology', 'Software', false, 'API', 3, 2, now(), 3, 1, 0);
update core.equity_profile_current set data_version = 3, batch_id = 3 where symbol = 'MSFT';
delete from core.fundata_data_current where identifier = '412682';

select results_eq(
    $$ select buckets from agg.refresh_security_search() $$,
    $$ values (2) $$,
    'one row changed, one deleted'
);
select is((select name from core.security_search where key = 'MSFT'), 'Microsoft Corporation Inc', 'the new version''s name');
select is((select count(*)::integer from core.security_search where kind = 'fund'), 0, 'the vanished fund is gone');
select is(
    (select last_buckets from ops.aggregate_state where aggregate_name = 'security_search'),
    2,
    'ops.aggregate_state records the refresh'
);

select * from finish();
rollback;
