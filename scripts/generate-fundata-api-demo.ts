// Generates the Fundata dbsync samples that `sra demo` serves (fundata/api-demo/):
// synthetic answers in the vendor's CSV shape (docs/FUNDATA.md), not recordings;
// one CSV per endpoint that has a typed table, plus fund/getgeneral and
// fund/getdailynavps, for a few dozen funds and a few benchmarks of the shipped
// seed files. Deterministic: identifiers, names, fees and dates come from the
// seed files; every other number from a PRNG seeded by the identifier.
//
//   node --import tsx scripts/generate-fundata-api-demo.ts            # writes fundata/api-demo/*.csv
//   node --import tsx scripts/generate-fundata-api-demo.ts --check    # exit 1 when the committed files differ
//   … --seed <dir> --out <dir>    # read <dir>/data and <dir>/quotes instead of fundata/; write elsewhere
//
// What the answers do to a database holding the CSV seed:
// - fund/getgeneral repeats most selected funds exactly as seeded (no new
//   version) and changes four: a lower MER, a lower management fee (and MER),
//   a fund closed (RecordState Inactive), a higher minimum investment. Those
//   four get data_version 2 with data_source 'API'.
// - benchmark/getgeneral repeats a few benchmarks and updates one's yield.
// - fund/getdailynavps continues a few funds' NAVPS for five business days
//   after the last date of the seed (weekdays, as in the seed; not January 1).
// - the other endpoints describe the selected funds (performance, distributions,
//   top holdings, allocations, expenses, assets, calendar-year returns) as of
//   the seed's last date; trailing returns come from the seeded NAVPS where the
//   seed reaches back far enough.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const API_DEMO_DIR = path.join(ROOT, 'fundata', 'api-demo');
const SEED_DIR = path.join(ROOT, 'fundata');

/** How many funds the answers describe. */
const FUNDS = 30;
/** Funds whose NAVPS history continues, and for how many weekdays. */
const NAVPS_FUNDS = 6;
const NAVPS_DAYS = 5;
const BENCHMARKS = 6;

// ---------------------------------------------------------------------------
// small deterministic helpers
// ---------------------------------------------------------------------------

/** mulberry32 seeded by FNV-1a of a text: the same text gives the same sequence. */
function rng(seedText: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seedText.length; i++) {
    h ^= seedText.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let a = h;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (r: () => number, lo: number, hi: number) => lo + (hi - lo) * r();

/** A standard normal draw (Box–Muller). */
function normal(r: () => number): number {
  const u = Math.max(r(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

function shuffled<T>(items: readonly T[], r: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

const fx = (n: number, d: number) => (Object.is(Math.round(n * 10 ** d), -0) ? 0 : n).toFixed(d);

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const PLAIN = /^-?\d+(\.\d+)?$/;

function isDate(s: string | undefined): s is string {
  if (!s || !ISO.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

/** The next n business days after day: weekdays, as in the seed, but not New Year's Day. */
function businessDaysAfter(day: string, n: number): string[] {
  const out: string[] = [];
  for (let d = addDays(day, 1); out.length < n; d = addDays(d, 1)) if (weekday(d) % 6 !== 0 && !d.endsWith('-01-01')) out.push(d);
  return out;
}

/** The last day of the month of day, k months earlier (k = 0: its own month). */
function monthEnd(day: string, k: number): string {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - k + 1);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

function monthsBefore(day: string, k: number): string {
  const [y, m, dd] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1 - k, 1));
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  return `${t.toISOString().slice(0, 7)}-${String(Math.min(dd, last)).padStart(2, '0')}`;
}

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function toCsv(header: readonly string[], rows: Record<string, string>[]): string {
  return [header, ...rows.map((r) => header.map((h) => r[h] ?? ''))].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

/** A seed file's rows as objects; rows with the wrong number of fields are left out. */
function readSeed(file: string): { header: string[]; rows: Record<string, string>[] } {
  const records = parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), {
    relax_column_count: true,
    skip_empty_lines: true,
  }) as string[][];
  const [header = [], ...body] = records;
  const rows = body.filter((r) => r.length === header.length).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]!])));
  return { header, rows };
}

// ---------------------------------------------------------------------------
// what a fund holds, by the kind its name says
// ---------------------------------------------------------------------------

type Kind = 'money' | 'bond' | 'balanced' | 'realestate' | 'emerging' | 'us' | 'northamerica' | 'global' | 'canada';

function kindOf(name: string): Kind {
  if (/money market/i.test(name)) return 'money';
  if (/bond|fixed income/i.test(name)) return 'bond';
  if (/real estate/i.test(name)) return 'realestate';
  if (/emerging/i.test(name)) return 'emerging';
  if (/balanced|growth & income|monthly income|asset allocation|yield/i.test(name)) return 'balanced';
  if (/north american/i.test(name)) return 'northamerica';
  if (/u\.s\.|american/i.test(name)) return 'us';
  if (/global|international|world/i.test(name)) return 'global';
  return 'canada';
}

/** Daily NAVPS volatility and a plausible long-run annual return, by kind. */
const RISK: Record<Kind, { daily: number; annual: number; spread: number }> = {
  money: { daily: 0.0001, annual: 3, spread: 1.5 },
  bond: { daily: 0.0025, annual: 2.5, spread: 5 },
  balanced: { daily: 0.005, annual: 5.5, spread: 8 },
  realestate: { daily: 0.009, annual: 4, spread: 14 },
  emerging: { daily: 0.01, annual: 4.5, spread: 16 },
  us: { daily: 0.01, annual: 10, spread: 15 },
  northamerica: { daily: 0.009, annual: 8.5, spread: 13 },
  global: { daily: 0.0085, annual: 8, spread: 13 },
  canada: { daily: 0.008, annual: 7.5, spread: 12 },
};

const ASSET_MIX: Record<Kind, [string, number][]> = {
  money: [
    ['Cash and Equivalents', 94],
    ['Canadian Fixed Income', 6],
  ],
  bond: [
    ['Canadian Fixed Income', 84],
    ['Foreign Fixed Income', 11],
    ['Cash and Equivalents', 5],
  ],
  balanced: [
    ['Canadian Equity', 31],
    ['US Equity', 17],
    ['International Equity', 9],
    ['Canadian Fixed Income', 33],
    ['Foreign Fixed Income', 6],
    ['Cash and Equivalents', 4],
  ],
  realestate: [
    ['US Equity', 46],
    ['International Equity', 38],
    ['Canadian Equity', 13],
    ['Cash and Equivalents', 3],
  ],
  emerging: [
    ['International Equity', 96],
    ['Cash and Equivalents', 4],
  ],
  us: [
    ['US Equity', 95],
    ['Canadian Equity', 2],
    ['Cash and Equivalents', 3],
  ],
  northamerica: [
    ['US Equity', 54],
    ['Canadian Equity', 43],
    ['Cash and Equivalents', 3],
  ],
  global: [
    ['US Equity', 57],
    ['International Equity', 34],
    ['Canadian Equity', 5],
    ['Cash and Equivalents', 4],
  ],
  canada: [
    ['Canadian Equity', 91],
    ['US Equity', 6],
    ['Cash and Equivalents', 3],
  ],
};

const FIXED_INCOME_SECTORS: [string, number][] = [
  ['Government Bonds', 52],
  ['Corporate Bonds', 38],
  ['Mortgages', 4],
  ['Cash and Equivalents', 6],
];
const MONEY_SECTORS: [string, number][] = [
  ['Treasury Bills', 48],
  ['Bankers Acceptances and Deposit Notes', 37],
  ['Commercial Paper', 12],
  ['Cash', 3],
];
const SECTOR_MIX: Record<Kind, [string, number][]> = {
  money: MONEY_SECTORS,
  bond: FIXED_INCOME_SECTORS,
  balanced: [
    ['Fixed Income', 39],
    ['Financials', 17],
    ['Energy', 8],
    ['Information Technology', 10],
    ['Industrials', 9],
    ['Materials', 5],
    ['Consumer Discretionary', 4],
    ['Health Care', 3],
    ['Cash and Equivalents', 5],
  ],
  realestate: [
    ['Real Estate', 91],
    ['Financials', 4],
    ['Cash and Equivalents', 5],
  ],
  emerging: [
    ['Information Technology', 26],
    ['Financials', 23],
    ['Consumer Discretionary', 14],
    ['Communication Services', 10],
    ['Energy', 6],
    ['Materials', 7],
    ['Industrials', 6],
    ['Consumer Staples', 5],
    ['Cash and Equivalents', 3],
  ],
  us: [
    ['Information Technology', 31],
    ['Health Care', 12],
    ['Financials', 13],
    ['Consumer Discretionary', 11],
    ['Communication Services', 9],
    ['Industrials', 9],
    ['Consumer Staples', 6],
    ['Energy', 4],
    ['Utilities', 2],
    ['Cash and Equivalents', 3],
  ],
  northamerica: [
    ['Financials', 22],
    ['Information Technology', 20],
    ['Energy', 11],
    ['Industrials', 12],
    ['Health Care', 8],
    ['Consumer Discretionary', 8],
    ['Materials', 6],
    ['Communication Services', 5],
    ['Utilities', 3],
    ['Cash and Equivalents', 5],
  ],
  global: [
    ['Information Technology', 24],
    ['Financials', 16],
    ['Health Care', 12],
    ['Industrials', 11],
    ['Consumer Discretionary', 11],
    ['Communication Services', 8],
    ['Consumer Staples', 7],
    ['Energy', 4],
    ['Materials', 3],
    ['Cash and Equivalents', 4],
  ],
  canada: [
    ['Financials', 33],
    ['Energy', 17],
    ['Industrials', 13],
    ['Materials', 11],
    ['Information Technology', 9],
    ['Utilities', 4],
    ['Communication Services', 4],
    ['Consumer Staples', 4],
    ['Consumer Discretionary', 2],
    ['Cash and Equivalents', 3],
  ],
};

const GEO_MIX: Record<Kind, [string, number][]> = {
  money: [['Canada', 100]],
  bond: [
    ['Canada', 88],
    ['United States', 9],
    ['Europe', 3],
  ],
  balanced: [
    ['Canada', 66],
    ['United States', 23],
    ['Europe', 7],
    ['Asia Pacific', 4],
  ],
  realestate: [
    ['United States', 47],
    ['Canada', 14],
    ['Europe', 19],
    ['Asia Pacific', 18],
    ['Other', 2],
  ],
  emerging: [
    ['China', 27],
    ['India', 20],
    ['Taiwan', 18],
    ['South Korea', 11],
    ['Brazil', 6],
    ['Other Emerging Markets', 18],
  ],
  us: [
    ['United States', 96],
    ['Canada', 4],
  ],
  northamerica: [
    ['United States', 55],
    ['Canada', 45],
  ],
  global: [
    ['United States', 60],
    ['Europe', 19],
    ['Asia Pacific', 11],
    ['Canada', 6],
    ['Other', 4],
  ],
  canada: [
    ['Canada', 92],
    ['United States', 8],
  ],
};

type Security = [name: string, symbol: string, sector: string, country: string];

const CANADA: Security[] = [
  ['Royal Bank of Canada', 'RY', 'Financials', 'Canada'],
  ['Toronto-Dominion Bank', 'TD', 'Financials', 'Canada'],
  ['Enbridge Inc.', 'ENB', 'Energy', 'Canada'],
  ['Canadian Natural Resources Ltd.', 'CNQ', 'Energy', 'Canada'],
  ['Shopify Inc., Class A', 'SHOP', 'Information Technology', 'Canada'],
  ['Bank of Montreal', 'BMO', 'Financials', 'Canada'],
  ['Brookfield Corp., Class A', 'BN', 'Financials', 'Canada'],
  ['Canadian Pacific Kansas City Ltd.', 'CP', 'Industrials', 'Canada'],
  ['Canadian National Railway Co.', 'CNR', 'Industrials', 'Canada'],
  ['Bank of Nova Scotia', 'BNS', 'Financials', 'Canada'],
  ['Constellation Software Inc.', 'CSU', 'Information Technology', 'Canada'],
  ['Manulife Financial Corp.', 'MFC', 'Financials', 'Canada'],
  ['Suncor Energy Inc.', 'SU', 'Energy', 'Canada'],
  ['Waste Connections Inc.', 'WCN', 'Industrials', 'Canada'],
  ['Agnico Eagle Mines Ltd.', 'AEM', 'Materials', 'Canada'],
  ['Nutrien Ltd.', 'NTR', 'Materials', 'Canada'],
  ['TELUS Corp.', 'T', 'Communication Services', 'Canada'],
  ['Fortis Inc.', 'FTS', 'Utilities', 'Canada'],
  ['Alimentation Couche-Tard Inc.', 'ATD', 'Consumer Staples', 'Canada'],
  ['Dollarama Inc.', 'DOL', 'Consumer Discretionary', 'Canada'],
  ['Thomson Reuters Corp.', 'TRI', 'Industrials', 'Canada'],
  ['Sun Life Financial Inc.', 'SLF', 'Financials', 'Canada'],
  ['Intact Financial Corp.', 'IFC', 'Financials', 'Canada'],
];
const US: Security[] = [
  ['Apple Inc.', 'AAPL', 'Information Technology', 'United States'],
  ['Microsoft Corp.', 'MSFT', 'Information Technology', 'United States'],
  ['NVIDIA Corp.', 'NVDA', 'Information Technology', 'United States'],
  ['Amazon.com Inc.', 'AMZN', 'Consumer Discretionary', 'United States'],
  ['Alphabet Inc., Class A', 'GOOGL', 'Communication Services', 'United States'],
  ['Meta Platforms Inc., Class A', 'META', 'Communication Services', 'United States'],
  ['Berkshire Hathaway Inc., Class B', 'BRK.B', 'Financials', 'United States'],
  ['JPMorgan Chase & Co.', 'JPM', 'Financials', 'United States'],
  ['Eli Lilly and Co.', 'LLY', 'Health Care', 'United States'],
  ['UnitedHealth Group Inc.', 'UNH', 'Health Care', 'United States'],
  ['Visa Inc., Class A', 'V', 'Financials', 'United States'],
  ['Exxon Mobil Corp.', 'XOM', 'Energy', 'United States'],
  ['Johnson & Johnson', 'JNJ', 'Health Care', 'United States'],
  ['Procter & Gamble Co.', 'PG', 'Consumer Staples', 'United States'],
  ['Broadcom Inc.', 'AVGO', 'Information Technology', 'United States'],
  ['Costco Wholesale Corp.', 'COST', 'Consumer Staples', 'United States'],
];
const INTERNATIONAL: Security[] = [
  ['ASML Holding NV', 'ASML', 'Information Technology', 'Netherlands'],
  ['Novo Nordisk A/S, Class B', 'NOVO B', 'Health Care', 'Denmark'],
  ['Nestlé SA', 'NESN', 'Consumer Staples', 'Switzerland'],
  ['Toyota Motor Corp.', '7203', 'Consumer Discretionary', 'Japan'],
  ['Shell PLC', 'SHEL', 'Energy', 'United Kingdom'],
  ['SAP SE', 'SAP', 'Information Technology', 'Germany'],
  ['AstraZeneca PLC', 'AZN', 'Health Care', 'United Kingdom'],
  ['LVMH Moët Hennessy Louis Vuitton SE', 'MC', 'Consumer Discretionary', 'France'],
  ['Roche Holding AG', 'ROG', 'Health Care', 'Switzerland'],
  ['Sony Group Corp.', '6758', 'Consumer Discretionary', 'Japan'],
];
const EMERGING: Security[] = [
  ['Taiwan Semiconductor Manufacturing Co. Ltd.', '2330', 'Information Technology', 'Taiwan'],
  ['Tencent Holdings Ltd.', '700', 'Communication Services', 'China'],
  ['Samsung Electronics Co. Ltd.', '005930', 'Information Technology', 'South Korea'],
  ['Alibaba Group Holding Ltd.', '9988', 'Consumer Discretionary', 'China'],
  ['Reliance Industries Ltd.', 'RELIANCE', 'Energy', 'India'],
  ['HDFC Bank Ltd.', 'HDFCBANK', 'Financials', 'India'],
  ['Infosys Ltd.', 'INFY', 'Information Technology', 'India'],
  ['Meituan, Class B', '3690', 'Consumer Discretionary', 'China'],
  ['ICICI Bank Ltd.', 'ICICIBANK', 'Financials', 'India'],
  ['Itaú Unibanco Holding SA', 'ITUB4', 'Financials', 'Brazil'],
  ['SK Hynix Inc.', '000660', 'Information Technology', 'South Korea'],
];
const REAL_ESTATE: Security[] = [
  ['Prologis Inc.', 'PLD', 'Real Estate', 'United States'],
  ['American Tower Corp.', 'AMT', 'Real Estate', 'United States'],
  ['Equinix Inc.', 'EQIX', 'Real Estate', 'United States'],
  ['Welltower Inc.', 'WELL', 'Real Estate', 'United States'],
  ['Simon Property Group Inc.', 'SPG', 'Real Estate', 'United States'],
  ['Goodman Group', 'GMG', 'Real Estate', 'Australia'],
  ['Vonovia SE', 'VNA', 'Real Estate', 'Germany'],
  ['Canadian Apartment Properties REIT', 'CAR.UN', 'Real Estate', 'Canada'],
  ['RioCan Real Estate Investment Trust', 'REI.UN', 'Real Estate', 'Canada'],
  ['Granite Real Estate Investment Trust', 'GRT.UN', 'Real Estate', 'Canada'],
  ['Mitsui Fudosan Co. Ltd.', '8801', 'Real Estate', 'Japan'],
  ['Segro PLC', 'SGRO', 'Real Estate', 'United Kingdom'],
  ['Digital Realty Trust Inc.', 'DLR', 'Real Estate', 'United States'],
];
const BONDS: Security[] = [
  ['Government of Canada 3.50% 2034-03-01', '', 'Government Bonds', 'Canada'],
  ['Government of Canada 2.75% 2055-12-01', '', 'Government Bonds', 'Canada'],
  ['Province of Ontario 3.65% 2033-06-02', '', 'Government Bonds', 'Canada'],
  ['Province of Quebec 4.40% 2055-12-01', '', 'Government Bonds', 'Canada'],
  ['Province of British Columbia 4.25% 2053-12-18', '', 'Government Bonds', 'Canada'],
  ['Canada Housing Trust No.1 3.55% 2032-09-15', '', 'Government Bonds', 'Canada'],
  ['Royal Bank of Canada 4.63% 2028-05-01', '', 'Corporate Bonds', 'Canada'],
  ['Toronto-Dominion Bank 4.68% 2029-01-08', '', 'Corporate Bonds', 'Canada'],
  ['Enbridge Inc. 5.70% 2033-11-09', '', 'Corporate Bonds', 'Canada'],
  ['Bell Canada 5.15% 2028-11-14', '', 'Corporate Bonds', 'Canada'],
  ['Hydro One Inc. 4.16% 2033-01-27', '', 'Corporate Bonds', 'Canada'],
  ['United States Treasury 4.25% 2034-11-15', '', 'Government Bonds', 'United States'],
];
const MONEY: Security[] = [
  ['Government of Canada Treasury Bill 2025-01-16', '', 'Treasury Bills', 'Canada'],
  ['Government of Canada Treasury Bill 2025-02-13', '', 'Treasury Bills', 'Canada'],
  ['Province of Ontario Treasury Bill 2025-01-29', '', 'Treasury Bills', 'Canada'],
  ['Province of Quebec Treasury Bill 2025-03-07', '', 'Treasury Bills', 'Canada'],
  ['Bank of Montreal Bearer Deposit Note 2025-01-10', '', 'Bankers Acceptances and Deposit Notes', 'Canada'],
  ['Royal Bank of Canada Bearer Deposit Note 2025-02-03', '', 'Bankers Acceptances and Deposit Notes', 'Canada'],
  ['Canadian Imperial Bank of Commerce Bearer Deposit Note 2025-01-22', '', 'Bankers Acceptances and Deposit Notes', 'Canada'],
  ['Toronto-Dominion Bank Bearer Deposit Note 2025-02-21', '', 'Bankers Acceptances and Deposit Notes', 'Canada'],
  ['Province of Alberta Promissory Note 2025-01-31', '', 'Commercial Paper', 'Canada'],
  ['Hydro-Québec Commercial Paper 2025-02-11', '', 'Commercial Paper', 'Canada'],
];

const HOLDING_POOL: Record<Kind, Security[]> = {
  money: MONEY,
  bond: BONDS,
  balanced: [...CANADA.slice(0, 10), ...BONDS.slice(0, 8), ...US.slice(0, 4)],
  realestate: REAL_ESTATE,
  emerging: EMERGING,
  us: US,
  northamerica: [...CANADA.slice(0, 12), ...US.slice(0, 10)],
  global: [...US, ...INTERNATIONAL],
  canada: CANADA,
};

/** Weights (4 decimals) around a base mix that add up to exactly 100. */
function mix(base: [string, number][], r: () => number): [string, string][] {
  const raw = base.map(([n, w]) => [n, w * between(r, 0.88, 1.12)] as const);
  const total = raw.reduce((a, [, w]) => a + w, 0);
  const units = raw.map(([n, w]) => [n, Math.round((w / total) * 1_000_000)] as [string, number]);
  const diff = 1_000_000 - units.reduce((a, [, u]) => a + u, 0);
  const largest = units.reduce((m, u, i) => (u[1] > units[m]![1] ? i : m), 0);
  units[largest]![1] += diff;
  return units.map(([n, u]) => [n, fx(u / 10_000, 4)]);
}

// ---------------------------------------------------------------------------
// the seed: which funds, which dates
// ---------------------------------------------------------------------------

interface Fund {
  row: Record<string, string>;
  key: string;
  kind: Kind;
  /** Seeded NAVPS by date (clean rows only), ascending. */
  navps: [string, number][];
  lastQuote: Record<string, string>;
  /** Net assets of the whole fund, dollars (the seed's NAV). */
  assets: number;
}

function count<T>(xs: T[]): Map<T, number> {
  const m = new Map<T, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

/** Evenly spread picks from a list ordered by identifier. */
const spread = <T>(xs: T[], n: number): T[] =>
  Array.from({ length: Math.min(n, xs.length) }, (_, i) => xs[Math.floor((i * xs.length) / Math.min(n, xs.length))]!);

function readFunds(seedDir: string) {
  const general = readSeed(path.join(seedDir, 'data', 'FundGeneralSeed.csv'));
  const benchmarks = readSeed(path.join(seedDir, 'data', 'BenchmarkGeneralSeed.csv'));
  const quotes = readSeed(path.join(seedDir, 'quotes', 'FundDailyNAVPSSeed.csv'));

  const quoteDates = quotes.rows.map((q) => q.Date!).filter(isDate);
  const lastDate = quoteDates.reduce((a, b) => (b > a ? b : a));
  const maxQuoteRecordId = Math.max(...quotes.rows.map((q) => Number(q.RecordId)).filter(Number.isFinite));

  const series = new Map<string, Map<string, Record<string, string>>>();
  const dirty = new Set<string>();
  for (const q of quotes.rows) {
    const k = q.InstrumentKey!;
    const clean = /^\d+$/.test(k) && isDate(q.Date) && PLAIN.test(q.NAVPS ?? '') && Number(q.NAVPS) > 0 && q.RecordState === 'Active';
    if (!clean) {
      dirty.add(k);
      continue;
    }
    const s = series.get(k) ?? new Map<string, Record<string, string>>();
    if (s.has(q.Date!)) dirty.add(k);
    s.set(q.Date!, q);
    series.set(k, s);
  }

  // every row counts for uniqueness, readable or not
  const keyCount = count(general.rows.map((r) => r.InstrumentKey!));
  const rawText = fs.readFileSync(path.join(seedDir, 'data', 'FundGeneralSeed.csv'), 'utf8');
  const eligible: Fund[] = [];
  for (const row of general.rows) {
    const k = row.InstrumentKey!;
    const s = series.get(k);
    const ok =
      /^\d+$/.test(k) &&
      keyCount.get(k) === 1 &&
      rawText.split(`\n${k},`).length === 2 && // not also on an unreadable line
      row.Language === 'EN' &&
      (row.RecordState === 'Active' || row.RecordState === 'Inactive') &&
      (row.Currency === 'CAD' || row.Currency === 'USD') &&
      isDate(row.InceptionDate) &&
      isDate(row.ChangeDate) &&
      row.ChangeDate! < lastDate &&
      PLAIN.test(row.ManagementFee ?? '') &&
      PLAIN.test(row.MER ?? '') &&
      PLAIN.test(row.MinimumInvestment ?? '') &&
      PLAIN.test(row.NAV ?? '') &&
      Number(row.NAV) < 5e9 &&
      (row.Yield === '' || PLAIN.test(row.Yield ?? '')) &&
      !/[\r\n]/.test(Object.values(row).join('')) &&
      s !== undefined &&
      !dirty.has(k) &&
      s.has(lastDate);
    if (!ok) continue;
    const navps = [...s.entries()].map(([d, q]) => [d, Number(q.NAVPS)] as [string, number]).sort((a, b) => a[0].localeCompare(b[0]));
    eligible.push({ row, key: k, kind: kindOf(row.LegalName!), navps, lastQuote: s.get(lastDate)!, assets: Number(row.NAV) });
  }
  eligible.sort((a, b) => Number(a.key) - Number(b.key));
  if (eligible.length < FUNDS) throw new Error(`only ${eligible.length} funds of the seed qualify; ${FUNDS} are needed`);
  const funds = spread(eligible, FUNDS);

  const benchCount = count(benchmarks.rows.map((r) => r.InstrumentKey!));
  const benchEligible = benchmarks.rows
    .filter(
      (r) =>
        /^\d+$/.test(r.InstrumentKey!) &&
        benchCount.get(r.InstrumentKey!) === 1 &&
        r.Language === 'EN' &&
        r.RecordState === 'Active' &&
        isDate(r.ChangeDate) &&
        isDate(r.InceptionDate) &&
        r.ChangeDate! < lastDate &&
        (r.Yield === '' || PLAIN.test(r.Yield ?? '')),
    )
    .sort((a, b) => Number(a.InstrumentKey) - Number(b.InstrumentKey));
  return { general, benchmarks, lastDate, maxQuoteRecordId, funds, bench: spread(benchEligible, BENCHMARKS) };
}

// ---------------------------------------------------------------------------
// the answers
// ---------------------------------------------------------------------------

/** The seeded NAVPS on or before day (undefined before the seed starts). */
function navpsOn(f: Fund, day: string): number | undefined {
  let v: number | undefined;
  for (const [d, n] of f.navps) {
    if (d > day) break;
    v = n;
  }
  return v;
}

const pct = (to: number | undefined, from: number | undefined) =>
  to !== undefined && from !== undefined ? (to / from - 1) * 100 : undefined;
/** A return in percent to 4 decimals; empty when the seed does not reach back that far. */
const ret = (to: number | undefined, from: number | undefined) => {
  const p = pct(to, from);
  return p === undefined ? '' : fx(p, 4);
};

/** File name (endpoint with / as -) → CSV text. */
export function generateApiDemo(seedDir = SEED_DIR): Record<string, string> {
  const { general, benchmarks, lastDate, maxQuoteRecordId, funds, bench } = readFunds(seedDir);
  const syncDays = businessDaysAfter(lastDate, NAVPS_DAYS);
  const syncDay = syncDays[0]!;
  const year = Number(lastDate.slice(0, 4));
  const out: Record<string, string> = {};

  // --- fund/getgeneral: the seed rows, four of them changed
  const CHANGES: { at: number; what: string; apply: (r: Record<string, string>) => void }[] = [
    { at: 2, what: 'lower MER', apply: (r) => (r.MER = fx(Number(r.MER) - 0.15, 4)) },
    {
      at: 9,
      what: 'lower management fee',
      apply: (r) => {
        r.ManagementFee = fx(Math.max(0.05, Number(r.ManagementFee) - 0.1), 2);
        r.MER = fx(Number(r.MER) - 0.1, 4);
      },
    },
    { at: 16, what: 'closed', apply: (r) => (r.RecordState = 'Inactive') },
    {
      at: 23,
      what: 'higher minimum investment',
      apply: (r) => (r.MinimumInvestment = String(Math.max(500, Number(r.MinimumInvestment)) * 2)),
    },
  ];
  const current = new Map(funds.map((f) => [f.key, { ...f.row }]));
  const changedAt = new Set(CHANGES.map((c) => c.at));
  const closed = new Set<string>();
  CHANGES.forEach((c, i) => {
    // a fund can only close once: the first active fund from c.at on that no other change takes
    const f =
      c.what === 'closed'
        ? funds.find((x, j) => j >= c.at && x.row.RecordState === 'Active' && (j === c.at || !changedAt.has(j)))!
        : funds[c.at]!;
    if (c.what === 'closed') closed.add(f.key);
    const r = current.get(f.key)!;
    c.apply(r);
    r.ChangeDate = syncDays[i]!;
  });
  // the answer to a pull in English: funds by identifier, four of them changed
  out['fund-getgeneral.csv'] = toCsv(
    general.header,
    funds.map((f) => current.get(f.key)!),
  );

  // --- benchmark/getgeneral: the seed rows, one yield updated
  const benchRows = bench.map((b) => ({ ...b }));
  const withYield = benchRows.find((b) => b.Yield !== '') ?? benchRows[0]!;
  withYield.Yield = fx(Number(withYield.Yield || '2') + 0.2134, 4);
  withYield.ChangeDate = syncDay;
  out['benchmark-getgeneral.csv'] = toCsv(benchmarks.header, benchRows);

  // --- fund/getdailynavps: five more business days for a few active funds
  const navpsFunds = spread(
    funds.filter((f) => f.row.RecordState === 'Active' && !closed.has(f.key)),
    NAVPS_FUNDS,
  );
  const QUOTE_COLUMNS = [
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
  ];
  const quoteRows: Record<string, string>[] = [];
  const walk = new Map(navpsFunds.map((f) => [f.key, { date: lastDate, navps: Number(f.lastQuote.NAVPS), r: rng(`navps:${f.key}`) }]));
  let recordId = maxQuoteRecordId;
  for (const day of syncDays) {
    for (const f of navpsFunds) {
      const w = walk.get(f.key)!;
      const next = Math.max(0.01, Number(fx(w.navps * (1 + RISK[f.kind].daily * normal(w.r) + 0.0002), 4)));
      const change = next - w.navps;
      const y = f.lastQuote.CurrentYield ?? '';
      quoteRows.push({
        RecordId: String(++recordId),
        InstrumentKey: f.key,
        CurrentYield: PLAIN.test(y) ? fx((Number(y) * w.navps) / next, 8) : '',
        CurrentYieldPercentChange: '',
        Date: day,
        NAVPS: fx(next, 8),
        NAVPSPennyChange: fx(change, 8),
        NAVPSPercentChange: fx((change / w.navps) * 100, 8),
        PreviousDate: w.date,
        PreviousNAVPS: fx(w.navps, 8),
        Split: '',
        RecordState: 'Active',
        ChangeDate: day,
      });
      w.date = day;
      w.navps = next;
    }
  }
  out['fund-getdailynavps.csv'] = toCsv(QUOTE_COLUMNS, quoteRows);

  // --- fund/getperformancesummary: trailing returns as of the seed's last date
  const firstOfYear = (f: Fund) => f.navps.find(([d]) => d.startsWith(String(year)))?.[1];
  const lastYearEnd = (f: Fund) => navpsOn(f, `${year - 1}-12-31`) ?? firstOfYear(f);
  const perf = funds.map((f, i) => {
    const r = rng(`performance:${f.key}`);
    const now = navpsOn(f, lastDate);
    const inceptionYear = Number(f.row.InceptionDate!.slice(0, 4));
    const age = year - inceptionYear;
    const longRun = (years: number) =>
      age >= years ? fx(RISK[f.kind].annual + between(r, -0.5, 0.5) * RISK[f.kind].spread * (2 / Math.sqrt(years)), 4) : '';
    return {
      InstrumentKey: f.key,
      RecordId: String(80001 + i),
      PerformanceAsOfDate: lastDate,
      OneMonthReturn: ret(now, navpsOn(f, monthsBefore(lastDate, 1))),
      ThreeMonthReturn: ret(now, navpsOn(f, monthsBefore(lastDate, 3))),
      SixMonthReturn: ret(now, navpsOn(f, monthsBefore(lastDate, 6))),
      YearToDateReturn: ret(now, lastYearEnd(f)),
      OneYearReturn: ret(now, lastYearEnd(f)),
      ThreeYearReturn: longRun(3),
      FiveYearReturn: longRun(5),
      TenYearReturn: longRun(10),
      InceptionReturn: fx(RISK[f.kind].annual + between(r, -0.3, 0.3) * RISK[f.kind].spread * 0.5, 4),
      RecordState: current.get(f.key)!.RecordState!,
      ChangeDate: syncDay,
    };
  });
  out['fund-getperformancesummary.csv'] = toCsv(Object.keys(perf[0]!), perf);

  // --- fund/getyearlyperformance: calendar years, the last one from the seeded NAVPS
  const yearly: Record<string, string>[] = [];
  let yid = 87001;
  for (const f of funds) {
    const r = rng(`yearly:${f.key}`);
    const inceptionYear = Number(f.row.InceptionDate!.slice(0, 4));
    for (let y = year; y >= Math.max(year - 5, inceptionYear + 1); y--) {
      const seeded = y === year ? pct(navpsOn(f, lastDate), lastYearEnd(f)) : undefined;
      const annual = seeded ?? RISK[f.kind].annual + normal(r) * RISK[f.kind].spread * 0.6;
      yearly.push({
        InstrumentKey: f.key,
        RecordId: String(yid++),
        Year: String(y),
        Return: fx(annual, 4),
        CategoryReturn: fx(annual + normal(r) * 1.5 - 0.4, 4),
        RecordState: current.get(f.key)!.RecordState!,
        ChangeDate: syncDay,
      });
    }
  }
  out['fund-getyearlyperformance.csv'] = toCsv(
    ['InstrumentKey', 'RecordId', 'Year', 'Return', 'CategoryReturn', 'RecordState', 'ChangeDate'],
    yearly,
  );

  // --- benchmark/getyearlyperformance
  const benchYearly: Record<string, string>[] = [];
  let byid = 88001;
  for (const b of bench) {
    const r = rng(`benchmark-yearly:${b.InstrumentKey}`);
    const bond = /bond|t-bill/i.test(b.LegalName!);
    for (let y = year; y >= Math.max(year - 5, Number(b.InceptionDate!.slice(0, 4)) + 1); y--) {
      benchYearly.push({
        InstrumentKey: b.InstrumentKey!,
        RecordId: String(byid++),
        Year: String(y),
        Return: fx(bond ? 2.5 + normal(r) * 4 : 8 + normal(r) * 11, 4),
        RecordState: 'Active',
        ChangeDate: syncDay,
      });
    }
  }
  out['benchmark-getyearlyperformance.csv'] = toCsv(
    ['InstrumentKey', 'RecordId', 'Year', 'Return', 'RecordState', 'ChangeDate'],
    benchYearly,
  );

  // --- fund/getdistribution: monthly, quarterly or annual payers, priced at the seeded NAVPS
  const distributions: Record<string, string>[] = [];
  let did = 81001;
  funds.forEach((f, i) => {
    const frequency = i % 4 === 3 ? undefined : (['Monthly', 'Quarterly', 'Annual'] as const)[i % 4]!;
    if (!frequency) return; // a fund that paid nothing this year
    const r = rng(`distribution:${f.key}`);
    const months = frequency === 'Monthly' ? [12, 11, 10, 9, 8, 7] : frequency === 'Quarterly' ? [12, 9, 6, 3] : [12];
    const yieldPct = PLAIN.test(f.row.Yield ?? '') ? Number(f.row.Yield) : RISK[f.kind].annual / 2.5;
    const perYear = frequency === 'Monthly' ? 12 : frequency === 'Quarterly' ? 4 : 1;
    for (const m of months) {
      // ex-date: the last seeded weekday on or before the 20th; paid a week later
      const target = `${year}-${String(m).padStart(2, '0')}-20`;
      const ex = [...f.navps].reverse().find(([d]) => d <= target);
      if (!ex || ex[0] < f.navps[0]![0]) continue;
      let pay = addDays(ex[0], 7);
      while (weekday(pay) % 6 === 0) pay = addDays(pay, 1);
      const amount = (ex[1] * yieldPct) / 100 / perYear;
      const capitalGains = m === 12 && f.kind !== 'money' ? amount * between(r, 0.1, 0.4) : 0;
      const roc = f.kind === 'balanced' || f.kind === 'realestate' ? amount * between(r, 0.05, 0.2) : 0;
      const income = Number(fx(amount - capitalGains - roc, 4));
      const cg = Number(fx(capitalGains, 4));
      const rc = Number(fx(roc, 4));
      distributions.push({
        InstrumentKey: f.key,
        RecordId: String(did++),
        DistributionDate: ex[0],
        PayableDate: pay,
        Amount: fx(income + cg + rc, 4),
        IncomeAmount: fx(income, 4),
        CapitalGainsAmount: cg ? fx(cg, 4) : '',
        ReturnOfCapitalAmount: rc ? fx(rc, 4) : '',
        ReinvestmentPrice: fx(ex[1], 4),
        Currency: f.row.Currency!,
        DistributionFrequency: frequency,
        RecordState: current.get(f.key)!.RecordState!,
        ChangeDate: syncDay,
      });
    }
  });
  out['fund-getdistribution.csv'] = toCsv(Object.keys(distributions[0]!), distributions);

  // --- fund/getassets: the last three month-ends, in millions, moving with the NAVPS
  const assets: Record<string, string>[] = [];
  let aid = 86001;
  for (const f of funds) {
    const r = rng(`assets:${f.key}`);
    const seriesShare = between(r, 0.08, 0.6);
    const now = navpsOn(f, lastDate)!;
    for (let k = 0; k < 3; k++) {
      const day = monthEnd(lastDate, k);
      const flows = 1 + 0.01 * k * between(r, -1, 1);
      const total = (f.assets / 1e6) * ((navpsOn(f, day) ?? now) / now) * flows;
      assets.push({
        InstrumentKey: f.key,
        RecordId: String(aid++),
        AssetsDate: day,
        TotalNetAssets: fx(total, 4),
        SeriesNetAssets: fx(total * seriesShare, 4),
        Currency: f.row.Currency!,
        RecordState: current.get(f.key)!.RecordState!,
        ChangeDate: syncDay,
      });
    }
  }
  out['fund-getassets.csv'] = toCsv(Object.keys(assets[0]!), assets);

  // --- fund/getexpense: the seed's MER and management fee (the changed ones where they changed)
  const merDate = `${lastDate >= `${year}-06-30` ? year : year - 1}-06-30`;
  const expenses = funds.map((f, i) => {
    const r = rng(`expense:${f.key}`);
    const g = current.get(f.key)!;
    const changed = g.MER !== f.row.MER || g.ManagementFee !== f.row.ManagementFee;
    const trading = f.kind === 'money' ? 0 : between(r, 0.01, 0.14);
    return {
      InstrumentKey: f.key,
      RecordId: String(85001 + i),
      MERDate: changed ? lastDate : merDate,
      MER: g.MER!,
      ManagementFee: g.ManagementFee!,
      TradingExpenseRatio: fx(trading, 4),
      TotalExpenseRatio: fx(Number(g.MER) + trading, 4),
      RecordState: g.RecordState!,
      ChangeDate: changed ? g.ChangeDate! : syncDay,
    };
  });
  out['fund-getexpense.csv'] = toCsv(Object.keys(expenses[0]!), expenses);

  // --- fund/gettopholding and fund/getallocations: as of the month-end before the last
  const holdingsDate = monthEnd(lastDate, 1);
  const holdings: Record<string, string>[] = [];
  const allocations: Record<string, string>[] = [];
  let hid = 83001;
  let alid = 84001;
  for (const f of funds) {
    const r = rng(`holdings:${f.key}`);
    const picks = shuffled(HOLDING_POOL[f.kind], r).slice(0, 10);
    const top = f.kind === 'money' ? 12 : f.kind === 'bond' ? 6 : 8;
    const weights = picks.map(() => between(r, top / 5, top)).sort((a, b) => b - a);
    const totalDollars = f.assets * ((navpsOn(f, holdingsDate) ?? 1) / (navpsOn(f, lastDate) ?? 1));
    picks.forEach(([name, symbol, sector, country], i) => {
      holdings.push({
        InstrumentKey: f.key,
        RecordId: String(hid++),
        HoldingsDate: holdingsDate,
        Rank: String(i + 1),
        HoldingName: name,
        HoldingSymbol: symbol,
        Weight: fx(weights[i]!, 4),
        MarketValue: fx((totalDollars * weights[i]!) / 100, 2),
        Sector: sector,
        Country: country,
        RecordState: current.get(f.key)!.RecordState!,
        ChangeDate: syncDay,
      });
    });
    const a = rng(`allocations:${f.key}`);
    for (const [type, base] of [
      ['Asset', ASSET_MIX[f.kind]],
      ['Sector', SECTOR_MIX[f.kind]],
      ['Geographic', GEO_MIX[f.kind]],
    ] as const) {
      for (const [name, weight] of mix(base, a)) {
        allocations.push({
          InstrumentKey: f.key,
          RecordId: String(alid++),
          AllocationDate: holdingsDate,
          AllocationType: type,
          Name: name,
          Weight: weight,
          RecordState: current.get(f.key)!.RecordState!,
          ChangeDate: syncDay,
        });
      }
    }
  }
  out['fund-gettopholding.csv'] = toCsv(Object.keys(holdings[0]!), holdings);
  out['fund-getallocations.csv'] = toCsv(Object.keys(allocations[0]!), allocations);

  // --- the endpoints beyond returns and holdings: loads, fees, trailers,
  // benchmarks, style, advanced performance, yearly ranking and risk, identifiers
  const state = (f: Fund) => current.get(f.key)!.RecordState!;
  const equityKinds: Kind[] = ['realestate', 'emerging', 'us', 'northamerica', 'global', 'canada'];
  const loads: Record<string, string>[] = [];
  const otherFees: Record<string, string>[] = [];
  const trailers: Record<string, string>[] = [];
  const associated: Record<string, string>[] = [];
  const equityStyle: Record<string, string>[] = [];
  const fixedStyle: Record<string, string>[] = [];
  const advanced: Record<string, string>[] = [];
  const ranking: Record<string, string>[] = [];
  const yearRisk: Record<string, string>[] = [];
  const identifiers: Record<string, string>[] = [];
  const ids = { load: 89001, fee: 90001, trailer: 91001, bench: 92001, style: 93001, adv: 94001, rank: 95001, risk: 96001, ident: 97001 };
  const equityBench = bench.find((b) => !/bond|aggregate|universe|t-bill/i.test(b.LegalName!)) ?? bench[0]!;
  const bondBench =
    bench.find((b) => /bond|aggregate|universe/i.test(b.LegalName!)) ?? bench.find((b) => /t-bill/i.test(b.LegalName!)) ?? bench[0]!;
  const cashBench = bench.find((b) => /t-bill/i.test(b.LegalName!)) ?? bondBench;
  funds.forEach((f, i) => {
    const r = rng(`more:${f.key}`);
    const code = `${(f.row.FamilyName ?? 'SRA')
      .replace(/[^A-Za-z]/g, '')
      .slice(0, 3)
      .toUpperCase()
      .padEnd(3, 'X')}`;
    const feeBased = /series (f|i|o)\b/i.test(f.row.LegalName ?? ''); // fee-based series carry no sales charge
    const base = { RecordState: state(f), ChangeDate: syncDay };
    // loads: a front-end schedule by amount invested; every third fund also a deferred schedule by years held
    if (!feeBased) {
      const top = f.kind === 'money' ? 2 : 5;
      [
        ['0', '25000', top],
        ['25000', '100000', top - 1],
        ['100000', '', top - 2.5],
      ].forEach(([from, to, p], k) =>
        loads.push({
          InstrumentKey: f.key,
          RecordId: String(ids.load++),
          LoadType: 'Front End',
          Sequence: String(k + 1),
          BreakpointFrom: from as string,
          BreakpointTo: to as string,
          BreakpointUnit: 'Amount',
          LoadPercent: fx(p as number, 2),
          ...base,
        }),
      );
      if (i % 3 === 0)
        [5.5, 5, 4.5, 4, 3, 2].forEach((p, k) =>
          loads.push({
            InstrumentKey: f.key,
            RecordId: String(ids.load++),
            LoadType: 'Deferred Sales Charge',
            Sequence: String(k + 1),
            BreakpointFrom: String(k),
            BreakpointTo: String(k + 1),
            BreakpointUnit: 'Years',
            LoadPercent: fx(p, 2),
            ...base,
          }),
        );
      trailers.push({
        InstrumentKey: f.key,
        RecordId: String(ids.trailer++),
        LoadType: 'Front End',
        FromYear: '1',
        ToYear: '',
        TrailerFee: f.kind === 'money' ? '0.25' : f.kind === 'bond' ? '0.50' : '1.00',
        ...base,
      });
      if (i % 3 === 0) {
        trailers.push({
          InstrumentKey: f.key,
          RecordId: String(ids.trailer++),
          LoadType: 'Deferred Sales Charge',
          FromYear: '1',
          ToYear: '6',
          TrailerFee: '0.50',
          ...base,
        });
        trailers.push({
          InstrumentKey: f.key,
          RecordId: String(ids.trailer++),
          LoadType: 'Deferred Sales Charge',
          FromYear: '7',
          ToYear: '',
          TrailerFee: '1.00',
          ...base,
        });
      }
    }
    otherFees.push({
      InstrumentKey: f.key,
      RecordId: String(ids.fee++),
      FeeType: 'Short-Term Trading',
      FeeAmount: '',
      FeePercent: '2.00',
      Currency: f.row.Currency!,
      Description: 'Units redeemed or switched within 30 days of purchase',
      ...base,
    });
    if (i % 4 === 1)
      otherFees.push({
        InstrumentKey: f.key,
        RecordId: String(ids.fee++),
        FeeType: 'Registered Plan',
        FeeAmount: '50.00',
        FeePercent: '',
        Currency: f.row.Currency!,
        Description: 'Annual registered plan administration fee',
        ...base,
      });
    // associated benchmarks: balanced funds a 60/40 blend, the others one primary
    if (f.kind === 'balanced') {
      associated.push({
        InstrumentKey: f.key,
        RecordId: String(ids.bench++),
        BenchmarkInstrumentKey: equityBench.InstrumentKey!,
        BenchmarkName: equityBench.LegalName!,
        BenchmarkType: 'Blended',
        Weight: '60.00',
        ...base,
      });
      associated.push({
        InstrumentKey: f.key,
        RecordId: String(ids.bench++),
        BenchmarkInstrumentKey: bondBench.InstrumentKey!,
        BenchmarkName: bondBench.LegalName!,
        BenchmarkType: 'Blended',
        Weight: '40.00',
        ...base,
      });
    } else {
      const b = f.kind === 'money' ? cashBench : f.kind === 'bond' ? bondBench : equityBench;
      associated.push({
        InstrumentKey: f.key,
        RecordId: String(ids.bench++),
        BenchmarkInstrumentKey: b.InstrumentKey!,
        BenchmarkName: b.LegalName!,
        BenchmarkType: 'Primary',
        Weight: '',
        ...base,
      });
    }
    // style: equity funds and balanced funds an equity box, bond, money and balanced funds a fixed income box
    if (equityKinds.includes(f.kind) || f.kind === 'balanced')
      equityStyle.push({
        InstrumentKey: f.key,
        RecordId: String(ids.style++),
        StyleDate: holdingsDate,
        MarketCapitalization: ['Large', 'Large', 'Mid', 'Small'][Math.floor(r() * 4)]!,
        InvestmentStyle: ['Value', 'Blend', 'Growth'][Math.floor(r() * 3)]!,
        AverageMarketCap: fx(between(r, 2000, 120000), 4),
        PriceToEarnings: fx(between(r, 9, 26), 4),
        PriceToBook: fx(between(r, 1.1, 4.5), 4),
        DividendYield: fx(between(r, 0.8, 4.2), 4),
        ...base,
      });
    if (f.kind === 'bond' || f.kind === 'money' || f.kind === 'balanced') {
      const duration = f.kind === 'money' ? between(r, 0.1, 0.4) : between(r, 3, 9);
      fixedStyle.push({
        InstrumentKey: f.key,
        RecordId: String(ids.style++),
        StyleDate: holdingsDate,
        CreditQuality: f.kind === 'money' ? 'High' : ['High', 'Medium'][Math.floor(r() * 2)]!,
        InterestRateSensitivity: duration < 3.5 ? 'Short' : duration < 6 ? 'Medium' : 'Long',
        AverageCreditRating: f.kind === 'money' ? 'AAA' : ['AA', 'A', 'BBB'][Math.floor(r() * 3)]!,
        AverageDuration: fx(duration, 4),
        AverageMaturity: fx(duration * between(r, 1.1, 1.5), 4),
        AverageCoupon: fx(between(r, 2.5, 5), 4),
        YieldToMaturity: fx(between(r, 3, 5.5), 4),
        ...base,
      });
    }
    // advanced performance: longer annualized returns where the fund is old enough, three-year risk
    const age = year - Number(f.row.InceptionDate!.slice(0, 4));
    const sd = RISK[f.kind].daily * Math.sqrt(252) * 100 * between(r, 0.85, 1.15);
    const longRun = (years: number) =>
      age >= years ? fx(RISK[f.kind].annual + between(r, -0.5, 0.5) * RISK[f.kind].spread * (2 / Math.sqrt(years)), 4) : '';
    const beta = f.kind === 'money' ? between(r, 0, 0.05) : between(r, 0.6, 1.15);
    advanced.push({
      InstrumentKey: f.key,
      RecordId: String(ids.adv++),
      PerformanceAsOfDate: lastDate,
      TwoYearReturn: longRun(2),
      FourYearReturn: longRun(4),
      FifteenYearReturn: longRun(15),
      TwentyYearReturn: longRun(20),
      StandardDeviation3Yr: age >= 3 ? fx(sd, 4) : '',
      SharpeRatio3Yr: age >= 3 ? fx((RISK[f.kind].annual - 2.5) / Math.max(sd, 0.5), 4) : '',
      Alpha3Yr: age >= 3 ? fx(between(r, -2.5, 2), 4) : '',
      Beta3Yr: age >= 3 ? fx(beta, 4) : '',
      RSquared3Yr: age >= 3 ? fx(f.kind === 'money' ? between(r, 0, 20) : between(r, 55, 98), 4) : '',
      ...base,
    });
    // yearly ranking and risk: the calendar years of fund/getyearlyperformance
    for (const y of yearly.filter((x) => x.InstrumentKey === f.key)) {
      const n = 200 + Math.floor(between(r, 0, 1200));
      const pctile = 1 + Math.floor(between(r, 0, 100));
      ranking.push({
        InstrumentKey: f.key,
        RecordId: String(ids.rank++),
        Year: y.Year!,
        Quartile: String(Math.min(4, Math.ceil(pctile / 25))),
        Rank: String(Math.max(1, Math.round((pctile / 100) * n))),
        CategoryCount: String(n),
        Percentile: String(pctile),
        ...base,
      });
      const ysd = sd * between(r, 0.7, 1.3);
      const best = Math.abs(Number(y.Return)) / 6 + ysd / 4;
      yearRisk.push({
        InstrumentKey: f.key,
        RecordId: String(ids.risk++),
        Year: y.Year!,
        StandardDeviation: fx(ysd, 4),
        SharpeRatio: fx((Number(y.Return) - 2.5) / Math.max(ysd, 0.5), 4),
        MaxDrawdown: fx(-Math.min(60, ysd * between(r, 0.3, 1.1)), 4),
        BestMonthReturn: fx(best, 4),
        WorstMonthReturn: fx((-ysd / 3.5) * between(r, 0.5, 1.2), 4),
        ...base,
      });
    }
    // identifiers: a fund code per purchase option, and an ISIN
    const codeNo = String(100 + i * 7).padStart(3, '0');
    if (feeBased)
      identifiers.push({
        InstrumentKey: f.key,
        RecordId: String(ids.ident++),
        IdentifierType: 'FundCode',
        IdentifierValue: `${code}${codeNo}`,
        LoadType: 'No Load',
        Exchange: '',
        ...base,
      });
    else {
      identifiers.push({
        InstrumentKey: f.key,
        RecordId: String(ids.ident++),
        IdentifierType: 'FundCode',
        IdentifierValue: `${code}${codeNo}`,
        LoadType: 'Front End',
        Exchange: '',
        ...base,
      });
      if (i % 3 === 0)
        identifiers.push({
          InstrumentKey: f.key,
          RecordId: String(ids.ident++),
          IdentifierType: 'FundCode',
          IdentifierValue: `${code}${String(Number(codeNo) + 500)}`,
          LoadType: 'Deferred Sales Charge',
          Exchange: '',
          ...base,
        });
    }
    identifiers.push({
      InstrumentKey: f.key,
      RecordId: String(ids.ident++),
      IdentifierType: 'ISIN',
      IdentifierValue: `CA${f.key.padStart(9, '0')}${i % 10}`,
      LoadType: '',
      Exchange: '',
      ...base,
    });
  });
  out['fund-getload.csv'] = toCsv(Object.keys(loads[0]!), loads);
  out['fund-getotherfees.csv'] = toCsv(Object.keys(otherFees[0]!), otherFees);
  out['fund-gettrailerschedule.csv'] = toCsv(Object.keys(trailers[0]!), trailers);
  out['fund-getassociatedbenchmark.csv'] = toCsv(Object.keys(associated[0]!), associated);
  out['fund-getequitystyle.csv'] = toCsv(Object.keys(equityStyle[0]!), equityStyle);
  out['fund-getfixedincomestyle.csv'] = toCsv(Object.keys(fixedStyle[0]!), fixedStyle);
  out['fund-getadvancedperformance.csv'] = toCsv(Object.keys(advanced[0]!), advanced);
  out['fund-getyearlyperformanceranking.csv'] = toCsv(Object.keys(ranking[0]!), ranking);
  out['fund-getyearlyperformancerisk.csv'] = toCsv(Object.keys(yearRisk[0]!), yearRisk);
  out['instrument-getidentifiers.csv'] = toCsv(Object.keys(identifiers[0]!), identifiers);

  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

function main(): void {
  const { values } = parseArgs({ options: { check: { type: 'boolean' }, out: { type: 'string' }, seed: { type: 'string' } } });
  const outDir = values.out ? path.resolve(values.out) : API_DEMO_DIR;
  const files = generateApiDemo(values.seed ? path.resolve(values.seed) : SEED_DIR);
  if (values.check) {
    const stale = Object.entries(files).filter(
      ([f, text]) => !fs.existsSync(path.join(outDir, f)) || fs.readFileSync(path.join(outDir, f), 'utf8') !== text,
    );
    if (stale.length) {
      console.error(
        `out of date in ${path.relative(process.cwd(), outDir) || '.'}: ${stale.map(([f]) => f).join(', ')} (run node --import tsx scripts/generate-fundata-api-demo.ts)`,
      );
      process.exitCode = 1;
    } else console.log(`${Object.keys(files).length} files up to date`);
    return;
  }
  fs.mkdirSync(outDir, { recursive: true });
  for (const [f, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(outDir, f), text);
    console.log(`${path.join(path.relative(process.cwd(), outDir), f)}: ${text.split('\n').length - 2} rows`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
