import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { generateModels, readApiViews, PYTHON_FILE, TS_FILE, type ViewModel } from '../../loader/models/generate.ts';

describe('sra models: the committed client models', () => {
  let db: TestDb;
  let generated: { python: string; ts: string; views: ViewModel[] };
  beforeAll(async () => {
    db = await freshDb();
    generated = await generateModels(db.pool);
  });
  afterAll(async () => db?.drop());

  it('clients/python/sra_models.py is what the api views generate (run "make models")', () => {
    expect(fs.readFileSync(PYTHON_FILE, 'utf8'), 'clients/python/sra_models.py is stale: run "make models"').toBe(generated.python);
  });

  it('clients/ts/models.ts is what the api views generate (run "make models")', () => {
    expect(fs.readFileSync(TS_FILE, 'utf8'), 'clients/ts/models.ts is stale: run "make models"').toBe(generated.ts);
  });

  it('has one model per api view', async () => {
    const { rows } = await db.pool.query(`select count(*)::int as n from pg_views where schemaname = 'api'`);
    expect(generated.views).toHaveLength(rows[0].n);
  });
});

describe('sra models: nullability from the catalog', () => {
  let db: TestDb;
  let views: Map<string, Map<string, boolean>>;
  beforeAll(async () => {
    db = await freshDb();
    await db.pool.query(`
      create table core.t_parent (id text not null primary key, label text, n integer not null);
      create table core.t_child (id text not null, parent_id text not null, v numeric not null);
      create view api.t_straight as select p.id, p.label, p.n from core.t_parent as p;
      create view api.t_outer as
        select c.id, c.parent_id, p.n as parent_n, p.id as parent_id_again
        from core.t_child as c left join core.t_parent as p on p.id = c.parent_id;
      create view api.t_inner as
        select c.id, p.n from core.t_child as c join core.t_parent as p on p.id = c.parent_id;
      create view api.t_exprs as
        select p.id, p.n + 1 as n_plus, count(*) over () as total, coalesce(p.label, '') as label
        from core.t_parent as p;
      create view api.t_nested as
        with recent as (select id, n from core.t_parent)
        select s.id, s.n, r.n as cte_n
        from (select distinct on (id) id, n from api.t_straight order by id) as s
        join recent as r on r.id = s.id;
      create view api.t_union as select id from core.t_parent union all select id from core.t_child;
      create view api.t_right as
        select c.id as child_id, p.id as parent_id from core.t_child as c right join core.t_parent as p on p.id = c.parent_id;
    `);
    const all = await readApiViews(db.pool);
    views = new Map(all.map((v) => [v.name, new Map(v.columns.map((c) => [c.name, c.nullable]))]));
  });
  afterAll(async () => db?.drop());

  it('a column straight from a NOT NULL column is required; a nullable column stays nullable', () => {
    expect(Object.fromEntries(views.get('t_straight')!)).toEqual({ id: false, label: true, n: false });
  });

  it('the nullable side of an outer join is nullable, whatever its column says', () => {
    expect(Object.fromEntries(views.get('t_outer')!)).toEqual({ id: false, parent_id: false, parent_n: true, parent_id_again: true });
    expect(Object.fromEntries(views.get('t_right')!)).toEqual({ child_id: true, parent_id: false });
  });

  it('an inner join keeps NOT NULL columns required', () => {
    expect(Object.fromEntries(views.get('t_inner')!)).toEqual({ id: false, n: false });
  });

  it('expressions, window functions and coalesce count as nullable', () => {
    expect(Object.fromEntries(views.get('t_exprs')!)).toEqual({ id: false, n_plus: true, total: true, label: true });
  });

  it('follows subqueries, CTEs and other views down to the table column', () => {
    expect(Object.fromEntries(views.get('t_nested')!)).toEqual({ id: false, n: false, cte_n: false });
  });

  it('set operations make every column nullable', () => {
    expect(Object.fromEntries(views.get('t_union')!)).toEqual({ id: true });
  });
});
