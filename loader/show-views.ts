// What `make demo` prints: the api views, their row counts and a few rows.
import type pg from 'pg';

export async function showViews(pool: pg.Pool, out: (s: string) => void = (s) => process.stdout.write(s + '\n')): Promise<void> {
  const { rows: views } = await pool.query<{ name: string; grain: string | null }>(
    `select c.relname as name, obj_description(c.oid) as grain
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'api' and c.relkind = 'v' order by c.relname`,
  );
  out('');
  out('api views');
  out('=========');
  for (const v of views) {
    const { rows } = await pool.query<{ n: string }>(`select count(*) as n from api.${v.name}`);
    out(`api.${v.name.padEnd(28)} ${rows[0]!.n.padStart(9)} rows   ${v.grain ?? ''}`);
  }
  for (const v of views) {
    const { rows, fields } = await pool.query(`select * from api.${v.name} limit 3`);
    if (!rows.length) continue;
    const cols = fields.map((f) => f.name).slice(0, 8);
    out('');
    out(`api.${v.name} (first ${rows.length} rows, ${cols.length} of ${fields.length} columns)`);
    const cell = (x: unknown) => (x === null ? '∅' : x instanceof Date ? x.toISOString() : String(x)).slice(0, 28);
    const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
    out('  ' + cols.map((c, i) => c.padEnd(widths[i]!)).join('  '));
    for (const r of rows) out('  ' + cols.map((c, i) => cell(r[c]).padEnd(widths[i]!)).join('  '));
  }
  // history is kept: funds the API changed after the CSV seed show both versions
  const { rows: versions } = await pool
    .query(
      `select h.identifier, h.data_version, h.data_source, h.expense_ratio, h.management_fee,
            h.minimum_investment, h.record_state, h.updated_at
     from api.fund_history as h
     where h.identifier in (select f.identifier from api.fund as f where f.data_version > 1 order by f.identifier limit 3)
     order by h.identifier, h.data_version`,
    )
    .catch(() => ({ rows: [] as Record<string, unknown>[] }));
  if (versions.length) {
    out('');
    out('versions (api.fund_history): the seed CSV stays version 1, a changed API record is version 2');
    const cols = ['identifier', 'data_version', 'data_source', 'expense_ratio', 'management_fee', 'minimum_investment', 'record_state'];
    const cell = (x: unknown) => (x === null || x === undefined ? '∅' : String(x));
    const widths = cols.map((c) => Math.max(c.length, ...versions.map((r) => cell(r[c]).length)));
    out('  ' + cols.map((c, i) => c.padEnd(widths[i]!)).join('  '));
    for (const r of versions) out('  ' + cols.map((c, i) => cell(r[c]).padEnd(widths[i]!)).join('  '));
  }
  const { rows: scores } = await pool
    .query(
      `select coalesce(file_name, dataset) as what, transform_name, rows, rejected_rows, quarantined, records_with_issues, score
     from ops.batch_quality where dataset in ('fundata.data', 'fundata.quotes')
     order by batch_id`,
    )
    .catch(() => ({ rows: [] as Record<string, unknown>[] }));
  if (scores.length) {
    out('');
    out('batch quality (ops.batch_quality): rows, kept aside as unreadable, quarantined, with issues, score');
    for (const r of scores) {
      out(
        `  ${String(r.what).padEnd(28)} ${String(r.rows).padStart(7)} ${String(r.rejected_rows).padStart(4)} ${String(r.quarantined).padStart(4)} ${String(r.records_with_issues).padStart(4)}  ${r.score}`,
      );
    }
  }
  const { rows: q } = await pool.query(`select rule, count(*)::int as n from ops.quality_issue group by rule order by n desc`);
  const { rows: qt } = await pool.query(`select reason, count(*)::int as n from ops.quarantine group by reason`);
  const { rows: rj } = await pool.query(`select count(*)::int as n from raw.rejected_row`);
  out('');
  out(`quality issues: ${q.map((r) => `${r.rule} ${r.n}`).join(', ') || 'none'}`);
  out(
    `quarantined records: ${qt.map((r) => `${r.reason} ${r.n}`).join(', ') || 'none'}; unreadable rows kept in raw.rejected_row: ${rj[0].n}`,
  );
}
