// GET a JSON endpoint of a worker under test, with its wall time.
export interface JsonResponse {
  status: number;
  // the answers are checked field by field in the tests: any JSON shape
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  ms: number;
}

export async function getJson(port: number, p: string): Promise<JsonResponse> {
  const t0 = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}${p}`, { signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: await res.json(), ms: performance.now() - t0 };
}
