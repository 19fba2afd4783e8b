// Secrets never reach the database, the logs or error messages: every text we
// store or print passes through redact().
const registered = new Set<string>();

export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) registered.add(value);
}

const QUERY_SECRET = /([?&](?:apikey|api_key|apiKey|token|key|secret|access_key|password)=)[^&#\s"']*/gi;
const HEADER_SECRET = /((?:authorization|x-api-key)["']?\s*[:=]\s*["']?)[^"',\s}]+/gi;

export function redact(text: string): string {
  let out = text.replace(QUERY_SECRET, '$1***').replace(HEADER_SECRET, '$1***');
  for (const s of registered) out = out.split(s).join('***');
  return out;
}

export function redactValue<T>(value: T): T {
  return JSON.parse(redact(JSON.stringify(value ?? null))) as T;
}
