// `sra models`: the client contract, generated from the live api views (pg
// catalog: columns, types, nullability, comments) as Pydantic models for the
// Python client (clients/python/sra_models.py) and zod schemas for
// TypeScript (clients/ts/models.ts). One model per view; the view's comment
// is the model's docstring. Nullability: loader/models/nullability.ts.
import path from 'node:path';
import type pg from 'pg';
import { NullabilityAnalyzer } from './nullability.ts';
import { ROOT } from '../migrate.ts';

export const PYTHON_FILE = path.join(ROOT, 'clients', 'python', 'sra_models.py');
export const TS_FILE = path.join(ROOT, 'clients', 'ts', 'models.ts');

export interface Column {
  name: string;
  /** pg_type.typname (arrays: the element's typname with `[]`) */
  type: string;
  nullable: boolean;
}

export interface ViewModel {
  view: string; // api.<name>
  name: string; // relname
  comment: string | null;
  columns: Column[];
}

/** Read every api view with its columns, types and nullability. */
export async function readApiViews(pool: pg.Pool): Promise<ViewModel[]> {
  const { rows: views } = await pool.query<{ oid: number; relname: string; comment: string | null }>(
    `select c.oid::int as oid, c.relname, obj_description(c.oid, 'pg_class') as comment
     from pg_class as c
     where c.relnamespace = 'api'::regnamespace and c.relkind = 'v'
     order by c.relname`,
  );
  const { rows: defs } = await pool.query<{ relid: number; action: string }>(
    `select r.ev_class::int as relid, r.ev_action::text as action
     from pg_rewrite as r join pg_class as c on c.oid = r.ev_class
     where c.relkind = 'v' and r.rulename = '_RETURN'
         and c.relnamespace not in ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)`,
  );
  const { rows: notNull } = await pool.query<{ k: string }>(
    `select a.attrelid::int || ':' || a.attnum as k
     from pg_attribute as a join pg_class as c on c.oid = a.attrelid
     where a.attnotnull and a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p')
         and c.relnamespace not in ('pg_catalog'::regnamespace, 'information_schema'::regnamespace)`,
  );
  const { rows: cols } = await pool.query<{ relid: number; attnum: number; name: string; typname: string; elemname: string | null }>(
    `select a.attrelid::int as relid, a.attnum, a.attname as name, t.typname, e.typname as elemname
     from pg_attribute as a
     join pg_class as c on c.oid = a.attrelid
     join pg_type as t on t.oid = a.atttypid
     left join pg_type as e on e.oid = t.typelem and t.typcategory = 'A'
     where c.relnamespace = 'api'::regnamespace and c.relkind = 'v' and a.attnum > 0 and not a.attisdropped
     order by a.attrelid, a.attnum`,
  );
  const analyzer = new NullabilityAnalyzer({
    notNull: new Set(notNull.map((r) => r.k)),
    viewQuery: new Map(defs.map((d) => [d.relid, d.action])),
  });
  return views.map((v) => {
    const notNullCols = analyzer.viewColumns(v.oid);
    return {
      view: `api.${v.relname}`,
      name: v.relname,
      comment: v.comment,
      columns: cols
        .filter((c) => c.relid === v.oid)
        .map((c) => ({
          name: c.name,
          type: c.elemname ? `${c.elemname}[]` : c.typname,
          nullable: notNullCols[c.attnum - 1] !== true,
        })),
    };
  });
}

// ------------------------------------------------------------------ types

const PY: Record<string, string> = {
  numeric: 'Decimal',
  int2: 'int',
  int4: 'int',
  int8: 'int',
  float4: 'float',
  float8: 'float',
  bool: 'bool',
  text: 'str',
  varchar: 'str',
  bpchar: 'str',
  name: 'str',
  citext: 'str',
  uuid: 'str',
  date: 'dt.date',
  timestamptz: 'dt.datetime',
  timestamp: 'dt.datetime',
  time: 'dt.time',
  interval: 'dt.timedelta',
  jsonb: 'Dict[str, Any]',
  json: 'Dict[str, Any]',
};

// What node-postgres returns, with the project's type parsers (dates stay
// 'YYYY-MM-DD' text; numeric and bigint come as exact strings).
const TS: Record<string, string> = {
  numeric: 'decimal',
  int2: 'z.number().int()',
  int4: 'z.number().int()',
  int8: 'bigint',
  float4: 'z.number()',
  float8: 'z.number()',
  bool: 'z.boolean()',
  text: 'z.string()',
  varchar: 'z.string()',
  bpchar: 'z.string()',
  name: 'z.string()',
  citext: 'z.string()',
  uuid: 'z.string()',
  date: 'isoDate',
  timestamptz: 'z.date()',
  timestamp: 'z.date()',
  time: 'z.string()',
  interval: 'z.unknown()',
  jsonb: 'jsonObject',
  json: 'jsonObject',
};

function pyType(t: string): string {
  if (t.endsWith('[]')) return `List[${pyType(t.slice(0, -2))}]`;
  return PY[t] ?? 'Any';
}

function tsType(t: string): string {
  if (t.endsWith('[]')) return `z.array(${tsType(t.slice(0, -2))})`;
  return TS[t] ?? 'z.unknown()';
}

export function className(view: string): string {
  return view
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');
}

// Names a Pydantic model cannot use as a field (BaseModel's own attributes in
// v1 and v2, Python keywords): these get a trailing underscore and an alias.
const PY_RESERVED = new Set([
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'false',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'none',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'true',
  'try',
  'while',
  'with',
  'yield',
  'construct',
  'copy',
  'dict',
  'json',
  'parse_obj',
  'parse_raw',
  'parse_file',
  'schema',
  'schema_json',
  'update_forward_refs',
  'validate',
  'fields',
  'config',
  'from_orm',
]);

function pyDoc(text: string, indent: string): string {
  const safe = text.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"');
  return `${indent}"""${safe}"""`;
}

export function renderPython(views: ViewModel[]): string {
  const out: string[] = [];
  out.push('# Generated by `sra models` (make models) from the api views of sra-data. Do not edit.');
  out.push('"""sra-data client contract: one Pydantic model per api view (Pydantic 1.10 and 2.x).');
  out.push('');
  out.push('Types: numeric -> Decimal, date -> datetime.date, timestamptz -> datetime.datetime,');
  out.push('jsonb -> dict, text -> str, integer/bigint -> int, boolean -> bool. A field is');
  out.push('Optional unless the view provably takes it straight from a NOT NULL column');
  out.push('(docs/CLIENT.md, "Nullability").');
  out.push('"""');
  out.push('import datetime as dt');
  out.push('from decimal import Decimal');
  out.push('from typing import Any, Dict, List, Optional');
  out.push('');
  out.push('from pydantic import BaseModel, Field');
  for (const v of views) {
    out.push('');
    out.push('');
    out.push(`class ${className(v.name)}(BaseModel):`);
    out.push(pyDoc(`${v.view}: ${v.comment ?? 'no description'}`, '    '));
    out.push('');
    for (const c of v.columns) {
      const base = pyType(c.type);
      const t = c.nullable ? `Optional[${base}]` : base;
      const reserved =
        PY_RESERVED.has(c.name.toLowerCase()) ||
        c.name.startsWith('model_') ||
        c.name.startsWith('_') ||
        !/^[A-Za-z_][A-Za-z0-9_]*$/.test(c.name);
      if (reserved) {
        const ident = /^[A-Za-z_][A-Za-z0-9_]*$/.test(c.name)
          ? `${c.name.replace(/^_+/, '')}_`
          : `f_${c.name.replace(/[^A-Za-z0-9_]/g, '_')}`;
        out.push(`    ${ident}: ${t} = Field(${c.nullable ? 'None, ' : '..., '}alias=${JSON.stringify(c.name)})`);
      } else {
        out.push(`    ${c.name}: ${t}${c.nullable ? ' = None' : ''}`);
      }
    }
  }
  out.push('');
  out.push('');
  out.push('# api view -> model');
  out.push('MODELS = {');
  for (const v of views) out.push(`    ${JSON.stringify(v.view)}: ${className(v.name)},`);
  out.push('}');
  out.push('');
  return out.join('\n');
}

export function renderTs(views: ViewModel[]): string {
  const out: string[] = [];
  out.push('// Generated by `sra models` (make models) from the api views of sra-data. Do not edit.');
  out.push('// sra-data client contract: one zod schema per api view, for rows as node-postgres');
  out.push('// returns them: numeric and bigint as exact strings (validated as decimals /');
  out.push('// integers; no float rounding), timestamptz as Date, jsonb as objects, and date');
  out.push("// as 'YYYY-MM-DD' text when the date parser keeps it so:");
  out.push('//   pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v)');
  out.push('// A field is nullable unless the view provably takes it straight from a NOT NULL');
  out.push('// column (docs/CLIENT.md, "Nullability").');
  out.push("import { z } from 'zod';");
  out.push('');
  out.push('/** numeric: node-postgres returns it as a string; exact, never a float. */');
  out.push("export const decimal = z.string().regex(/^-?\\d+(\\.\\d+)?$/, 'a decimal number as text');");
  out.push('/** bigint (int8): node-postgres returns it as a string. */');
  out.push("export const bigint = z.string().regex(/^-?\\d+$/, 'a whole number as text');");
  out.push("/** date: 'YYYY-MM-DD'. */");
  out.push('export const isoDate = z.iso.date();');
  out.push('/** jsonb: a JSON object. */');
  out.push('export const jsonObject = z.record(z.string(), z.unknown());');
  for (const v of views) {
    const n = className(v.name);
    out.push('');
    out.push(`/** ${v.view}: ${(v.comment ?? 'no description').replace(/\*\//g, '* /')} */`);
    out.push(`export const ${n} = z.object({`);
    for (const c of v.columns) {
      const t = tsType(c.type);
      const key = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(c.name) ? c.name : JSON.stringify(c.name);
      out.push(`  ${key}: ${t}${c.nullable ? '.nullable()' : ''},`);
    }
    out.push('});');
    out.push(`export type ${n} = z.infer<typeof ${n}>;`);
  }
  out.push('');
  out.push('/** api view → schema */');
  out.push('export const models = {');
  for (const v of views) out.push(`  ${JSON.stringify(v.view)}: ${className(v.name)},`);
  out.push('} as const;');
  out.push('');
  return out.join('\n');
}

export async function generateModels(pool: pg.Pool): Promise<{ python: string; ts: string; views: ViewModel[] }> {
  const views = await readApiViews(pool);
  return { python: renderPython(views), ts: renderTs(views), views };
}
