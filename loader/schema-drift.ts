// Schema drift (docs/SCHEMA-DRIFT.md): the changes of vendor fields that
// ops.check_schema recorded in ops.schema_change, the batches held for them
// (ops.held_batch), and the operator's decisions (accept, reject, policy).
import type pg from 'pg';

export interface SchemaChange {
  schema_change_id: number;
  dataset: string;
  field: string;
  change: string;
  example: string | null;
  previous_field: string | null;
  previous_type: string | null;
  new_type: string | null;
  state: string;
  policy: string | null;
  first_seen: string;
  last_seen: string;
  batches: number;
  held_batches: number;
}

export interface HeldBatch {
  batch_id: number;
  dataset: string;
  file_name: string | null;
  changes: string[];
}

export interface Decided {
  schema_change_id: number;
  field: string;
  change: string;
  batch_ids: number[];
}

/** Schema changes, open ones only unless `all`; optionally of one dataset. */
export async function schemaChanges(pool: pg.Pool, o: { all?: boolean; dataset?: string } = {}): Promise<SchemaChange[]> {
  const { rows } = await pool.query<SchemaChange & { schema_change_id: string; first_seen: Date; last_seen: Date }>(
    `select c.schema_change_id, c.dataset, c.field, c.change, c.example, c.previous_field, c.previous_type, c.new_type,
         c.state, p.policy, c.first_seen, c.last_seen, cardinality(c.batch_ids) as batches,
         (select count(*) from ops.held_batch as h where h.batch_id = any(c.batch_ids))::int as held_batches
     from ops.schema_change as c
     left join ops.schema_policy as p on p.dataset = c.dataset
     where ($1 or c.state = 'open') and ($2::text is null or c.dataset = $2)
     order by c.dataset, c.schema_change_id
     limit 200`,
    [o.all ?? false, o.dataset ?? null],
  );
  return rows.map((r) => ({
    ...r,
    schema_change_id: Number(r.schema_change_id),
    first_seen: r.first_seen.toISOString(),
    last_seen: r.last_seen.toISOString(),
  }));
}

/** Batches held back from their transforms by a schema change. */
export async function heldBatches(pool: pg.Pool): Promise<HeldBatch[]> {
  const { rows } = await pool.query<HeldBatch & { batch_id: string }>(
    `select batch_id, dataset, file_name, changes from ops.held_batch order by batch_id limit 200`,
  );
  return rows.map((r) => ({ ...r, batch_id: Number(r.batch_id) }));
}

async function decide(
  pool: pg.Pool,
  fn: 'accept' | 'reject',
  dataset: string,
  reason: string,
  by: string,
  fields?: string[],
): Promise<Decided[]> {
  const { rows } = await pool.query<Decided & { schema_change_id: string; batch_ids: string[] }>(
    `select * from ops.${fn}_schema_changes($1, $2, $3, $4::text[]) order by schema_change_id`,
    [dataset, reason, by, fields?.length ? fields : null],
  );
  return rows.map((r) => ({ ...r, schema_change_id: Number(r.schema_change_id), batch_ids: r.batch_ids.map(Number) }));
}

/** Accept a dataset's open changes (who, when, why recorded): their held batches are released. */
export const acceptSchemaChanges = (pool: pg.Pool, dataset: string, reason: string, by: string, fields?: string[]) =>
  decide(pool, 'accept', dataset, reason, by, fields);

/** Reject a dataset's open changes: their batches stay landed and are never transformed. */
export const rejectSchemaChanges = (pool: pg.Pool, dataset: string, reason: string, by: string, fields?: string[]) =>
  decide(pool, 'reject', dataset, reason, by, fields);

export const POLICIES = ['hold', 'pass_and_report', 'discard_field'] as const;

/** Set a dataset's policy, with who and why. */
export async function setSchemaPolicy(pool: pg.Pool, dataset: string, policy: string, reason: string, by: string): Promise<void> {
  await pool.query(`select ops.set_schema_policy($1, $2, $3, $4)`, [dataset, policy, reason, by]);
}

/** One line per change, as the CLI and the log print it. */
export function changeLine(
  c: Pick<SchemaChange, 'dataset' | 'field' | 'change' | 'previous_field' | 'previous_type' | 'new_type'>,
): string {
  switch (c.change) {
    case 'renamed':
      return `${c.dataset}: ${c.previous_field} renamed to ${c.field}`;
    case 'retyped':
      return `${c.dataset}: ${c.field} retyped ${c.previous_type} -> ${c.new_type}`;
    case 'unit_changed':
      return `${c.dataset}: ${c.field} unit ${c.previous_type} -> ${c.new_type}`;
    default:
      return `${c.dataset}: ${c.field} ${c.change}`;
  }
}
