// Deterministic Fundata-like CSV files: the shipped samples under fundata/ and,
// with --quotes-rows, large daily-NAVPS files for benchmarks and tests.
//
//   node --import tsx scripts/generate-fundata.ts                  # fundata/data/*.csv, fundata/quotes/*.csv
//   node --import tsx scripts/generate-fundata.ts --quotes-rows 1000000 --out bench/out
//
// Writes <out>/data/FundGeneralSeed.csv, <out>/data/BenchmarkGeneralSeed.csv and
// <out>/quotes/FundDailyNAVPSSeed.csv. The same seed gives the same bytes. The
// files carry the traits of real Fundata files (docs/FUNDATA.md): UTF-8
// BOM, CRLF, quoted fields with commas and quotes, French accents, empty
// fields, trailing empty lines, duplicate rows, rows without an InstrumentKey,
// invalid dates, numbers with thousands separators or a currency sign, a column
// order that differs between files, and a row or two with the wrong number of
// columns (they end up in raw.rejected_row). The quotes file is streamed to
// disk: memory stays flat whatever --quotes-rows is.
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

export const FUND_COLUMNS = [
  'InstrumentKey',
  'RecordId',
  'Language',
  'LegalName',
  'FamilyName',
  'SeriesName',
  'Company',
  'InceptionDate',
  'Currency',
  'RecordState',
  'ChangeDate',
  'ManagementFee',
  'MER',
  'MinimumInvestment',
  'NAV',
  'Yield',
] as const;

/** Benchmarks come from another extract: same keys, another order. */
export const BENCHMARK_COLUMNS = [
  'RecordId',
  'InstrumentKey',
  'LegalName',
  'Language',
  'Company',
  'FamilyName',
  'SeriesName',
  'Currency',
  'RecordState',
  'InceptionDate',
  'ChangeDate',
  'NAV',
  'Yield',
  'MER',
  'ManagementFee',
  'MinimumInvestment',
] as const;

export const QUOTE_COLUMNS = [
  'RecordId',
  'InstrumentKey',
  'CurrentYield',
  'CurrentYieldPercentChange',
  'Date',
  'NAVPS',
  'NAVPSPennyChange',
  'NAVPSPercentChange',
  'PreviousDate',
  'PreviousNAVPS',
  'Split',
  'RecordState',
  'ChangeDate',
] as const;

export interface GenerateOptions {
  /** Folder receiving data/ and quotes/ (default: the repository's fundata/). */
  out: string;
  seed: number;
  funds: number;
  benchmarks: number;
  /** Funds that have daily prices (the first N funds); the rest are reference data only. */
  pricedFunds: number;
  /** Total quote rows; default: one year of business days for the priced funds. */
  quotesRows?: number;
  /** Last business day of the price history (YYYY-MM-DD). */
  endDate: string;
}

export interface GenerateResult {
  files: { file: string; rows: number; bytes: number }[];
}

export const DEFAULTS: GenerateOptions = {
  out: path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fundata'),
  seed: 20240115,
  funds: 300,
  benchmarks: 36,
  pricedFunds: 150,
  endDate: '2024-12-31',
};

// ---------------------------------------------------------------------------
// seeded PRNG (mulberry32): deterministic, no Math.random

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = ReturnType<typeof prng>;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
/** Standard normal (Box-Muller). */
const normal = (r: Rand) => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());

// ---------------------------------------------------------------------------
// CSV text

/** One CSV field: quoted when it holds a comma, a quote or a line break. */
export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const EOL = '\r\n';
const BOM = '\uFEFF';
const csvLine = (fields: string[]) => fields.map(csvField).join(',') + EOL;

/** 1234567.5 → "1,234,567.50" */
function thousands(n: number, decimals: number): string {
  const [i, f] = n.toFixed(decimals).split('.');
  return i!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (f ? '.' + f : '');
}

// ---------------------------------------------------------------------------
// dates (UTC, ISO text)

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const isBusinessDay = (t: number) => {
  const d = new Date(t).getUTCDay();
  return d !== 0 && d !== 6;
};
function previousBusinessDay(t: number): number {
  do t -= DAY;
  while (!isBusinessDay(t));
  return t;
}
/** The n business days ending at endDate (inclusive), oldest first. */
function businessDays(endDate: string, n: number): number[] {
  const days: number[] = [];
  let t = Date.parse(endDate + 'T00:00:00Z');
  if (!isBusinessDay(t)) t = previousBusinessDay(t);
  for (; days.length < n; t = previousBusinessDay(t)) days.push(t);
  return days.reverse();
}

// ---------------------------------------------------------------------------
// reference data

const COMPANIES_EN = [
  'MD Financial Management Inc.',
  'Mackenzie Financial Corporation',
  'Fidelity Investments Canada ULC',
  'TD Asset Management Inc.',
  'BMO Investments Inc.',
  'RBC Global Asset Management Inc.',
  'CI Global Asset Management',
  'Dynamic Funds, a division of 1832 Asset Management L.P.',
  'Manulife Investment Management Limited',
  'Beutel, Goodman & Company Ltd.',
];
const COMPANIES_FR = [
  'Fonds Desjardins',
  'Gestion de placements Manuvie ltée',
  'Banque Nationale Investissements inc.',
  'Placements CI, Inc.',
  'Fiera Capital Corporation',
  "Gestion d'actifs Industrielle Alliance, inc.",
];
const FAMILIES_EN = ['MD', 'Mackenzie', 'Fidelity', 'TD', 'BMO', 'RBC', 'CI', 'Dynamic', 'Manulife', 'Beutel Goodman'];
const FAMILIES_FR = ['Desjardins', 'Manuvie', 'BNI', 'CI', 'Fiera', 'IA Clarington'];
const STRATEGIES_EN = [
  'Dividend Income Index',
  'Canadian Equity',
  'Global Balanced',
  'Canadian Bond',
  'U.S. Small Cap',
  'Monthly Income',
  'Emerging Markets',
  'Global Real Estate',
  'Short-Term Bond',
  'Growth & Income',
  '"Strategic" Yield',
  'North American Value',
  'Money Market',
  'Tactical Asset Allocation',
];
const STRATEGIES_FR = [
  'équilibré',
  "d'actions canadiennes",
  'de revenu à rendement élevé',
  'obligations mondiales',
  'marchés émergents',
  'croissance et revenu',
  'actions américaines « Élite »',
  'marché monétaire',
  'revenu mensuel',
  'immobilier mondial',
];
const SERIES_EN = ['Series A', 'Series F', 'Series D', 'Series I', 'Advisor Series', 'Series T5', 'ETF Series'];
const SERIES_FR = ['série A', 'série F', 'série D', 'série I', 'série Conseillers', 'série T5'];
const BENCHMARKS_EN = [
  'S&P/TSX Composite Index',
  'FTSE Canada Universe Bond Index',
  'MSCI EAFE Index (C$)',
  'S&P 500 Index (C$)',
  'MSCI World Index, Net',
  'FTSE Canada 91 Day T-Bill Index',
  'Russell 2000 Index (C$)',
  'MSCI Emerging Markets Index',
  'S&P/TSX Capped Dividend Index',
  'Bloomberg Global Aggregate Index, "Hedged" (C$)',
  'S&P/TSX SmallCap Index',
  'Dow Jones U.S. Select REIT Index',
];
const BENCHMARKS_FR = [
  'Indice composé S&P/TSX',
  'Indice obligataire universel FTSE Canada',
  'Indice MSCI EAEO ($ CA)',
  'Indice S&P 500 ($ CA)',
  'Indice des bons du Trésor à 91 jours FTSE Canada',
  'Indice MSCI Monde, net',
];
const BENCHMARK_COMPANIES = ['S&P Dow Jones Indices', 'FTSE Russell', 'MSCI Inc.', 'Bloomberg Index Services Limited'];

interface Fund {
  key: string;
  language: 'EN' | 'FR';
  /** starting NAVPS, daily volatility, yield (null: the fund reports none) */
  price: number;
  vol: number;
  yield: number | null;
  /** NAVPS written with thousands separators (a vendor export quirk seen on high-priced funds) */
  thousands: boolean;
}

/** Distinct InstrumentKeys, deterministic: a shuffled range. */
function keys(r: Rand, n: number, from: number): string[] {
  const span = n * 7;
  const all = Array.from({ length: span }, (_, i) => from + i);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, n).map(String);
}

function randomDate(r: Rand, fromYear: number, toYear: number): string {
  const a = Date.UTC(fromYear, 0, 1);
  const b = Date.UTC(toYear, 11, 31);
  return iso(a + Math.floor(r() * ((b - a) / DAY)) * DAY);
}

function fundRow(r: Rand, f: Fund, recordId: number): Record<string, string> {
  const fr = f.language === 'FR';
  const family = fr ? pick(r, FAMILIES_FR) : pick(r, FAMILIES_EN);
  const series = fr ? pick(r, SERIES_FR) : pick(r, SERIES_EN);
  const legal = fr ? `Fonds ${pick(r, STRATEGIES_FR)} ${family}, ${series}` : `${family} ${pick(r, STRATEGIES_EN)} Fund - ${series}`;
  const fee = r() < 0.9 ? (0.5 + r() * 1.7).toFixed(2) : '';
  const mer = fee ? (Number(fee) + 0.1 + r() * 0.6).toFixed(4) : '';
  const minimum = pick(r, ['500', '1000', '5000', '25000', '150000', '']);
  const nav = (1e6 + r() * 4e9).toFixed(2);
  return {
    InstrumentKey: f.key,
    RecordId: String(recordId),
    Language: f.language,
    LegalName: legal,
    FamilyName: family,
    SeriesName: series,
    Company: fr ? pick(r, COMPANIES_FR) : pick(r, COMPANIES_EN),
    InceptionDate: randomDate(r, 1995, 2022),
    Currency: r() < 0.85 ? 'CAD' : r() < 0.6 ? 'USD' : '',
    RecordState: r() < 0.95 ? 'Active' : 'Inactive',
    ChangeDate: randomDate(r, 2023, 2024),
    ManagementFee: fee,
    MER: mer,
    MinimumInvestment: minimum,
    NAV: nav,
    Yield: f.yield === null ? '' : f.yield.toFixed(4),
  };
}

// ---------------------------------------------------------------------------
// writing

class Out {
  private buf = '';
  rows = 0;
  bytes = 0;
  private readonly ws: fs.WriteStream;
  constructor(readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.ws = fs.createWriteStream(file);
    this.buf = BOM;
  }
  async write(text: string, row = true): Promise<void> {
    this.buf += text;
    if (row) this.rows++;
    if (this.buf.length >= 1 << 16) await this.flush();
  }
  private async flush(): Promise<void> {
    const chunk = Buffer.from(this.buf, 'utf8');
    this.buf = '';
    this.bytes += chunk.length;
    if (!this.ws.write(chunk)) await once(this.ws, 'drain');
  }
  async close(): Promise<{ file: string; rows: number; bytes: number }> {
    await this.flush();
    this.ws.end();
    await once(this.ws, 'finish');
    return { file: this.file, rows: this.rows, bytes: this.bytes };
  }
}

export async function generateFundata(options: Partial<GenerateOptions> = {}): Promise<GenerateResult> {
  const o: GenerateOptions = { ...DEFAULTS, ...options };
  if (o.pricedFunds > o.funds) o.pricedFunds = o.funds;
  const r = prng(o.seed);
  const files: GenerateResult['files'] = [];

  // ---------- funds: one language per InstrumentKey
  const fundKeys = keys(r, o.funds + 4, 10_000);
  const funds: Fund[] = fundKeys.slice(0, o.funds).map((key, i) => ({
    key,
    language: r() < 0.7 ? 'EN' : 'FR',
    price: i === 7 ? 1000 + r() * 400 : 5 + r() * 45,
    vol: 0.002 + r() * 0.01,
    yield: r() < 0.35 ? 1 + r() * 6 : null,
    thousands: i === 7,
  }));
  // keys that appear only in quotes (priced before their reference rows arrive)
  const quotesOnly: Fund[] = fundKeys.slice(o.funds, o.funds + 2).map((key) => ({
    key,
    language: 'EN',
    price: 10 + r() * 10,
    vol: 0.005,
    yield: null,
    thousands: false,
  }));
  // the key of a row cut short by a stray comma: rejected, so never in core
  const strayKey = fundKeys[o.funds + 2]!;

  // ---------- FundGeneralSeed.csv
  {
    const out = new Out(path.join(o.out, 'data', 'FundGeneralSeed.csv'));
    await out.write(csvLine([...FUND_COLUMNS]), false);
    let recordId = 1;
    const n = funds.length;
    for (let i = 0; i < n; i++) {
      const f = funds[i]!;
      const row = fundRow(r, f, recordId++);
      // traits, at fixed positions so every regeneration has them
      if (i === 3) row.MinimumInvestment = '$1,000';
      if (i === 11) row.MinimumInvestment = '25,000';
      if (i === 19) row.NAV = '$' + thousands(Number(row.NAV), 2);
      if (i === 23) row.NAV = thousands(Number(row.NAV), 2);
      if (i === 29) row.InceptionDate = '2019-02-30';
      if (i === 37) row.ChangeDate = '2024-13-01';
      if (i === 41) row.MER = 'n/a';
      const line = csvLine(FUND_COLUMNS.map((c) => row[c]!));
      await out.write(line);
      // a few exact duplicate rows
      if (i === 5 || i === 120 || i === n - 2) await out.write(line);
      // rows that lost their InstrumentKey
      if (i === 50 || i === 180) {
        const orphan = fundRow(r, funds[(i * 7) % n]!, recordId++);
        orphan.InstrumentKey = '';
        await out.write(csvLine(FUND_COLUMNS.map((c) => orphan[c]!)));
      }
      // a row written without quoting its comma-holding name: one field too many
      if (i === 90) {
        const stray = fundRow(r, { ...f, key: strayKey, language: 'FR' }, recordId++);
        stray.LegalName = 'Fonds équilibré Desjardins, série F';
        await out.write(FUND_COLUMNS.map((c) => (c === 'LegalName' ? stray[c]! : csvField(stray[c]!))).join(',') + EOL);
      }
    }
    await out.write(EOL + EOL, false); // trailing empty lines
    files.push(await out.close());
  }

  // ---------- BenchmarkGeneralSeed.csv (another column order; benchmarks carry no fees)
  {
    const out = new Out(path.join(o.out, 'data', 'BenchmarkGeneralSeed.csv'));
    await out.write(csvLine([...BENCHMARK_COLUMNS]), false);
    const benchKeys = keys(r, o.benchmarks, 900_000);
    for (let i = 0; i < o.benchmarks; i++) {
      const fr = i % 4 === 3;
      const name = fr ? BENCHMARKS_FR[i % BENCHMARKS_FR.length]! : BENCHMARKS_EN[i % BENCHMARKS_EN.length]!;
      const variant = Math.floor(i / (fr ? BENCHMARKS_FR.length : BENCHMARKS_EN.length));
      const row: Record<string, string> = {
        RecordId: String(5000 + i),
        InstrumentKey: benchKeys[i]!,
        LegalName: variant ? `${name} ${fr ? 'rendement total' : 'Total Return'}${variant > 1 ? ` ${variant}` : ''}` : name,
        Language: fr ? 'FR' : 'EN',
        Company: pick(r, BENCHMARK_COMPANIES),
        FamilyName: '',
        SeriesName: '',
        Currency: name.includes('$') || r() < 0.7 ? 'CAD' : 'USD',
        RecordState: 'Active',
        InceptionDate: randomDate(r, 1977, 2010),
        ChangeDate: randomDate(r, 2024, 2024),
        NAV: '',
        Yield: r() < 0.5 ? (1 + r() * 4).toFixed(4) : '',
        MER: '',
        ManagementFee: '',
        MinimumInvestment: '',
      };
      if (i === 9) row.ChangeDate = '2024-02-30';
      await out.write(csvLine(BENCHMARK_COLUMNS.map((c) => row[c]!)));
      if (i === 14) await out.write(csvLine(BENCHMARK_COLUMNS.map((c) => row[c]!)));
    }
    await out.write(EOL, false);
    files.push(await out.close());
  }

  // ---------- FundDailyNAVPSSeed.csv: date-major, random-walk prices, streamed
  {
    const priced = [...funds.slice(0, o.pricedFunds), ...quotesOnly];
    // --quotes-rows counts lines (duplicates included); the default, a year of distinct rows
    const total = o.quotesRows ?? 252 * priced.length;
    const maxLines = o.quotesRows ?? Infinity;
    const days = businessDays(o.endDate, Math.ceil(total / priced.length));
    const out = new Out(path.join(o.out, 'quotes', 'FundDailyNAVPSSeed.csv'));
    await out.write(csvLine([...QUOTE_COLUMNS]), false);
    const nav = priced.map((f) => Math.round(f.price * 1e4) / 1e4);
    const yld = priced.map((f) => f.yield);
    const prevDay = previousBusinessDay(days[0]!);
    // fixed defect positions, spread over the file
    const at = (fraction: number) => Math.floor(total * fraction);
    const duplicates = new Set([at(0.1), at(0.55), at(0.9)]);
    const missingKey = new Set([at(0.2), at(0.7)]);
    const badDate = at(0.3);
    const truncated = at(0.45);
    const dollar = at(0.6);
    let written = 0;
    let recordId = 26_177;
    const fmt = (f: Fund, v: number) => (f.thousands ? thousands(v, 8) : v.toFixed(8));
    outer: for (let d = 0; d < days.length; d++) {
      const day = days[d]!;
      const date = iso(day);
      const previousDate = iso(d ? days[d - 1]! : prevDay);
      for (let k = 0; k < priced.length; k++) {
        if (written >= total || out.rows >= maxLines) break outer;
        const f = priced[k]!;
        const prev = nav[k]!;
        // round to the cent-fraction Fundata publishes, so PreviousNAVPS equals the prior row's NAVPS
        const next = Math.max(0.01, Math.round(prev * Math.exp(f.vol * normal(r) - (f.vol * f.vol) / 2) * 1e4) / 1e4);
        nav[k] = next;
        let yieldText = '';
        let yieldChange = '';
        if (yld[k] !== null) {
          const y = Math.max(0.05, yld[k]! + 0.01 * normal(r));
          yieldText = y.toFixed(8);
          yieldChange = r() < 0.5 ? (((y - yld[k]!) / yld[k]!) * 100).toFixed(8) : '';
          yld[k] = y;
        }
        const row: string[] = [
          String(recordId++),
          f.key,
          yieldText,
          yieldChange,
          date,
          fmt(f, next),
          (next - prev).toFixed(8),
          (((next - prev) / prev) * 100).toFixed(8),
          previousDate,
          fmt(f, prev),
          '',
          'Active',
          r() < 0.9 ? date : iso(day + DAY),
        ];
        if (written === badDate) row[4] = date.slice(0, 5) + '02-30';
        if (written === dollar) row[5] = '$' + row[5];
        if (missingKey.has(written)) row[1] = '';
        let line = csvLine(row);
        // a line cut short in transfer: fewer columns, so rejected (and kept)
        if (written === truncated) line = row.slice(0, 7).join(',') + EOL;
        await out.write(line);
        written++;
        if (duplicates.has(written - 1) && out.rows < maxLines) await out.write(line);
      }
    }
    await out.write(EOL + EOL, false);
    files.push(await out.close());
  }
  return { files };
}

// ---------------------------------------------------------------------------
// command line

async function cli(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      seed: { type: 'string' },
      funds: { type: 'string' },
      benchmarks: { type: 'string' },
      'priced-funds': { type: 'string' },
      'quotes-rows': { type: 'string' },
      'end-date': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(
      'usage: node --import tsx scripts/generate-fundata.ts [--out DIR] [--quotes-rows N] [--funds N]\n' +
        '       [--priced-funds N] [--benchmarks N] [--seed N] [--end-date YYYY-MM-DD]\n' +
        'Writes DIR/data/FundGeneralSeed.csv, DIR/data/BenchmarkGeneralSeed.csv, DIR/quotes/FundDailyNAVPSSeed.csv\n' +
        '(DIR defaults to fundata/, the shipped samples).\n',
    );
    return;
  }
  const num = (name: string, v: string | undefined, min: number) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got "${v}"`);
    return n;
  };
  const o: Partial<GenerateOptions> = {};
  if (values.out) o.out = path.resolve(values.out);
  const set = <K extends keyof GenerateOptions>(k: K, v: GenerateOptions[K] | undefined) => {
    if (v !== undefined) o[k] = v;
  };
  set('seed', num('seed', values.seed, 0));
  set('funds', num('funds', values.funds, 1));
  set('benchmarks', num('benchmarks', values.benchmarks, 1));
  set('pricedFunds', num('priced-funds', values['priced-funds'], 1));
  set('quotesRows', num('quotes-rows', values['quotes-rows'], 1));
  if (values['end-date']) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values['end-date'])) throw new Error('--end-date must be YYYY-MM-DD');
    o.endDate = values['end-date'];
  }
  // a large quotes file prices every fund, over as many days as it takes
  if (o.quotesRows !== undefined && o.pricedFunds === undefined) o.pricedFunds = o.funds ?? DEFAULTS.funds;
  const t0 = performance.now();
  const { files } = await generateFundata(o);
  for (const f of files) {
    process.stdout.write(`${path.relative(process.cwd(), f.file) || f.file}: ${f.rows} rows, ${(f.bytes / 1048576).toFixed(1)} MiB\n`);
  }
  process.stdout.write(`done in ${((performance.now() - t0) / 1000).toFixed(1)}s\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli().catch((err) => {
    process.stderr.write(`generate-fundata: ${(err as Error).message}\n`);
    process.exitCode = 1;
  });
}
