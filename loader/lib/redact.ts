// Secrets never reach the database, the logs or error messages.
//
// Redaction works on values, never on serialized JSON:
// - redactValue() walks objects and arrays; a property named like a secret
//   (apikey, token, authorization, …) gets '***' as its value, every other
//   string (property names included) goes through redact().
// - redact() takes one string: every registered secret value (the keys of
//   the configuration, tokens received at run time) becomes '***' wherever it
//   occurs, and every URL or query string in it loses the values of its
//   secret parameters (parsed with URLSearchParams, the rest kept as written).
// - maskSecretsInJson() masks the registered secrets in a vendor's JSON text
//   without re-serializing it when it can (a landed body keeps every digit).
// Because strings are replaced inside parsed values, quotes and backslashes
// of the surrounding JSON are never touched: the result is always valid JSON.
const registered = new Set<string>();

/** Query parameters and object properties whose value is a credential. */
export const SECRET_NAMES = new Set([
  'apikey',
  'api_key',
  'key',
  'secret',
  'token',
  'access_token',
  'access_key',
  'password',
  'authorization',
  'x-api-key',
  'x-amz-signature',
  'x-amz-credential',
  'x-amz-security-token',
  'signature',
]);

export const MASK = '***';

export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) registered.add(value);
}

/** Whether a parameter or property name holds a credential (case-insensitive). */
export function isSecretName(name: string): boolean {
  return SECRET_NAMES.has(name.toLowerCase());
}

// URLs (scheme://…) and query strings (…?a=b&c=d) inside free text: the
// stretch up to the next blank, quote, backslash or angle bracket. Only the
// query part of a match is rewritten, parameter by parameter.
const URLISH = /(?:[a-z][a-z0-9+.-]*:\/\/|[?&])[^\s"'<>\\`]*/gi;
// "Authorization: Bearer abc", "x-api-key=abc" in plain text (a header echoed in a message)
const HEADER_TEXT = /\b(authorization|x-api-key)(\s*[:=]\s*)((?:bearer|basic|token)\s+)?[^\s"'<>\\,;}]+/gi;

/** A query string (without the ?) with the values of secret parameters masked; other parameters byte for byte. */
function redactQuery(query: string): string {
  return query
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq < 0) return part;
      const [[name] = ['']] = new URLSearchParams(part.slice(0, eq) + '=');
      return isSecretName(name) ? `${part.slice(0, eq)}=${MASK}` : part;
    })
    .join('&');
}

function redactUrlish(match: string): string {
  const q = match.indexOf('?');
  const start = q >= 0 ? q + 1 : match[0] === '&' ? 1 : -1;
  if (start < 0) return match;
  const hash = match.indexOf('#', start);
  const end = hash >= 0 ? hash : match.length;
  return match.slice(0, start) + redactQuery(match.slice(start, end)) + match.slice(end);
}

/** One string with every registered secret and every secret URL parameter masked. */
export function redact(text: string): string {
  const out = maskRegistered(text).replace(URLISH, redactUrlish);
  return out.replace(HEADER_TEXT, (_m, name: string, sep: string, scheme: string | undefined) => `${name}${sep}${scheme ?? ''}${MASK}`);
}

/** A URL as it may be shown or stored: secret query parameters masked (parsed with URL). */
export function redactUrl(url: string | URL): string {
  let u: URL;
  try {
    u = new URL(String(url));
  } catch {
    return redact(String(url));
  }
  for (const name of [...u.searchParams.keys()]) if (isSecretName(name)) u.searchParams.set(name, MASK);
  if (u.password) u.password = MASK;
  return redact(u.toString().replace(/%2A%2A%2A/g, MASK));
}

/** A copy of a value with every string redacted and every secret-named property masked. */
export function redactValue<T>(value: T): T {
  return walk(value ?? null, 0, true) as T;
}

/** Registered secret values masked; nothing else changed. */
function maskRegistered(text: string): string {
  let out = text;
  for (const s of registered) if (out.includes(s)) out = out.split(s).join(MASK);
  return out;
}

function walk(v: unknown, depth: number, full: boolean): unknown {
  if (typeof v === 'string') return full ? redact(v) : maskRegistered(v);
  if (v === null || typeof v !== 'object' || depth > 64) return v;
  if (v instanceof Date) return v;
  if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1, full));
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return walk((v as { toJSON(): unknown }).toJSON(), depth + 1, full);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const masked = full && isSecretName(k) && x !== null && (typeof x === 'string' || typeof x === 'number');
    out[full ? redact(k) : maskRegistered(k)] = masked ? MASK : walk(x, depth + 1, full);
  }
  return out;
}

/**
 * A vendor's JSON text with the registered secrets masked (a server that
 * echoes the key), everything else as sent: the text stays byte for byte
 * when no secret is in it; when one is, it is replaced where it stands if
 * that gives the same JSON as masking the parsed value, else the masked value
 * is serialized. Text that is not JSON is masked as text.
 */
export function maskSecretsInJson(text: string): string {
  // without a backslash every JSON string is literal: a secret is in the text or nowhere
  if (!text.includes('\\') && ![...registered].some((s) => text.includes(s))) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return maskRegistered(text);
  }
  const clean = walk(parsed, 0, false);
  if (JSON.stringify(clean) === JSON.stringify(parsed)) return text;
  let inPlace = text;
  for (const s of registered) {
    const escaped = JSON.stringify(s).slice(1, -1);
    if (inPlace.includes(escaped)) inPlace = inPlace.split(escaped).join(MASK);
  }
  try {
    if (JSON.stringify(JSON.parse(inPlace)) === JSON.stringify(clean)) return inPlace;
  } catch {
    // the secret stood across an escape sequence: serialize the redacted value instead
  }
  return JSON.stringify(clean);
}
