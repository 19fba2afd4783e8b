import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type TestDb } from '../helpers/db.ts';
import { startFundataServer, fundataEnv, type FundataServer } from '../servers/fundata-server.ts';
import { loadFundataApi, nextFromdate, resolveEndpoints, FIRST_SYNC_FROMDATE } from '../../loader/sources/fundata-api.ts';
import { landCsvFile } from '../../loader/lib/land.ts';
import { setLogLevel } from '../../loader/lib/log.ts';

setLogLevel('warn');

const NAVPS = resolveEndpoints(['fund/getdailynavps'])[0]!;
const DIST = resolveEndpoints(['fund/getdistribution'])[0]!;
const PERF = resolveEndpoints(['fund/getperformancesummary'])[0]!;

/** fromdate the server was asked for, per endpoint, in the calls since `since`. */
function askedFrom(server: FundataServer, since: number): Record<string, string> {
  return Object.fromEntries(
    server.calls
      .slice(since)
      .filter((c) => c.query.fromdate)
      .map((c) => [c.path.slice(1), c.query.fromdate!]),
  );
}

describe('sra load fundata-api: incremental pulls', () => {
  let db: TestDb;
  let server: FundataServer;
  const load = (o: { endpoints: string[]; from?: string }) =>
    loadFundataApi(db.pool, { ...o, env: fundataEnv(server), retryBaseDelayMs: 10 });

  beforeAll(async () => {
    db = await freshDb();
    server = await startFundataServer();
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  it('--from asks every endpoint from that date and lands only the rows from it on', async () => {
    const mark = server.calls.length;
    const s = await load({ endpoints: ['fund/getdailynavps', 'fund/getdistribution'], from: '2024-01-16' });
    expect(askedFrom(server, mark)).toEqual({ 'fund/getdailynavps': '2024-01-16', 'fund/getdistribution': '2024-01-16' });
    expect(s.endpoints.map((e) => [e.endpoint, e.status, e.rows])).toEqual([
      ['fund/getdailynavps', 'landed', 4], // the 2024-01-15 row is older than fromdate
      ['fund/getdistribution', 'landed', 3],
    ]);
  });

  it('the next pull asks from the day after the newest Date (daily NAVPS) or ChangeDate (the others) already landed', async () => {
    server.options.data['fund/getdailynavps'] +=
      '26180,4095,,,2024-01-18,11.61000000,0.01995000,0.17212800,2024-01-17,11.59005000,,Active,2024-01-18\n';
    server.options.data['fund/getdistribution'] += '4095,1204,2024-03-28,2024-04-04,0.25,0.25,,,11.7,CAD,Annual,Active,2024-01-19\n';
    const mark = server.calls.length;
    const s = await load({ endpoints: ['fund/getdailynavps', 'fund/getdistribution'] });
    expect(askedFrom(server, mark)).toEqual({ 'fund/getdailynavps': '2024-01-18', 'fund/getdistribution': '2024-01-18' });
    expect(s.endpoints.map((e) => [e.endpoint, e.status, e.rows])).toEqual([
      ['fund/getdailynavps', 'landed', 1],
      ['fund/getdistribution', 'landed', 1],
    ]);
    expect(await nextFromdate(db.pool, NAVPS)).toBe('2024-01-19');
    expect(await nextFromdate(db.pool, DIST)).toBe('2024-01-20');
  });

  it('a pull with nothing new lands an empty batch once, and the same empty answer again adds nothing', async () => {
    const first = await load({ endpoints: ['fund/getdistribution'] });
    expect(first.endpoints[0]).toMatchObject({ fromdate: '2024-01-20', status: 'landed', rows: 0 });
    const batches = async () => (await db.pool.query(`select count(*)::int as n from raw.batch`)).rows[0].n;
    const before = await batches();
    const again = await load({ endpoints: ['fund/getdistribution'] });
    expect(again.endpoints[0]).toMatchObject({ fromdate: '2024-01-20', status: 'skipped', rows: 0 });
    expect(again.status).toBe('completed');
    expect(await batches()).toBe(before);
  });

  it('ignores dates that are not dates or lie beyond the landing day when moving the cursor', async () => {
    server.options.data['fund/getperformancesummary'] +=
      '777,990,2023-12-31,1,1,1,1,1,1,1,1,1,Active,2999-01-01\n' + '778,991,2023-12-31,1,1,1,1,1,1,1,1,1,Active,not a date\n';
    const s = await load({ endpoints: ['fund/getperformancesummary'], from: '2024-01-01' });
    expect(s.endpoints[0]).toMatchObject({ status: 'landed', rows: 4 });
    expect(await nextFromdate(db.pool, PERF)).toBe('2024-01-18');
  });

  it('keeps the cursor when consumed raw batches are retired', async () => {
    await db.pool.query(
      `with gone as (delete from raw.batch where dataset = 'fundata.fund_daily_navps' returning batch_id)
       delete from raw.record where batch_id in (select batch_id from gone)`,
    );
    expect(await nextFromdate(db.pool, NAVPS)).toBe('2024-01-19');
  });
});

describe('sra load fundata-api: where the first pull starts', () => {
  let db: TestDb;
  let server: FundataServer;
  let dir: string;
  beforeAll(async () => {
    db = await freshDb();
    server = await startFundataServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fundata-api-seed-'));
  });
  afterAll(async () => {
    await server?.close();
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('starts a full sync from the first sync date when nothing has landed for the endpoint', async () => {
    expect(await nextFromdate(db.pool, PERF)).toBeNull();
    const s = await loadFundataApi(db.pool, { endpoints: ['fund/getperformancesummary'], env: fundataEnv(server) });
    expect(s.endpoints[0]!.fromdate).toBe(FIRST_SYNC_FROMDATE);
  });

  it('continues daily NAVPS from the day after the newest Date of the CSV seed', async () => {
    const seed = path.join(dir, 'FundDailyNAVPSSeed.csv');
    fs.writeFileSync(
      seed,
      '\uFEFFRecordId,InstrumentKey,Date,NAVPS,RecordState,ChangeDate\r\n' +
        '1,4095,2024-01-12,11.50,Active,2024-01-12\r\n' +
        '2,4095,2024-01-15,11.58,Active,2024-01-15\r\n' +
        '3,412682,2024-01-14,1023.10,Active,2024-01-14\r\n',
    );
    const landed = await landCsvFile(db.pool, { file: seed, dataset: 'fundata.quotes', source: 'fundata', origin: 'csv' });
    expect(landed.status).toBe('landed');
    const mark = server.calls.length;
    const s = await loadFundataApi(db.pool, { endpoints: ['fund/getdailynavps'], env: fundataEnv(server) });
    expect(askedFrom(server, mark)).toEqual({ 'fund/getdailynavps': '2024-01-16' });
    expect(s.endpoints[0]).toMatchObject({ status: 'landed', rows: 4 });
  });
});
