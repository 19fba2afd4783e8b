// A reader for PostgreSQL's node-tree text (pg_rewrite.ev_action, the stored
// query of a view), enough to follow each output column of a view back to the
// table column it comes from. Format: `{NODE :field value ...}`, lists
// `( ... )`, `<>` for NULL, backslash escapes (src/backend/nodes/read.c).

export type Value = string | null | PgNode | Value[];

export interface PgNode {
  node: string;
  fields: Record<string, Value[]>;
}

function tokenize(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === '{' || ch === '}') {
      out.push(ch);
      i++;
      continue;
    }
    let tok = '';
    while (i < n) {
      const c = text[i]!;
      if (c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '(' || c === ')' || c === '{' || c === '}') break;
      if (c === '\\' && i + 1 < n) {
        tok += c + text[i + 1];
        i += 2;
        continue;
      }
      tok += c;
      i++;
    }
    out.push(tok);
  }
  return out;
}

/** Parse node-tree text into nodes, lists and scalar tokens (strings; `<>` is null). */
export function parseNodeTree(text: string): Value {
  const toks = tokenize(text);
  let pos = 0;
  const value = (): Value => {
    const t = toks[pos++];
    if (t === '{') return node();
    if (t === '(') return list();
    if (t === '<>') return null;
    return t ?? null;
  };
  const list = (): Value[] => {
    const items: Value[] = [];
    while (pos < toks.length && toks[pos] !== ')') items.push(value());
    pos++; // ')'
    return items;
  };
  const node = (): PgNode => {
    const name = toks[pos++]!;
    const fields: Record<string, Value[]> = {};
    let field: string | undefined;
    while (pos < toks.length && toks[pos] !== '}') {
      const t = toks[pos]!;
      if (t.startsWith(':') && t.length > 1) {
        field = t.slice(1);
        fields[field] = [];
        pos++;
        continue;
      }
      const v = value();
      if (field) fields[field]!.push(v);
    }
    pos++; // '}'
    return { node: name, fields };
  };
  return value();
}

export function isNode(v: Value | undefined, name?: string): v is PgNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (name === undefined || v.node === name);
}

/** The (first) value of a node's field. */
export function field(n: PgNode, name: string): Value | undefined {
  return n.fields[name]?.[0];
}

export function num(n: PgNode, name: string): number {
  return Number(field(n, name));
}

export function list(n: PgNode, name: string): Value[] {
  const v = field(n, name);
  return Array.isArray(v) ? v : [];
}
