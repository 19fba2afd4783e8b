// The worker's HTTP side: JSON answers and who may read what. `/` and
// `/health` are public (hosts health-check them); `/status` and `/metrics`
// show job SQL, host names and error messages, so they answer only a request
// bearing `Authorization: Bearer <SRA_ADMIN_TOKEN>` when that variable is
// set, and only requests from the loopback address when it is not.
import http from 'node:http';
import crypto from 'node:crypto';

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body, null, 2));
}

export function sendText(res: http.ServerResponse, status: number, contentType: string, text: string): void {
  res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
  res.end(text);
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** Same length digests, compared in constant time: neither the token's length nor its prefix leaks. */
function sameToken(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

export type Access = { ok: true } | { ok: false; status: 401 | 403; error: string };

/** May this request read /status and /metrics? */
export function adminAccess(req: http.IncomingMessage, token: string | undefined): Access {
  if (token) {
    const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (m && sameToken(m[1]!.trim(), token)) return { ok: true };
    return { ok: false, status: 401, error: 'this path needs Authorization: Bearer <SRA_ADMIN_TOKEN>' };
  }
  if (isLoopback(req.socket.remoteAddress)) return { ok: true };
  return { ok: false, status: 403, error: 'this path answers only local requests while SRA_ADMIN_TOKEN is not set' };
}

/** Refuse a request that may not read an admin path; true when it was refused. */
export function refuse(req: http.IncomingMessage, res: http.ServerResponse, token: string | undefined): boolean {
  const a = adminAccess(req, token);
  if (a.ok) return false;
  sendJson(res, a.status, { error: a.error }, a.status === 401 ? { 'www-authenticate': 'Bearer realm="sra-data worker"' } : {});
  return true;
}
