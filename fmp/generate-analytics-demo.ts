// Writes fmp/demo-generated/analytics-history.json: GENERATED synthetic daily
// prices and treasury rates (not market data) that give the analytics demo
// (`make demo`) the history it needs: at least 300 trading days for the demo
// portfolios' symbols (positions/demo/) and the seven factor ETFs. Symbols
// that fmp/demo/ answers for November 2024 (AAPL, MSFT, SPY) and the treasury
// curve get only the days before it, ending where those answers start; the
// others run to 2024-11-29 on the same trading dates. Deterministic (seeded):
// the factor ETFs move with one market return, each stock with its factors.
//
//   node --import tsx fmp/generate-analytics-demo.ts
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const DEMO = path.join(ROOT, 'fmp', 'demo', 'stable');
const OUT = path.join(ROOT, 'fmp', 'demo-generated', 'analytics-history.json');

let seed = 20241122;
function rand(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return (seed + 0.5) / 2147483648;
}
/** A standard normal draw (Box-Muller). */
function normal(): number {
  return Math.sqrt(-2 * Math.log(rand())) * Math.cos(2 * Math.PI * rand());
}
const r2 = (x: number) => Math.round(x * 100) / 100;

type Row = Record<string, unknown>;
const readAnswer = (rel: string) => JSON.parse(fs.readFileSync(path.join(DEMO, rel), 'utf8')) as Row[];

// the trading dates: weekdays from 2023-06-01 through October 2024, then the
// dates of the shipped November answers (SPY's)
const shippedDates = readAnswer('historical-price-eod-full/SPY.json')
  .map((r) => String(r.date))
  .sort();
const firstShipped = shippedDates[0]!;
const dates: string[] = [];
for (let d = new Date('2023-06-01T00:00:00Z'); d.toISOString().slice(0, 10) < firstShipped; d.setUTCDate(d.getUTCDate() + 1)) {
  if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) dates.push(d.toISOString().slice(0, 10));
}
const before = dates.length;
dates.push(...shippedDates);

// returns: a market factor and six style factors
const market = dates.map(() => 0.0004 + 0.009 * normal());
const style = Array.from({ length: 6 }, () => dates.map(() => 0.004 * normal()));
const etfs: Record<string, number[]> = { SPY: market };
const etfLoads: [string, number, number][] = [
  ['VTV', 0.85, 0.9],
  ['VUG', 1.1, -0.9],
  ['MTUM', 1.0, 0.6],
  ['QUAL', 0.95, 0.5],
  ['SLY', 1.15, 0.8],
  ['USMV', 0.7, 0.4],
];
etfLoads.forEach(([sym, b, s], k) => (etfs[sym] = dates.map((_d, i) => b * market[i]! + s * style[k]![i]! + 0.002 * normal())));
const factorOrder = ['SPY', 'VTV', 'VUG', 'MTUM', 'QUAL', 'SLY', 'USMV'];
const stock = (betas: number[], noise: number) =>
  dates.map((_d, i) => betas.reduce((a, b, k) => a + b * etfs[factorOrder[k]!]![i]!, 0) + noise * normal());
const stocks: Record<string, number[]> = {
  AAPL: stock([1.1, 0, 0.4, 0.1, 0.2, 0, 0], 0.011),
  MSFT: stock([1.0, 0, 0.3, 0.1, 0.3, 0, 0], 0.01),
  NVDA: stock([1.5, -0.2, 0.8, 0.4, 0, 0, 0], 0.022),
  JPM: stock([1.0, 0.6, -0.2, 0, 0, 0.1, 0], 0.01),
  XOM: stock([0.7, 0.7, -0.4, 0, 0, 0, 0.2], 0.013),
  JNJ: stock([0.5, 0.2, 0, 0, 0.2, 0, 0.5], 0.008),
};

/** A close series ending at `end` (from the shipped answers) or starting at `start`. */
function closes(rets: number[], opts: { end?: number; start?: number }): number[] {
  const p = new Array<number>(rets.length);
  if (opts.end !== undefined) {
    p[rets.length - 1] = opts.end;
    for (let i = rets.length - 1; i > 0; i--) p[i - 1] = p[i]! / (1 + rets[i]!);
  } else {
    p[0] = opts.start!;
    for (let i = 1; i < rets.length; i++) p[i] = p[i - 1]! * (1 + rets[i]!);
  }
  return p;
}

const recorded = new Set(['AAPL', 'MSFT', 'SPY']);
const starts: Record<string, number> = {
  NVDA: 42,
  JPM: 150,
  XOM: 105,
  JNJ: 160,
  VTV: 150,
  VUG: 290,
  MTUM: 160,
  QUAL: 150,
  SLY: 85,
  USMV: 78,
};
function series(sym: string, rets: number[]): Row[] {
  let p: number[];
  let upTo = dates.length;
  if (recorded.has(sym)) {
    // end the day before the shipped answers start, one day's return below their first close
    const first = readAnswer(`historical-price-eod-full/${sym}.json`).find((r) => r.date === firstShipped)!;
    upTo = before;
    p = closes(rets.slice(0, before + 1), { end: Number(first.close) }).slice(0, before);
  } else {
    p = closes(rets, { start: starts[sym]! });
  }
  const rows: Row[] = [];
  for (let i = 0; i < upTo; i++) {
    const c = r2(p[i]!);
    const spread = Math.abs(0.006 * normal());
    rows.push({
      symbol: sym,
      date: dates[i],
      open: r2(c * (1 + spread / 2 - spread * rand())),
      high: r2(c * (1 + spread)),
      low: r2(c * (1 - spread)),
      close: c,
      volume: Math.round(1e6 * (1 + rand() * 4)),
    });
  }
  for (const r of rows) {
    r.high = Math.max(Number(r.high), Number(r.open), Number(r.close));
    r.low = Math.min(Number(r.low), Number(r.open), Number(r.close));
  }
  return rows.reverse(); // newest first, as FMP answers
}

// the treasury curve before the shipped answers, ending at their first day
const firstCurve = readAnswer('treasury-rates/_.json').find((r) => r.date === firstShipped)!;
const tenor = ['month1', 'month2', 'month3', 'month6', 'year1', 'year2', 'year3', 'year5', 'year7', 'year10', 'year20', 'year30'];
const level = Object.fromEntries(tenor.map((k) => [k, Number(firstCurve[k])]));
const curve: Row[] = [];
for (let i = before - 1; i >= 0; i--) {
  const shift = 0.04 * normal();
  for (const k of tenor) level[k] = r2(level[k]! - shift * (k.startsWith('month') ? 0.3 : 1) - 0.005 * normal());
  curve.push({ date: dates[i], ...Object.fromEntries(tenor.map((k) => [k, level[k]])) });
}

const out = {
  generated:
    'GENERATED synthetic prices and treasury rates for the analytics demo (fmp/generate-analytics-demo.ts): not recorded market data. ' +
    "They extend the shipped answers of fmp/demo/ back to 2023-06-01 and add the demo portfolios' other symbols.",
  equity_price: Object.fromEntries(Object.entries(stocks).map(([s, r]) => [s, series(s, r)])),
  etf_price: Object.fromEntries(Object.entries(etfs).map(([s, r]) => [s, series(s, r)])),
  treasury: curve,
};
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, JSON.stringify(out) + '\n');
console.log(`wrote ${path.relative(ROOT, OUT)}: ${dates.length} trading dates (${before} before ${firstShipped})`);
