-- The definition ledger: applying definitions records every transform (and
-- the shared SQL library) with its version, checksum, target and datasets;
-- every transform listed can be run (docs/ARCHITECTURE.md §4).
begin;
\ir ../helpers/fixtures.psql
select plan(8);

-- Setup: none, the applied definitions are the fixture

-- Test
select set_has(
    $$ select name, kind, version, target from ops.transform_definition $$,
    $$
    values
        ('fundata_data', 'transform', 3, 'core.fundata_data'),
        ('fundata_quotes', 'transform', 6, 'core.fundata_quotes')
    $$,
    'the ledger lists the Fundata transforms with their version and target'
);
select set_has(
    $$ select name, kind from ops.transform_definition $$,
    $$ values ('lib.parsing', 'lib'), ('lib.arrays', 'lib'), ('lib.stage', 'lib'), ('lib.versions', 'lib'), ('lib.run_transform', 'lib') $$,
    'the ledger lists the shared SQL library'
);
select is_empty(
    $$
    select name, version, checksum
    from ops.transform_definition
    where kind in ('transform', 'lib') and (version < 1 or checksum !~ '^[0-9a-f]{64}$' or applied_at is null)
    $$,
    'every transform and library definition has a version from 1 and a SHA-256 checksum'
);
select is_empty(
    $$
    select name, target
    from ops.transform_definition
    where kind = 'transform' and (target is null or to_regclass(target) is null)
    $$,
    'every transform names a target table that exists'
);
select is_empty(
    $$
    select name
    from ops.transform_definition
    where kind = 'transform' and to_regprocedure(format('core.%I(bigint[], bigint)', 'transform_' || name)) is null
    $$,
    'every transform has its function core.transform_<name>(batches, run id)'
);
select is_empty(
    $$ select name from ops.transform_definition where kind = 'transform' and cardinality(datasets) = 0 $$,
    'every transform names the datasets it consumes'
);
select is_empty(
    $$
    select d.name, d.version, d.checksum
    from ops.transform_definition as d
    where d.kind in ('transform', 'lib')
        and not exists (
            select 1 from ops.transform_definition_history as h
            where h.name = d.name and h.version = d.version and h.checksum = d.checksum
        )
    $$,
    'the definition history holds the applied version and checksum of every definition'
);
select is_empty(
    $$
    select r.transform_name
    from ops.run_transforms() as r
    where r.batches <> 0 or r.skipped
    $$,
    'every transform in the ledger runs (nothing landed: nothing consumed, none skipped)'
);

select * from finish();
rollback;
