// Writes the FMP sample responses the project ships: fmp/demo/ (what `make
// demo` serves) and tests/fixtures/fmp/ (what the loader tests' FMP-like
// server answers), each with a README saying so. They are generated, not
// recorded from FMP: deterministic (seeded) values in FMP's field names and
// shapes for both generations (docs/FMP.md): legacy v3/v4 and stable, including
// FMP's traits: numbers as strings (fullTimeEmployees, calendarYear, zip),
// percent strings (country weightings), nulls, empty arrays, a key that is an
// integer in one row and a float in the next, newest-first series, and the
// vendor's misspelled keys.
//
//   node --import tsx fmp/generate-samples.ts
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

type Row = Record<string, unknown>;
type Gen = 'stable' | 'v3';

let seed = 20241129;
function rand(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
}
const r2 = (x: number) => Math.round(x * 100) / 100;
const r4 = (x: number) => Math.round(x * 10000) / 10000;

interface Company {
  symbol: string;
  name: string;
  exchange: string;
  exchangeFull: string;
  sector: string;
  industry: string;
  country: string;
  currency: string;
  price: number;
  shares: number;
  employees: string;
  ceo: string;
  cik: string | null;
  isin: string;
  cusip: string | null;
  revenue: number;
  website: string;
  ipoDate: string;
  city: string;
  state: string | null;
  zip: string;
  peers: string[];
}

const COMPANIES: Record<string, Company> = {
  AAPL: {
    symbol: 'AAPL',
    name: 'Apple Inc.',
    exchange: 'NASDAQ',
    exchangeFull: 'NASDAQ Global Select',
    sector: 'Technology',
    industry: 'Consumer Electronics',
    country: 'US',
    currency: 'USD',
    price: 237.33,
    shares: 15115823000,
    employees: '164000',
    ceo: 'Mr. Timothy D. Cook',
    cik: '0000320193',
    isin: 'US0378331005',
    cusip: '037833100',
    revenue: 391035000000,
    website: 'https://www.apple.com',
    ipoDate: '1980-12-12',
    city: 'Cupertino',
    state: 'CA',
    zip: '95014',
    peers: ['MSFT', 'GOOGL', 'DELL', 'HPQ', 'SONO'],
  },
  MSFT: {
    symbol: 'MSFT',
    name: 'Microsoft Corporation',
    exchange: 'NASDAQ',
    exchangeFull: 'NASDAQ Global Select',
    sector: 'Technology',
    industry: 'Software - Infrastructure',
    country: 'US',
    currency: 'USD',
    price: 423.46,
    shares: 7434880776,
    employees: '228000',
    ceo: 'Mr. Satya  Nadella',
    cik: '0000789019',
    isin: 'US5949181045',
    cusip: '594918104',
    revenue: 245122000000,
    website: 'https://www.microsoft.com',
    ipoDate: '1986-03-13',
    city: 'Redmond',
    state: 'WA',
    zip: '98052-6399',
    peers: ['ORCL', 'ADBE', 'CRM', 'NOW'],
  },
  'BRK-B': {
    symbol: 'BRK-B',
    name: 'Berkshire Hathaway Inc.',
    exchange: 'NYSE',
    exchangeFull: 'New York Stock Exchange',
    sector: 'Financial Services',
    industry: 'Insurance - Diversified',
    country: 'US',
    currency: 'USD',
    price: 482.99,
    shares: 2155900000,
    employees: '392400',
    ceo: 'Mr. Warren E. Buffett',
    cik: '0001067983',
    isin: 'US0846707026',
    cusip: '084670702',
    revenue: 364482000000,
    website: 'https://www.berkshirehathaway.com',
    ipoDate: '1996-05-09',
    city: 'Omaha',
    state: 'NE',
    zip: '68131',
    peers: ['AIG', 'ALL', 'TRV'],
  },
  'SHOP.TO': {
    symbol: 'SHOP.TO',
    name: 'Shopify Inc.',
    exchange: 'TSX',
    exchangeFull: 'Toronto Stock Exchange',
    sector: 'Technology',
    industry: 'Software - Application',
    country: 'CA',
    currency: 'CAD',
    price: 162.84,
    shares: 1293000000,
    employees: '8100',
    ceo: 'Mr. Tobias Albin Lütke',
    cik: null,
    isin: 'CA82509L1076',
    cusip: '82509L107',
    revenue: 7060000000,
    website: 'https://www.shopify.com',
    ipoDate: '2015-05-21',
    city: 'Ottawa',
    state: 'ON',
    zip: 'K2P 2L8',
    peers: ['LSPD.TO', 'OTEX.TO', 'DSG.TO'],
  },
};

interface Etf {
  symbol: string;
  name: string;
  company: string;
  exchange: string;
  currency: string;
  price: number;
  aum: number;
  expenseRatio: number;
  inception: string;
  isin: string;
  cusip: string | null;
  holdings: { asset: string; name: string; isin: string; cusip: string | null; shares: number; weight: number; value: number }[];
  countries: [string, string][];
  sectors: [string, number][];
  peers: string[];
}

const ETFS: Record<string, Etf> = {
  SPY: {
    symbol: 'SPY',
    name: 'SPDR S&P 500 ETF Trust',
    company: 'SPDR',
    exchange: 'AMEX',
    currency: 'USD',
    price: 602.55,
    aum: 600911245000,
    expenseRatio: 0.0945,
    inception: '1993-01-22',
    isin: 'US78462F1030',
    cusip: '78462F103',
    holdings: [
      {
        asset: 'AAPL',
        name: 'APPLE INC',
        isin: 'US0378331005',
        cusip: '037833100',
        shares: 178216498,
        weight: 7.0108,
        value: 42295582464.34,
      },
      {
        asset: 'NVDA',
        name: 'NVIDIA CORP',
        isin: 'US67066G1040',
        cusip: '67066G104',
        shares: 285744520,
        weight: 6.6323,
        value: 40011942170.4,
      },
      {
        asset: 'MSFT',
        name: 'MICROSOFT CORP',
        isin: 'US5949181045',
        cusip: '594918104',
        shares: 86620416,
        weight: 6.0778,
        value: 36680272354,
      },
      {
        asset: 'BRK.B',
        name: 'BERKSHIRE HATHAWAY INC CL B',
        isin: 'US0846707026',
        cusip: '084670702',
        shares: 21267910,
        weight: 1.7,
        value: 10272151490.9,
      },
      { asset: 'CASH_USD', name: 'US DOLLAR', isin: '', cusip: null, shares: 1, weight: 0.0421, value: 253942876 },
    ],
    countries: [
      ['United States', '99.48%'],
      ['Netherlands', '0.21%'],
      ['Switzerland', '0.15%'],
      ['Other', '0.16%'],
    ],
    sectors: [
      ['Technology', 31.65],
      ['Financial Services', 13.31],
      ['Healthcare', 10.84],
      ['Consumer Cyclical', 10.81],
    ],
    peers: ['IVV', 'VOO', 'SPLG'],
  },
  'XIU.TO': {
    symbol: 'XIU.TO',
    name: 'iShares S&P/TSX 60 Index ETF',
    company: 'iShares',
    exchange: 'TSX',
    currency: 'CAD',
    price: 38.41,
    aum: 14287000000,
    expenseRatio: 0.18,
    inception: '1999-09-28',
    isin: 'CA46428D1087',
    cusip: null,
    holdings: [
      {
        asset: 'RY.TO',
        name: 'ROYAL BANK OF CANADA',
        isin: 'CA7800871021',
        cusip: null,
        shares: 21804512,
        weight: 8.1,
        value: 3766201152.64,
      },
      {
        asset: 'SHOP.TO',
        name: 'SHOPIFY SUBORDINATE VOTING INC CLASS A',
        isin: 'CA82509L1076',
        cusip: null,
        shares: 21035466,
        weight: 6.06,
        value: 2818280052,
      },
      { asset: 'TD.TO', name: 'TORONTO DOMINION', isin: 'CA8911605092', cusip: null, shares: 27354108, weight: 4.38, value: 2034869100.12 },
    ],
    countries: [
      ['Canada', '99.87%'],
      ['United States', '0.13%'],
    ],
    sectors: [
      ['Financial Services', 36.2],
      ['Energy', 17.45],
      ['Technology', 11.03],
    ],
    peers: ['XIC.TO', 'ZCN.TO', 'VCN.TO'],
  },
};

const INDICES: Record<string, { name: string; exchange: string; price: number }> = {
  '^GSPC': { name: 'S&P 500', exchange: 'INDEX', price: 6032.38 },
  '^DJI': { name: 'Dow Jones Industrial Average', exchange: 'INDEX', price: 44910.65 },
  '^IXIC': { name: 'NASDAQ Composite', exchange: 'INDEX', price: 19218.17 },
  '^GSPTSE': { name: 'S&P/TSX Composite index', exchange: 'INDEX', price: 25648.05 },
  XLK: { name: 'Technology Select Sector SPDR Fund', exchange: 'AMEX', price: 236.55 },
  XLF: { name: 'Financial Select Sector SPDR Fund', exchange: 'AMEX', price: 50.81 },
};

// the window the samples cover: November 2024 (US Thanksgiving closed)
const FROM = '2024-11-01';
const TO = '2024-11-29';
const HOLIDAYS = new Set(['2024-11-28']);
function tradingDays(): string[] {
  const out: string[] = [];
  for (let d = new Date(FROM + 'T00:00:00Z'); d.toISOString().slice(0, 10) <= TO; d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.toISOString().slice(0, 10);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !HOLIDAYS.has(day)) out.push(day);
  }
  return out.reverse(); // newest first, as FMP serves every series
}

function label(day: string): string {
  const d = new Date(day + 'T00:00:00Z');
  return `${d.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' })} ${d.getUTCDate()}, ${String(d.getUTCFullYear()).slice(2)}`;
}

function priceRows(symbol: string, last: number, gen: Gen): Row[] {
  const days = tradingDays();
  const closes: number[] = [];
  let p = last;
  for (let i = 0; i < days.length; i++) {
    closes.push(r2(p));
    p = p / (1 + (rand() - 0.5) * 0.03);
  }
  return days.map((date, i) => {
    // one whole-number close among floats: FMP's numbers are not type-stable
    const close = i === 3 ? Math.round(closes[i]!) : closes[i]!;
    const prev = closes[i + 1] ?? r2(close * 0.995);
    const open = r2(prev * (1 + (rand() - 0.5) * 0.01));
    const high = r2(Math.max(open, close) * (1 + rand() * 0.008));
    const low = r2(Math.min(open, close) * (1 - rand() * 0.008));
    const volume = Math.round(2e6 + rand() * 6e7);
    const change = r2(close - open);
    const changePercent = r4((change / open) * 100);
    const vwap = r2((high + low + close) / 3);
    if (gen === 'stable') return { symbol, date, open, high, low, close, volume, change, changePercent, vwap };
    return {
      date,
      open,
      high,
      low,
      close,
      adjClose: close,
      volume,
      unadjustedVolume: volume,
      change,
      changePercent,
      vwap,
      label: label(date),
      changeOverTime: r4(changePercent / 100),
    };
  });
}

function profile(c: Company, gen: Gen): Row {
  const mktCap = Math.round(c.price * c.shares);
  const common = {
    symbol: c.symbol,
    price: c.price,
    beta: r4(0.8 + rand() * 0.6),
    companyName: c.name,
    currency: c.currency,
    cik: c.cik,
    isin: c.isin,
    cusip: c.cusip,
    industry: c.industry,
    website: c.website,
    description: `${c.name} designs, builds and sells products and services in its ${c.sector.toLowerCase()} markets.`,
    ceo: c.ceo,
    sector: c.sector,
    country: c.country,
    fullTimeEmployees: c.employees,
    phone: '(408) 996-1010',
    address: 'One Example Way',
    city: c.city,
    state: c.state,
    zip: c.zip,
    image: `https://images.financialmodelingprep.com/symbol/${c.symbol}.png`,
    ipoDate: c.ipoDate,
    defaultImage: false,
    isEtf: false,
    isActivelyTrading: true,
    isAdr: false,
    isFund: false,
  };
  const range = `${r2(c.price * 0.72)}-${r2(c.price * 1.03)}`;
  if (gen === 'stable') {
    return {
      symbol: c.symbol,
      price: c.price,
      marketCap: mktCap,
      beta: common.beta,
      lastDividend: c.symbol === 'BRK-B' ? 0 : 0.99,
      range,
      change: r2(c.price * 0.0109),
      changePercentage: 1.09,
      volume: 28481377,
      averageVolume: 44902144,
      companyName: c.name,
      currency: c.currency,
      cik: c.cik,
      isin: c.isin,
      cusip: c.cusip,
      exchangeFullName: c.exchangeFull,
      exchange: c.exchange,
      industry: c.industry,
      website: c.website,
      description: common.description,
      ceo: c.ceo,
      sector: c.sector,
      country: c.country,
      fullTimeEmployees: c.employees,
      phone: common.phone,
      address: common.address,
      city: c.city,
      state: c.state,
      zip: c.zip,
      image: common.image,
      ipoDate: c.ipoDate,
      defaultImage: false,
      isEtf: false,
      isActivelyTrading: true,
      isAdr: false,
      isFund: false,
    };
  }
  return {
    symbol: c.symbol,
    price: c.price,
    beta: common.beta,
    volAvg: 44902144,
    mktCap,
    lastDiv: c.symbol === 'BRK-B' ? 0 : 0.99,
    range,
    changes: r2(c.price * 0.0109),
    companyName: c.name,
    currency: c.currency,
    cik: c.cik,
    isin: c.isin,
    cusip: c.cusip,
    exchange: c.exchangeFull,
    exchangeShortName: c.exchange,
    industry: c.industry,
    website: c.website,
    description: common.description,
    ceo: c.ceo,
    sector: c.sector,
    country: c.country,
    fullTimeEmployees: c.employees,
    phone: common.phone,
    address: common.address,
    city: c.city,
    state: c.state,
    zip: c.zip,
    dcfDiff: r2(c.price * 0.12),
    dcf: r2(c.price * 0.88),
    image: common.image,
    ipoDate: c.ipoDate,
    defaultImage: false,
    isEtf: false,
    isActivelyTrading: true,
    isAdr: false,
    isFund: false,
  };
}

function quote(symbol: string, name: string, exchange: string, price: number, gen: Gen): Row {
  const change = r2(price * 0.0056);
  const base = {
    symbol,
    name,
    price,
    dayLow: r2(price * 0.994),
    dayHigh: r2(price * 1.004),
    yearHigh: r2(price * 1.01),
    yearLow: r2(price * 0.78),
    marketCap: exchange === 'INDEX' ? 0 : Math.round(price * 9.8e8),
    priceAvg50: r2(price * 0.97),
    priceAvg200: r2(price * 0.91),
    exchange,
    volume: Math.round(1e6 + rand() * 3e9),
    open: r2(price * 0.998),
    previousClose: r2(price - change),
    timestamp: 1732914000,
  };
  if (gen === 'stable') return { ...base, changePercentage: r4((change / (price - change)) * 100), change };
  return {
    ...base,
    changesPercentage: r4((change / (price - change)) * 100),
    change,
    avgVolume: Math.round(2e6 + rand() * 3e9),
    eps: exchange === 'INDEX' ? null : r2(price / 30),
    pe: exchange === 'INDEX' ? null : 30.01,
    earningsAnnouncement: null,
    sharesOutstanding: exchange === 'INDEX' ? 0 : 980000000,
  };
}

interface Period {
  date: string;
  year: string;
  period: string;
  scale: number;
}
function periods(kind: 'annual' | 'quarter'): Period[] {
  return kind === 'annual'
    ? [
        { date: '2024-09-28', year: '2024', period: 'FY', scale: 1 },
        { date: '2023-09-30', year: '2023', period: 'FY', scale: 0.98 },
        { date: '2022-09-24', year: '2022', period: 'FY', scale: 1.005 },
      ]
    : [
        { date: '2024-09-28', year: '2024', period: 'Q4', scale: 0.241 },
        { date: '2024-06-29', year: '2024', period: 'Q3', scale: 0.219 },
        { date: '2024-03-30', year: '2024', period: 'Q2', scale: 0.232 },
        { date: '2023-12-30', year: '2024', period: 'Q1', scale: 0.306 },
      ];
}

function filing(c: Company, p: Period, gen: Gen): Row {
  const filed = p.date.slice(0, 8) + '01';
  const head = { date: p.date, symbol: c.symbol, reportedCurrency: c.currency, cik: c.cik };
  return gen === 'stable'
    ? {
        ...head,
        filingDate: filed.replace(/-01$/, '-31').replace(/-(09|06|04|11)-31$/, '-$1-30'),
        acceptedDate: `${p.date} 18:01:36`,
        fiscalYear: p.year,
        period: p.period,
      }
    : { ...head, fillingDate: filed, acceptedDate: `${p.date} 18:01:36`, calendarYear: p.year, period: p.period };
}

function income(c: Company, p: Period, gen: Gen, i: number): Row {
  const revenue = Math.round(c.revenue * p.scale);
  const cost = Math.round(revenue * 0.537);
  const gross = revenue - cost;
  const rnd = Math.round(revenue * 0.08);
  const sga = Math.round(revenue * 0.0667);
  const opex = rnd + sga;
  const opInc = gross - opex;
  const da = Math.round(revenue * 0.0295);
  const interestIncome = i === 2 ? 0 : Math.round(revenue * 0.0077); // 0 where FMP has no value
  const interestExpense = Math.round(revenue * 0.0007);
  const other = Math.round(revenue * -0.0006);
  const pretax = opInc + other;
  const tax = Math.round(pretax * 0.241);
  const net = pretax - tax;
  const shs = Math.round(c.shares * 1.01);
  const eps = r2(net / shs);
  // an integer in one row and a float in the next: FMP's numbers are not type-stable
  const grossRatio = i === 1 ? 0.4413112957720756 : r4(gross / revenue);
  const common = {
    revenue,
    costOfRevenue: cost,
    grossProfit: gross,
    researchAndDevelopmentExpenses: rnd,
    generalAndAdministrativeExpenses: 0,
    sellingAndMarketingExpenses: 0,
    sellingGeneralAndAdministrativeExpenses: sga,
    otherExpenses: 0,
    operatingExpenses: opex,
    costAndExpenses: cost + opex,
    interestIncome,
    interestExpense,
    depreciationAndAmortization: da,
    ebitda: opInc + da,
    operatingIncome: opInc,
    totalOtherIncomeExpensesNet: other,
    incomeBeforeTax: pretax,
    incomeTaxExpense: tax,
    netIncome: net,
    eps,
    weightedAverageShsOut: shs,
    weightedAverageShsOutDil: Math.round(shs * 1.004),
  };
  if (gen === 'stable') {
    return {
      ...filing(c, p, gen),
      ...common,
      netInterestIncome: interestIncome - interestExpense,
      ebit: opInc,
      nonOperatingIncomeExcludingInterest: other,
      netIncomeFromContinuingOperations: net,
      netIncomeFromDiscontinuedOperations: 0,
      otherAdjustmentsToNetIncome: 0,
      netIncomeDeductions: 0,
      bottomLineNetIncome: net,
      epsDiluted: r2(eps * 0.996),
    };
  }
  return {
    ...filing(c, p, gen),
    ...common,
    grossProfitRatio: grossRatio,
    ebitdaratio: r4((opInc + da) / revenue),
    operatingIncomeRatio: r4(opInc / revenue),
    incomeBeforeTaxRatio: r4(pretax / revenue),
    netIncomeRatio: r4(net / revenue),
    epsdiluted: r2(eps * 0.996),
    link: `https://www.sec.gov/Archives/edgar/data/${Number(c.cik ?? 0)}/000032019324000123/0000320193-24-000123-index.htm`,
    finalLink: `https://www.sec.gov/Archives/edgar/data/${Number(c.cik ?? 0)}/000032019324000123/aapl-20240928.htm`,
  };
}

function balance(c: Company, p: Period, gen: Gen): Row {
  const assets = Math.round(c.revenue * 0.93 * (p.period === 'FY' ? p.scale : 1));
  const liabilities = Math.round(assets * 0.84);
  const equity = assets - liabilities;
  const cash = Math.round(assets * 0.082);
  const debt = Math.round(assets * 0.277);
  const common = {
    cashAndCashEquivalents: cash,
    shortTermInvestments: Math.round(assets * 0.0975),
    cashAndShortTermInvestments: Math.round(assets * 0.1795),
    netReceivables: Math.round(assets * 0.18),
    inventory: Math.round(assets * 0.02),
    otherCurrentAssets: Math.round(assets * 0.04),
    totalCurrentAssets: Math.round(assets * 0.416),
    propertyPlantEquipmentNet: Math.round(assets * 0.124),
    goodwill: 0,
    intangibleAssets: 0,
    goodwillAndIntangibleAssets: 0,
    longTermInvestments: Math.round(assets * 0.25),
    taxAssets: Math.round(assets * 0.054),
    otherNonCurrentAssets: Math.round(assets * 0.156),
    totalNonCurrentAssets: Math.round(assets * 0.584),
    otherAssets: 0,
    totalAssets: assets,
    accountPayables: Math.round(assets * 0.191),
    shortTermDebt: Math.round(assets * 0.059),
    taxPayables: Math.round(assets * 0.07),
    deferredRevenue: Math.round(assets * 0.022),
    otherCurrentLiabilities: Math.round(assets * 0.066),
    totalCurrentLiabilities: Math.round(assets * 0.408),
    longTermDebt: Math.round(assets * 0.218),
    deferredRevenueNonCurrent: null,
    deferredTaxLiabilitiesNonCurrent: 0,
    otherNonCurrentLiabilities: Math.round(assets * 0.214),
    totalNonCurrentLiabilities: Math.round(assets * 0.432),
    otherLiabilities: 0,
    capitalLeaseObligations: Math.round(assets * 0.021),
    totalLiabilities: liabilities,
    preferredStock: 0,
    commonStock: Math.round(assets * 0.226),
    retainedEarnings: Math.round(equity * -0.34),
    accumulatedOtherComprehensiveIncomeLoss: Math.round(assets * -0.019),
    totalStockholdersEquity: equity,
    totalEquity: equity,
    totalLiabilitiesAndStockholdersEquity: assets,
    minorityInterest: 0,
    totalLiabilitiesAndTotalEquity: assets,
    totalInvestments: Math.round(assets * 0.35),
    totalDebt: debt,
    netDebt: debt - cash,
  };
  if (gen === 'stable') {
    return {
      ...filing(c, p, gen),
      ...common,
      accountsReceivables: Math.round(assets * 0.09),
      otherReceivables: Math.round(assets * 0.09),
      prepaids: 0,
      accruedExpenses: 0,
      otherTotalStockholdersEquity: 0,
      treasuryStock: 0,
    };
  }
  return { ...filing(c, p, gen), ...common, othertotalStockholdersEquity: 0, link: null, finalLink: null };
}

function cashflow(c: Company, p: Period, gen: Gen): Row {
  const net = Math.round(c.revenue * 0.24 * p.scale);
  const ocf = Math.round(net * 1.26);
  const capex = -Math.round(c.revenue * 0.024 * p.scale);
  const common = {
    netIncome: net,
    depreciationAndAmortization: Math.round(c.revenue * 0.0295 * p.scale),
    deferredIncomeTax: 0,
    stockBasedCompensation: Math.round(c.revenue * 0.03 * p.scale),
    changeInWorkingCapital: Math.round(c.revenue * 0.008 * p.scale),
    accountsReceivables: -Math.round(c.revenue * 0.0078 * p.scale),
    inventory: -1046000000,
    accountsPayables: 6020000000,
    otherWorkingCapital: 1748000000,
    otherNonCashItems: -2266000000,
    netCashProvidedByOperatingActivities: ocf,
    investmentsInPropertyPlantAndEquipment: capex,
    acquisitionsNet: 0,
    purchasesOfInvestments: -48656000000,
    salesMaturitiesOfInvestments: 62346000000,
    debtRepayment: -5998000000,
    commonStockIssued: 0,
    commonStockRepurchased: -94949000000,
    dividendsPaid: -15234000000,
    effectOfForexChangesOnCash: 0,
    netChangeInCash: -794000000,
    cashAtEndOfPeriod: 29943000000,
    cashAtBeginningOfPeriod: 30737000000,
    operatingCashFlow: ocf,
    capitalExpenditure: capex,
    freeCashFlow: ocf + capex,
  };
  if (gen === 'stable') {
    return {
      ...filing(c, p, gen),
      ...common,
      otherInvestingActivities: -1308000000,
      netCashProvidedByInvestingActivities: 2935000000,
      netDebtIssuance: -5998000000,
      otherFinancingActivities: -5802000000,
      netCashProvidedByFinancingActivities: -121983000000,
      incomeTaxesPaid: 26102000000,
      interestPaid: 0,
    };
  }
  return {
    ...filing(c, p, gen),
    ...common,
    otherInvestingActivites: -1308000000,
    netCashUsedForInvestingActivites: 2935000000,
    otherFinancingActivites: -5802000000,
    netCashUsedProvidedByFinancingActivities: -121983000000,
    link: null,
    finalLink: null,
  };
}

function ratios(c: Company, p: Period, gen: Gen): Row {
  const head =
    gen === 'stable'
      ? { symbol: c.symbol, date: p.date, fiscalYear: p.year, period: p.period, reportedCurrency: c.currency }
      : { symbol: c.symbol, date: p.date, calendarYear: p.year, period: p.period };
  const common = {
    currentRatio: r4(0.86 + rand() * 0.1),
    quickRatio: r4(0.82 + rand() * 0.1),
    cashRatio: r4(0.16 + rand() * 0.05),
    grossProfitMargin: r4(0.46 * p.scale ** 0),
    operatingProfitMargin: 0.3151,
    pretaxProfitMargin: 0.3145,
    netProfitMargin: 0.2397,
    effectiveTaxRate: 0.241,
    receivablesTurnover: 5.7,
    payablesTurnover: 3.2,
    inventoryTurnover: 28.87,
    assetTurnover: 1.07,
    fixedAssetTurnover: 8.55,
    dividendPayoutRatio: 0.1612,
    priceToBookRatio: 61.37,
    priceToSalesRatio: 9.17,
    priceToFreeCashFlowRatio: 32.13,
    priceToOperatingCashFlowRatio: 29.18,
    dividendYield: 0.0043,
    enterpriseValueMultiple: 26.7,
  };
  if (gen === 'stable') {
    return {
      ...head,
      ...common,
      ebitMargin: 0.3151,
      ebitdaMargin: 0.3446,
      continuousOperationsProfitMargin: 0.2397,
      bottomLineProfitMargin: 0.2397,
      priceToEarningsRatio: 37.29,
      priceToEarningsGrowthRatio: -3.33,
      debtToEquityRatio: 1.87,
      debtToAssetsRatio: 0.3,
      financialLeverageRatio: 6.19,
      netIncomePerShare: 6.11,
      dividendPerShare: 0.98,
    };
  }
  return {
    ...head,
    ...common,
    daysOfSalesOutstanding: 64.01,
    daysOfInventoryOutstanding: 12.64,
    operatingCycle: 76.66,
    daysOfPayablesOutstanding: 119.65,
    cashConversionCycle: -43,
    returnOnAssets: 0.2568,
    returnOnEquity: 1.6459,
    returnOnCapitalEmployed: 0.6542,
    netIncomePerEBT: 0.759,
    ebtPerEbit: 1,
    ebitPerRevenue: 0.3151,
    debtRatio: 0.3,
    debtEquityRatio: 1.87,
    longTermDebtToCapitalization: 0.5,
    totalDebtToCapitalization: 0.65,
    interestCoverage: null,
    cashFlowToDebtRatio: 1.12,
    companyEquityMultiplier: 6.19,
    priceEarningsRatio: 37.29,
    priceEarningsToGrowthRatio: -3.33,
    payoutRatio: 0.1612,
    operatingCashFlowSalesRatio: 0.3029,
    freeCashFlowOperatingCashFlowRatio: 0.9,
    priceBookValueRatio: 61.37,
    priceCashFlowRatio: 29.18,
    priceFairValue: 61.37,
  };
}

function keyMetrics(c: Company, p: Period, gen: Gen): Row {
  const mktCap = Math.round(c.price * c.shares);
  if (gen === 'stable') {
    return {
      symbol: c.symbol,
      date: p.date,
      fiscalYear: p.year,
      period: p.period,
      reportedCurrency: c.currency,
      marketCap: mktCap,
      enterpriseValue: Math.round(mktCap * 1.01),
      evToSales: 9.27,
      evToOperatingCashFlow: 29.5,
      evToFreeCashFlow: 32.45,
      evToEBITDA: 26.9,
      netDebtToEBITDA: 0.56,
      currentRatio: 0.867,
      incomeQuality: 1.26,
      grahamNumber: 22.6,
      taxBurden: 0.759,
      interestBurden: 1,
      workingCapital: -23405000000,
      investedCapital: 22275000000,
      returnOnAssets: 0.2568,
      operatingReturnOnAssets: 0.34,
      returnOnTangibleAssets: 0.2568,
      returnOnEquity: 1.6459,
      returnOnInvestedCapital: 0.4382,
      returnOnCapitalEmployed: 0.6542,
      earningsYield: 0.0268,
      freeCashFlowYield: 0.0308,
      capexToOperatingCashFlow: 0.0803,
      capexToDepreciation: 0.82,
      capexToRevenue: 0.024,
      salesGeneralAndAdministrativeToRevenue: 0.0667,
      researchAndDevelopementToRevenue: 0.08,
      stockBasedCompensationToRevenue: 0.03,
      intangiblesToTotalAssets: 0,
      averageReceivables: 63614000000,
      daysOfSalesOutstanding: 64.01,
      daysOfPayablesOutstanding: 119.65,
      cashConversionCycle: -43,
      netCurrentAssetValue: -155043000000,
      tangibleAssetValue: 56950000000,
    };
  }
  return {
    symbol: c.symbol,
    date: p.date,
    calendarYear: p.year,
    period: p.period,
    revenuePerShare: 25.48,
    netIncomePerShare: 6.11,
    operatingCashFlowPerShare: 7.71,
    freeCashFlowPerShare: 7.09,
    cashPerShare: 4.27,
    bookValuePerShare: 3.77,
    tangibleBookValuePerShare: 3.77,
    shareholdersEquityPerShare: 3.77,
    interestDebtPerShare: 6.31,
    marketCap: mktCap,
    enterpriseValue: Math.round(mktCap * 1.01),
    peRatio: 37.29,
    priceToSalesRatio: 8.94,
    pocfratio: 29.5,
    pfcfRatio: 32.13,
    pbRatio: 61.37,
    ptbRatio: 61.37,
    evToSales: 9.27,
    enterpriseValueOverEBITDA: 26.9,
    evToOperatingCashFlow: 29.5,
    evToFreeCashFlow: 32.45,
    earningsYield: 0.0268,
    freeCashFlowYield: 0.0308,
    debtToEquity: 1.87,
    debtToAssets: 0.3,
    netDebtToEBITDA: 0.56,
    currentRatio: 0.867,
    interestCoverage: 0,
    incomeQuality: 1.26,
    dividendYield: 0.0043,
    payoutRatio: 0.1612,
    salesGeneralAndAdministrativeToRevenue: 0.0667,
    researchAndDdevelopementToRevenue: 0.08,
    intangiblesToTotalAssets: 0,
    capexToOperatingCashFlow: 0.0803,
    capexToRevenue: 0.024,
    capexToDepreciation: 0.82,
    stockBasedCompensationToRevenue: 0.03,
    grahamNumber: 22.6,
    roic: 0.4382,
    returnOnTangibleAssets: 0.2568,
    grahamNetNet: -10.06,
    workingCapital: -23405000000,
    tangibleAssetValue: 56950000000,
    netCurrentAssetValue: -155043000000,
    investedCapital: 0.95,
    averageReceivables: 63614000000,
    averagePayables: 68960000000,
    averageInventory: 6808000000,
    daysSalesOutstanding: 64.01,
    daysPayablesOutstanding: 119.65,
    daysOfInventoryOnHand: 12.64,
    receivablesTurnover: 5.7,
    payablesTurnover: 3.05,
    inventoryTurnover: 28.87,
    roe: 1.6459,
    capexPerShare: -0.62,
  };
}

function score(c: Company, gen: Gen): Row {
  const base = {
    symbol: c.symbol,
    altmanZScore: 10.07,
    piotroskiScore: 8,
    workingCapital: -23405000000,
    totalAssets: 364980000000,
    retainedEarnings: -19154000000,
    ebit: 123216000000,
    marketCap: Math.round(c.price * c.shares),
    totalLiabilities: 308030000000,
    revenue: c.revenue,
  };
  return gen === 'stable' ? { symbol: c.symbol, reportedCurrency: c.currency, ...base } : base;
}

function head(c: Company, p: Period, gen: Gen): Row {
  return gen === 'stable'
    ? { symbol: c.symbol, date: p.date, fiscalYear: p.year, period: p.period, reportedCurrency: c.currency }
    : { date: p.date, symbol: c.symbol, calendarYear: p.year, period: p.period };
}

const g = () => r4((rand() - 0.4) * 0.3);

function incomeGrowth(c: Company, p: Period, gen: Gen): Row {
  return {
    ...head(c, p, gen),
    growthRevenue: 0.0202,
    growthCostOfRevenue: -0.0176,
    growthGrossProfit: 0.0679,
    ...(gen === 'v3' ? { growthGrossProfitRatio: 0.0468, growthEBITDARatio: g(), growthOperatingIncomeRatio: g() } : {}),
    growthResearchAndDevelopmentExpenses: 0.0486,
    growthGeneralAndAdministrativeExpenses: 0,
    growthSellingAndMarketingExpenses: 0,
    growthOtherExpenses: 0,
    growthOperatingExpenses: 0.0567,
    growthCostAndExpenses: -0.0029,
    growthInterestExpense: 1,
    growthDepreciationAndAmortization: -0.0022,
    growthEBITDA: 0.0702,
    growthOperatingIncome: 0.0781,
    growthIncomeBeforeTax: 0.0784,
    growthIncomeTaxExpense: 0.7691,
    growthNetIncome: -0.0336,
    growthEPS: -0.0081,
    growthEPSDiluted: g(),
    growthWeightedAverageShsOut: -0.0277,
    growthWeightedAverageShsOutDil: -0.0276,
  };
}

function balanceGrowth(c: Company, p: Period, gen: Gen): Row {
  return {
    ...head(c, p, gen),
    growthCashAndCashEquivalents: -0.0215,
    growthShortTermInvestments: -0.3262,
    growthCashAndShortTermInvestments: -0.1857,
    growthNetReceivables: 0.1962,
    growthInventory: 0.1795,
    growthOtherCurrentAssets: 0.0479,
    growthTotalCurrentAssets: 0.0671,
    growthPropertyPlantEquipmentNet: 0.0585,
    growthGoodwill: 0,
    growthIntangibleAssets: 0,
    growthGoodwillAndIntangibleAssets: 0,
    growthLongTermInvestments: -0.0803,
    growthTaxAssets: 0.0877,
    growthOtherNonCurrentAssets: 0.1475,
    growthTotalNonCurrentAssets: -0.0195,
    growthOtherAssets: 0,
    growthTotalAssets: 0.0352,
    growthAccountPayables: 0.1454,
    growthShortTermDebt: 0.1127,
    growthTaxPayables: 0,
    growthDeferredRevenue: 0.0325,
    growthOtherCurrentLiabilities: 0.1269,
    growthTotalCurrentLiabilities: 0.2143,
    growthLongTermDebt: -0.1156,
    growthDeferredRevenueNonCurrent: 0,
    growthDeferrredTaxLiabilitiesNonCurrent: 0,
    growthOtherNonCurrentLiabilities: 0.0465,
    growthTotalNonCurrentLiabilities: -0.0437,
    growthOtherLiabilities: 0,
    growthTotalLiabilities: 0.0602,
    growthCommonStock: 0.1143,
    growthRetainedEarnings: -2.2798,
    growthAccumulatedOtherComprehensiveIncomeLoss: 0.3748,
    growthOthertotalStockholdersEquity: 0,
    growthTotalStockholdersEquity: -0.0837,
    growthTotalLiabilitiesAndStockholdersEquity: 0.0352,
    growthTotalInvestments: -0.1555,
    growthTotalDebt: -0.0421,
    growthNetDebt: -0.0563,
  };
}

function cashflowGrowth(c: Company, p: Period, gen: Gen): Row {
  return {
    ...head(c, p, gen),
    growthNetIncome: -0.0336,
    growthDepreciationAndAmortization: -0.0022,
    growthDeferredIncomeTax: 0,
    growthStockBasedCompensation: 0.0593,
    growthChangeInWorkingCapital: 1.1855,
    growthAccountsReceivables: -1.1905,
    growthInventory: -0.4533,
    growthAccountsPayables: 2.1785,
    growthOtherWorkingCapital: 0.0789,
    growthOtherNonCashItems: -1.0259,
    growthNetCashProvidedByOperatingActivites: 0.0698,
    growthInvestmentsInPropertyPlantAndEquipment: 0.0686,
    growthAcquisitionsNet: 0,
    growthPurchasesOfInvestments: 0.6982,
    growthSalesMaturitiesOfInvestments: 0.3596,
    growthOtherInvestingActivites: -0.4011,
    growthNetCashUsedForInvestingActivites: -0.6986,
    growthDebtRepayment: 0.4533,
    growthCommonStockIssued: 0,
    growthCommonStockRepurchased: -0.1574,
    growthDividendsPaid: -0.0058,
    growthOtherFinancingActivites: 0.2734,
    growthNetCashUsedProvidedByFinancingActivities: -0.0654,
    growthEffectOfForexChangesOnCash: 0,
    growthNetChangeInCash: -1.1544,
    growthCashAtEndOfPeriod: -0.0258,
    growthCashAtBeginningOfPeriod: 0.3437,
    growthOperatingCashFlow: 0.0698,
    growthCapitalExpenditure: 0.0686,
    growthFreeCashFlow: 0.0926,
  };
}

function financialGrowth(c: Company, p: Period, gen: Gen): Row {
  return {
    ...head(c, p, gen),
    revenueGrowth: 0.0202,
    grossProfitGrowth: 0.0679,
    ebitgrowth: 0.0781,
    operatingIncomeGrowth: 0.0781,
    netIncomeGrowth: -0.0336,
    epsgrowth: -0.0081,
    epsdilutedGrowth: -0.0081,
    weightedAverageSharesGrowth: -0.0277,
    weightedAverageSharesDilutedGrowth: -0.0276,
    dividendsperShareGrowth: 0.0405,
    operatingCashFlowGrowth: 0.0698,
    freeCashFlowGrowth: 0.0926,
    tenYRevenueGrowthPerShare: 2.2217,
    fiveYRevenueGrowthPerShare: 0.9185,
    threeYRevenueGrowthPerShare: 0.2426,
    tenYOperatingCFGrowthPerShare: 2.0553,
    fiveYOperatingCFGrowthPerShare: 1.1148,
    threeYOperatingCFGrowthPerShare: 0.2091,
    tenYNetIncomeGrowthPerShare: 2.2063,
    fiveYNetIncomeGrowthPerShare: 0.8818,
    threeYNetIncomeGrowthPerShare: 0.0986,
    tenYShareholdersEquityGrowthPerShare: -0.1437,
    fiveYShareholdersEquityGrowthPerShare: -0.1143,
    threeYShareholdersEquityGrowthPerShare: -0.0424,
    tenYDividendperShareGrowthPerShare: 1.6326,
    fiveYDividendperShareGrowthPerShare: 0.2908,
    threeYDividendperShareGrowthPerShare: 0.1286,
    receivablesGrowth: 0.1962,
    inventoryGrowth: 0.1795,
    assetGrowth: 0.0352,
    bookValueperShareGrowth: -0.0586,
    debtGrowth: -0.0421,
    rdexpenseGrowth: 0.0486,
    sgaexpensesGrowth: 0.0466,
  };
}

function peersLegacy(symbol: string, peers: string[]): Row[] {
  return [{ symbol, peersList: peers }];
}

function peersStable(peers: string[]): Row[] {
  return peers.map((p, i) => ({
    symbol: p,
    companyName: `${p.replace(/\..*$/, '')} Corp.`,
    price: r2(40 + rand() * 400),
    mktCap: Math.round(5e9 + rand() * 2e12 + i),
  }));
}

function etfInfo(e: Etf, gen: Gen): Row {
  const sectorsList = e.sectors.map(([industry, exposure]) => ({ industry, exposure }));
  if (gen === 'stable') {
    return {
      symbol: e.symbol,
      name: e.name,
      description: `${e.name} seeks to track its index.`,
      isin: e.isin,
      assetClass: 'Equity',
      securityCusip: e.cusip,
      domicile: e.currency === 'CAD' ? 'CA' : 'US',
      website: 'https://www.example-etf.com',
      etfCompany: e.company,
      expenseRatio: e.expenseRatio,
      assetsUnderManagement: e.aum,
      avgVolume: 45873241,
      inceptionDate: e.inception,
      nav: r2(e.price * 0.9998),
      navCurrency: e.currency,
      holdingsCount: e.holdings.length * 100 + 3,
      updatedAt: '2024-11-29T22:08:17.000Z',
      sectorsList,
    };
  }
  return {
    symbol: e.symbol,
    assetClass: 'Equity',
    aum: e.aum,
    avgVolume: 45873241,
    cusip: e.cusip,
    description: `${e.name} seeks to track its index.`,
    domicile: e.currency === 'CAD' ? 'CA' : 'US',
    etfCompany: e.company,
    expenseRatio: e.expenseRatio,
    inceptionDate: e.inception,
    isin: e.isin,
    name: e.name,
    nav: r2(e.price * 0.9998),
    navCurrency: e.currency,
    sectorsList,
    website: 'https://www.example-etf.com',
    holdingsCount: e.holdings.length * 100 + 3,
  };
}

function holdings(e: Etf, gen: Gen): Row[] {
  return e.holdings.map((h) =>
    gen === 'stable'
      ? {
          symbol: e.symbol,
          asset: h.asset,
          name: h.name,
          isin: h.isin,
          securityCusip: h.cusip,
          sharesNumber: h.shares,
          weightPercentage: h.weight,
          marketValue: h.value,
          updatedAt: '2024-11-29 05:08:17',
        }
      : {
          asset: h.asset,
          name: h.name,
          isin: h.isin,
          cusip: h.cusip,
          sharesNumber: h.shares,
          weightPercentage: h.weight,
          marketValue: h.value,
          updated: '2024-11-29 05:08:17',
        },
  );
}

function countries(e: Etf): Row[] {
  return e.countries.map(([country, weightPercentage]) => ({ country, weightPercentage }));
}

function treasury(): Row[] {
  const days = tradingDays();
  let y10 = 4.18;
  return days.map((date) => {
    y10 = r2(y10 + (rand() - 0.5) * 0.08);
    return {
      date,
      month1: 4.72,
      month2: r2(4.65 + rand() * 0.03),
      month3: 4.57,
      month6: r2(4.43 + rand() * 0.05),
      year1: 4.3,
      year2: r2(y10 + 0.03),
      year3: r2(y10 - 0.04),
      year5: r2(y10 - 0.03),
      year7: r2(y10 + 0.01),
      year10: y10,
      year20: r2(y10 + 0.3),
      year30: r2(y10 + 0.18),
    };
  });
}

/** One row per line: small files that still diff well. */
// Corporate actions: fixed events (no draws from the seeded generator, so the
// other samples stay as they were), newest first like FMP. Ex-dates, amounts
// and ratios follow the companies' published actions but are samples all the
// same; a dividend in November lands inside the sample price window.
interface DividendEvent {
  date: string;
  dividend: number;
  recordDate: string;
  paymentDate: string;
  declarationDate: string;
  frequency: string;
}
const DIVIDENDS: Record<string, DividendEvent[]> = {
  AAPL: [
    {
      date: '2024-11-08',
      dividend: 0.25,
      recordDate: '2024-11-11',
      paymentDate: '2024-11-14',
      declarationDate: '2024-10-31',
      frequency: 'Quarterly',
    },
    {
      date: '2024-08-12',
      dividend: 0.25,
      recordDate: '2024-08-12',
      paymentDate: '2024-08-15',
      declarationDate: '2024-08-01',
      frequency: 'Quarterly',
    },
    {
      date: '2024-05-10',
      dividend: 0.25,
      recordDate: '2024-05-13',
      paymentDate: '2024-05-16',
      declarationDate: '2024-05-02',
      frequency: 'Quarterly',
    },
  ],
  MSFT: [
    {
      date: '2024-11-21',
      dividend: 0.83,
      recordDate: '2024-11-21',
      paymentDate: '2024-12-12',
      declarationDate: '2024-09-16',
      frequency: 'Quarterly',
    },
    {
      date: '2024-08-15',
      dividend: 0.75,
      recordDate: '2024-08-15',
      paymentDate: '2024-09-12',
      declarationDate: '2024-06-12',
      frequency: 'Quarterly',
    },
    // FMP writes "" for a date it does not know
    {
      date: '2024-05-15',
      dividend: 0.75,
      recordDate: '2024-05-16',
      paymentDate: '2024-06-13',
      declarationDate: '',
      frequency: 'Quarterly',
    },
  ],
  SPY: [
    {
      date: '2024-09-20',
      dividend: 1.75902,
      recordDate: '2024-09-20',
      paymentDate: '2024-10-31',
      declarationDate: '2024-09-19',
      frequency: 'Quarterly',
    },
    {
      date: '2024-06-21',
      dividend: 1.75902,
      recordDate: '2024-06-21',
      paymentDate: '2024-07-31',
      declarationDate: '2024-06-20',
      frequency: 'Quarterly',
    },
  ],
  'XIU.TO': [
    {
      date: '2024-11-25',
      dividend: 0.2211,
      recordDate: '2024-11-25',
      paymentDate: '2024-11-29',
      declarationDate: '2024-11-18',
      frequency: 'Monthly',
    },
  ],
};
const SPLITS: Record<string, { date: string; numerator: number; denominator: number }[]> = {
  AAPL: [
    { date: '2020-08-31', numerator: 4, denominator: 1 },
    { date: '2014-06-09', numerator: 7, denominator: 1 },
  ],
  MSFT: [{ date: '2003-02-18', numerator: 2, denominator: 1 }],
  'SHOP.TO': [{ date: '2022-06-29', numerator: 10, denominator: 1 }],
  'BRK-B': [{ date: '2010-01-21', numerator: 50, denominator: 1 }],
};

function corporateActions(w: Writer, gen: Gen, symbols: string[]): void {
  for (const sym of symbols) {
    const price = COMPANIES[sym]?.price ?? ETFS[sym]?.price ?? 100;
    const dividends = DIVIDENDS[sym];
    if (dividends) {
      // every event here is after the symbol's last split: adjDividend = dividend
      const rows = dividends.map((d) =>
        gen === 'stable'
          ? {
              symbol: sym,
              date: d.date,
              recordDate: d.recordDate,
              paymentDate: d.paymentDate,
              declarationDate: d.declarationDate,
              adjDividend: d.dividend,
              dividend: d.dividend,
              yield: r4(((d.dividend * (d.frequency === 'Monthly' ? 12 : 4)) / price) * 100),
              frequency: d.frequency,
            }
          : {
              date: d.date,
              label: label(d.date),
              adjDividend: d.dividend,
              dividend: d.dividend,
              recordDate: d.recordDate,
              paymentDate: d.paymentDate,
              declarationDate: d.declarationDate,
            },
      );
      w.put(
        gen,
        gen === 'stable' ? 'dividends' : 'historical-price-full-stock_dividend',
        sym,
        gen === 'stable' ? rows : { symbol: sym, historical: rows },
      );
    }
    const splits = SPLITS[sym];
    if (splits) {
      const rows = splits.map((x) => (gen === 'stable' ? { symbol: sym, ...x } : { date: x.date, label: label(x.date), ...x }));
      w.put(
        gen,
        gen === 'stable' ? 'splits' : 'historical-price-full-stock_split',
        sym,
        gen === 'stable' ? rows : { symbol: sym, historical: rows },
      );
    }
  }
}

function compact(body: unknown): string {
  if (Array.isArray(body)) return body.length ? '[\n' + body.map((r) => JSON.stringify(r)).join(',\n') + '\n]' : '[]';
  const o = body as { historical?: unknown[] };
  if (o && Array.isArray(o.historical)) {
    const { historical, ...rest } = o;
    return JSON.stringify(rest).replace(/}$/, ',"historical":' + compact(historical) + '}');
  }
  return JSON.stringify(body);
}

class Writer {
  files = 0;
  constructor(
    readonly root: string,
    readme: string,
  ) {
    fs.rmSync(root, { recursive: true, force: true });
    fs.mkdirSync(root, { recursive: true });
    fs.writeFileSync(path.join(root, 'README.md'), readme);
  }
  put(gen: Gen, slug: string, key: string, body: unknown): void {
    const dir = path.join(this.root, gen, slug);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${key}.json`), compact(body) + '\n');
    this.files++;
  }
}

const SLUGS: Record<Gen, Record<string, string>> = {
  stable: {
    profile: 'profile',
    quote: 'quote',
    prices: 'historical-price-eod-full',
    treasury: 'treasury-rates',
    income: 'income-statement',
    balance: 'balance-sheet-statement',
    cashflow: 'cash-flow-statement',
    ratios: 'ratios',
    keyMetrics: 'key-metrics',
    score: 'financial-scores',
    incomeGrowth: 'income-statement-growth',
    balanceGrowth: 'balance-sheet-statement-growth',
    cashflowGrowth: 'cash-flow-statement-growth',
    financialGrowth: 'financial-growth',
    peers: 'stock-peers',
    etfInfo: 'etf-info',
    holdings: 'etf-holdings',
    countries: 'etf-country-weightings',
  },
  v3: {
    profile: 'profile',
    quote: 'quote',
    prices: 'historical-price-full',
    treasury: 'v4-treasury',
    income: 'income-statement',
    balance: 'balance-sheet-statement',
    cashflow: 'cash-flow-statement',
    ratios: 'ratios',
    keyMetrics: 'key-metrics',
    score: 'v4-score',
    incomeGrowth: 'income-statement-growth',
    balanceGrowth: 'balance-sheet-statement-growth',
    cashflowGrowth: 'cash-flow-statement-growth',
    financialGrowth: 'financial-growth',
    peers: 'v4-stock_peers',
    etfInfo: 'v4-etf-info',
    holdings: 'etf-holder',
    countries: 'etf-country-weightings',
  },
};

function write(w: Writer, gen: Gen, o: { equities: string[]; etfs: string[]; indices: string[]; emptyScores?: string[] }): void {
  const s = SLUGS[gen];
  for (const sym of o.equities) {
    const c = COMPANIES[sym]!;
    w.put(gen, s.profile!, sym, [profile(c, gen)]);
    const prices = priceRows(sym, c.price, gen);
    w.put(gen, s.prices!, sym, gen === 'stable' ? prices : { symbol: sym, historical: prices });
    for (const kind of ['annual', 'quarter'] as const) {
      const ps = periods(kind);
      w.put(
        gen,
        s.income!,
        `${sym}.${kind}`,
        ps.map((p, i) => income(c, p, gen, i)),
      );
      w.put(
        gen,
        s.balance!,
        `${sym}.${kind}`,
        ps.map((p) => balance(c, p, gen)),
      );
      w.put(
        gen,
        s.cashflow!,
        `${sym}.${kind}`,
        ps.map((p) => cashflow(c, p, gen)),
      );
      w.put(
        gen,
        s.ratios!,
        `${sym}.${kind}`,
        ps.map((p) => ratios(c, p, gen)),
      );
      w.put(
        gen,
        s.keyMetrics!,
        `${sym}.${kind}`,
        ps.map((p) => keyMetrics(c, p, gen)),
      );
      w.put(
        gen,
        s.incomeGrowth!,
        `${sym}.${kind}`,
        ps.map((p) => incomeGrowth(c, p, gen)),
      );
      w.put(
        gen,
        s.balanceGrowth!,
        `${sym}.${kind}`,
        ps.map((p) => balanceGrowth(c, p, gen)),
      );
      w.put(
        gen,
        s.cashflowGrowth!,
        `${sym}.${kind}`,
        ps.map((p) => cashflowGrowth(c, p, gen)),
      );
      w.put(
        gen,
        s.financialGrowth!,
        `${sym}.${kind}`,
        ps.map((p) => financialGrowth(c, p, gen)),
      );
    }
    w.put(gen, s.score!, sym, o.emptyScores?.includes(sym) ? [] : [score(c, gen)]);
    w.put(gen, s.peers!, sym, gen === 'stable' ? peersStable(c.peers) : peersLegacy(sym, c.peers));
  }
  for (const sym of o.etfs) {
    const e = ETFS[sym]!;
    const prices = priceRows(sym, e.price, gen);
    w.put(gen, s.prices!, sym, gen === 'stable' ? prices : { symbol: sym, historical: prices });
    w.put(gen, s.etfInfo!, sym, [etfInfo(e, gen)]);
    w.put(gen, s.holdings!, sym, holdings(e, gen));
    w.put(gen, s.countries!, sym, countries(e));
    w.put(gen, s.peers!, sym, gen === 'stable' ? peersStable(e.peers) : peersLegacy(sym, e.peers));
  }
  for (const sym of o.indices) {
    const i = INDICES[sym]!;
    w.put(gen, s.quote!, sym, [quote(sym, i.name, i.exchange, i.price, gen)]);
    // the index's own random sequence: the other samples stay as they were
    const saved = seed;
    seed = [...sym].reduce((a, ch) => (a * 31 + ch.charCodeAt(0)) % 2147483648, 17);
    const prices = priceRows(sym, i.price, gen);
    seed = saved;
    w.put(gen, s.prices!, sym, gen === 'stable' ? prices : { symbol: sym, historical: prices });
  }
  w.put(gen, s.treasury!, '_', treasury());
}

function symbolLists(w: Writer): void {
  const all = [
    ...Object.values(COMPANIES).map((c) => ({
      symbol: c.symbol,
      name: c.name,
      price: c.price,
      exchange: c.exchangeFull,
      exchangeShortName: c.exchange,
      type: 'stock',
    })),
    ...Object.values(ETFS).map((e) => ({
      symbol: e.symbol,
      name: e.name,
      price: e.price,
      exchange: e.exchange === 'TSX' ? 'Toronto Stock Exchange' : 'New York Stock Exchange Arca',
      exchangeShortName: e.exchange,
      type: 'etf',
    })),
    {
      symbol: 'VOD.L',
      name: 'Vodafone Group Public Limited Company',
      price: 70.58,
      exchange: 'London Stock Exchange',
      exchangeShortName: 'LSE',
      type: 'stock',
    },
    {
      symbol: '0700.HK',
      name: 'Tencent Holdings Limited',
      price: 401.6,
      exchange: 'Hong Kong Stock Exchange',
      exchangeShortName: 'HKSE',
      type: 'stock',
    },
    {
      symbol: 'BRK-A',
      name: 'Berkshire Hathaway Inc.',
      price: 725100,
      exchange: 'New York Stock Exchange',
      exchangeShortName: 'NYSE',
      type: 'trust',
    },
  ];
  w.put('v3', 'stock-list', '_', all);
  w.put(
    'v3',
    'etf-list',
    '_',
    all.filter((r) => r.type === 'etf'),
  );
  for (const ex of ['NYSE', 'NASDAQ', 'AMEX', 'TSX', 'TSXV']) {
    w.put(
      'stable',
      'company-screener',
      ex,
      all
        .filter((r) => r.exchangeShortName === ex && r.type !== 'trust')
        .map((r) => ({
          symbol: r.symbol,
          companyName: r.name,
          marketCap: Math.round(r.price * 1e9),
          sector: r.type === 'etf' ? null : 'Technology',
          industry: r.type === 'etf' ? null : 'Software',
          beta: 1.2,
          price: r.price,
          lastAnnualDividend: 0,
          volume: 1000000,
          exchange: r.exchange,
          exchangeShortName: r.exchangeShortName,
          country: ex.startsWith('TSX') ? 'CA' : 'US',
          isEtf: r.type === 'etf',
          isFund: false,
          isActivelyTrading: true,
        })),
    );
  }
}

/** /api/v4/etf-holdings?symbol=QQQ: N-PORT rows (values as strings, symbol null for a foreign holding). */
const NPORT_QQQ: Row[] = [
  {
    cik: '0001067839',
    acceptanceTime: '2024-11-26 16:05:12',
    date: '2024-09-30',
    symbol: 'AAPL',
    name: 'Apple Inc',
    lei: 'HWUPKR0MPOU8FGXBT394',
    title: 'APPLE INC',
    cusip: '037833100',
    isin: 'US0378331005',
    balance: '215032102',
    units: 'NS',
    cur_cd: 'USD',
    valUsd: '49826738435.44',
    pctVal: '8.6512038',
    payoffProfile: 'Long',
    assetCat: 'EC',
    issuerCat: 'CORP',
    invCountry: 'US',
    isRestrictedSec: 'N',
    fairValLevel: '1',
    isCashCollateral: 'N',
    isNonCashCollateral: 'N',
    isLoanByFund: 'N',
  },
  {
    cik: '0001067839',
    acceptanceTime: '2024-11-26 16:05:12',
    date: '2024-09-30',
    symbol: null,
    name: 'Taiwan Semiconductor Manufacturing Co Ltd',
    lei: '549300KB6NK5SBD14S87',
    title: 'TAIWAN SEMICONDUCTOR SP ADR',
    cusip: '874039100',
    isin: 'US8740391003',
    balance: '1000000',
    units: 'NS',
    cur_cd: 'USD',
    valUsd: '173670000',
    pctVal: '0.0301543',
    payoffProfile: 'Long',
    assetCat: 'EC',
    issuerCat: 'CORP',
    invCountry: 'TW',
    isRestrictedSec: 'N',
    fairValLevel: '1',
    isCashCollateral: 'N',
    isNonCashCollateral: 'N',
    isLoanByFund: 'N',
  },
];

// tests: both generations, every dataset, with FMP's quirks
/** The part of both folders' README that says what the files are. */
const README = `Generated by \`fmp/generate-samples.ts\` (\`node --import tsx fmp/generate-samples.ts\`
rewrites this folder): synthetic, deterministic answers in the shapes of
Financial Modeling Prep's REST API, **not** responses recorded from FMP. The
companies and symbols are real names; prices, statements, ratios, holdings and
rates are made up by a seeded generator.

They imitate the traits of FMP's answers that the loader and the transforms
must handle (\`docs/FMP.md\`): the field names of each
generation (including FMP's own misspellings such as \`fillingDate\`), numbers
that arrive as strings (\`fullTimeEmployees\`, \`calendarYear\`, \`zip\`), weights as
percent strings (\`"86.68%"\`), \`null\`s and empty arrays, a key that is an
integer in one row and a float in the next, and newest-first series.

Layout: \`<generation>/<endpoint>/<key>.json\`, as \`loader/sources/fmp-replay.ts\`
reads it (the endpoint is the dataset's path without its prefix, slashes as
dashes; the key is the symbol, \`SYMBOL.period\`, or \`_\`).
`;
const tests = new Writer(
  path.join(ROOT, 'tests', 'fixtures', 'fmp'),
  '# Generated FMP samples for the loader tests\n\n' +
    'What the FMP-like server of the loader tests answers (`tests/servers/`), for\n' +
    'both API generations (`stable`, `v3` with its v4 paths) and every dataset.\n\n' +
    README,
);
const testSet = { equities: ['AAPL', 'MSFT', 'BRK-B'], etfs: ['SPY', 'XIU.TO'], indices: ['^GSPC', '^DJI', 'XLK'], emptyScores: ['MSFT'] };
write(tests, 'stable', testSet);
write(tests, 'v3', testSet);
corporateActions(tests, 'stable', [...testSet.equities, ...testSet.etfs]);
corporateActions(tests, 'v3', [...testSet.equities, ...testSet.etfs]);
symbolLists(tests);
// legacy ETF holdings: an ETF without a holder list (etf-holder answers []) has SEC N-PORT holdings
tests.put('v3', 'v4-etf-holdings', 'QQQ', NPORT_QQQ);

// demo: the stable API (the default), a few equities and ETFs, every dataset
const demo = new Writer(
  path.join(ROOT, 'fmp', 'demo'),
  '# Generated FMP samples for `make demo`\n\n' +
    "What `sra demo` serves from a local server on 127.0.0.1 to `sra load fmp`'s code\n" +
    '(`loader/demo/fmp.ts`): the stable API, three equities, two ETFs, six index and\n' +
    'sector symbols, every dataset, November 2024.\n\n' +
    "One gap on purpose: MSFT's prices of 13–15 November are in\n" +
    '`stable/historical-price-eod-full/MSFT.late.json`, which the replay server\n' +
    'answers only to the backfill of that window (docs/CONTINUITY.md).\n\n' +
    README,
);
write(demo, 'stable', { equities: ['AAPL', 'MSFT', 'SHOP.TO'], etfs: ['SPY', 'XIU.TO'], indices: Object.keys(INDICES) });
// The demo's gap (docs/CONTINUITY.md): three sessions of MSFT come late. They
// move to MSFT.late.json, which the replay server answers only to a request
// whose window starts at them (the backfill), never to the month's first call.
const LATE_DATES = ['2024-11-13', '2024-11-14', '2024-11-15'];
{
  const file = path.join(demo.root, 'stable', SLUGS.stable.prices!, 'MSFT.json');
  const rows = JSON.parse(fs.readFileSync(file, 'utf8')) as { date: string }[];
  demo.put(
    'stable',
    SLUGS.stable.prices!,
    'MSFT',
    rows.filter((r) => !LATE_DATES.includes(r.date)),
  );
  demo.put(
    'stable',
    SLUGS.stable.prices!,
    'MSFT.late',
    rows.filter((r) => LATE_DATES.includes(r.date)),
  );
  demo.files -= 1;
}
corporateActions(demo, 'stable', ['AAPL', 'MSFT', 'SHOP.TO', 'SPY', 'XIU.TO']);

console.log(`wrote ${tests.files} test fixtures and ${demo.files} demo responses`);
