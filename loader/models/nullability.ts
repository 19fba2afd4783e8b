// Which output columns of a view can never be NULL.
//
// The rule (docs/CLIENT.md): a view column is NOT NULL only when it provably
// comes straight from a NOT NULL table column: it is a plain column reference
// (no expression, function, aggregate, window or CASE), followed through
// subqueries, CTEs, join aliases and other views, down to a table column
// declared NOT NULL, and no outer join on the way can null it (the nullable
// side of a LEFT/RIGHT/FULL join), no set operation (UNION, …) or grouping
// set is involved. Everything else is nullable.
import { parseNodeTree, isNode, field, num, list, type PgNode, type Value } from './nodetree.ts';

export interface Catalog {
  /** "relid:attnum" of every NOT NULL table column. */
  notNull: Set<string>;
  /** The stored query (ev_action text) of every view, by relid. */
  viewQuery: Map<number, string>;
}

const RTE_RELATION = 0;
const RTE_SUBQUERY = 1;
const RTE_JOIN = 2;
const RTE_CTE = 6;
const JOIN_LEFT = 1;
const JOIN_FULL = 2;
const JOIN_RIGHT = 3;

interface Scope {
  query: PgNode;
  parent?: Scope;
  nullable?: Set<number>;
}

export class NullabilityAnalyzer {
  private viewCache = new Map<number, boolean[]>();
  private inProgress = new Set<number>();

  constructor(private readonly cat: Catalog) {}

  /** For each output column of the view (by resno, 1-based index 0), is it provably NOT NULL? */
  viewColumns(relid: number): boolean[] {
    const hit = this.viewCache.get(relid);
    if (hit) return hit;
    const text = this.cat.viewQuery.get(relid);
    if (!text || this.inProgress.has(relid)) return [];
    this.inProgress.add(relid);
    try {
      const parsed = parseNodeTree(text);
      const q = Array.isArray(parsed) ? parsed[0] : parsed;
      const out: boolean[] = [];
      if (isNode(q, 'QUERY')) {
        for (const te of list(q, 'targetList')) {
          if (!isNode(te, 'TARGETENTRY') || field(te, 'resjunk') === 'true') continue;
          out[num(te, 'resno') - 1] = this.queryColumn(q, num(te, 'resno'));
        }
      }
      this.viewCache.set(relid, out);
      return out;
    } finally {
      this.inProgress.delete(relid);
    }
  }

  /** Range-table indexes on the nullable side of an outer join of this query. */
  private nullableRtes(scope: Scope): Set<number> {
    if (scope.nullable) return scope.nullable;
    const out = new Set<number>();
    const collect = (v: Value | undefined, nulled: boolean): void => {
      if (Array.isArray(v)) return v.forEach((x) => collect(x, nulled));
      if (isNode(v, 'RANGETBLREF')) {
        if (nulled) out.add(num(v, 'rtindex'));
      } else if (isNode(v, 'FROMEXPR')) {
        collect(field(v, 'fromlist'), nulled);
      } else if (isNode(v, 'JOINEXPR')) {
        const jt = num(v, 'jointype');
        collect(field(v, 'larg'), nulled || jt === JOIN_RIGHT || jt === JOIN_FULL);
        collect(field(v, 'rarg'), nulled || jt === JOIN_LEFT || jt === JOIN_FULL);
        if (nulled || jt === JOIN_LEFT || jt === JOIN_RIGHT || jt === JOIN_FULL) out.add(num(v, 'rtindex'));
      }
    };
    collect(field(scope.query, 'jointree'), false);
    scope.nullable = out;
    return out;
  }

  /** The query's output column resno: provably NOT NULL? */
  private queryColumn(q: PgNode, resno: number, parent?: Scope): boolean {
    if (field(q, 'setOperations') !== null && field(q, 'setOperations') !== undefined) return false;
    if (field(q, 'groupingSets') !== null && field(q, 'groupingSets') !== undefined) return false;
    const te = list(q, 'targetList').find((t) => isNode(t, 'TARGETENTRY') && num(t, 'resno') === resno);
    if (!isNode(te)) return false;
    return this.exprNotNull(field(te, 'expr'), { query: q, parent });
  }

  private exprNotNull(expr: Value | undefined, scope: Scope): boolean {
    if (!isNode(expr, 'VAR')) return false;
    let s: Scope | undefined = scope;
    for (let up = num(expr, 'varlevelsup'); up > 0 && s; up--) s = s.parent;
    if (!s) return false;
    const varno = num(expr, 'varno');
    const attno = num(expr, 'varattno');
    if (attno <= 0) return false;
    if (this.nullableRtes(s).has(varno)) return false;
    const rte = list(s.query, 'rtable')[varno - 1];
    if (!isNode(rte, 'RANGETBLENTRY')) return false;
    const kind = num(rte, 'rtekind');
    if (kind === RTE_RELATION) {
      const relid = num(rte, 'relid');
      const relkind = field(rte, 'relkind');
      if (relkind === 'r' || relkind === 'p') return this.cat.notNull.has(`${relid}:${attno}`);
      if (relkind === 'v') return this.viewColumns(relid)[attno - 1] === true;
      return false;
    }
    if (kind === RTE_SUBQUERY) {
      const sub = field(rte, 'subquery');
      return isNode(sub, 'QUERY') && this.queryColumn(sub, attno, s);
    }
    if (kind === RTE_JOIN) {
      const alias = list(rte, 'joinaliasvars')[attno - 1];
      return this.exprNotNull(alias, s);
    }
    if (kind === RTE_CTE) {
      let cs: Scope | undefined = s;
      for (let up = num(rte, 'ctelevelsup'); up > 0 && cs; up--) cs = cs.parent;
      if (!cs) return false;
      const name = field(rte, 'ctename');
      const cte = list(cs.query, 'cteList').find((c) => isNode(c, 'COMMONTABLEEXPR') && field(c, 'ctename') === name);
      if (!isNode(cte) || field(cte, 'cterecursive') === 'true') return false;
      const cq = field(cte, 'ctequery');
      return isNode(cq, 'QUERY') && this.queryColumn(cq, attno, cs);
    }
    return false;
  }
}
