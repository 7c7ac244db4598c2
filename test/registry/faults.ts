// Faults the tests can inject per route: slow answers, rate limits, server errors, dropped connections,
// broken JSON, answers of the wrong shape, bodies that trickle or never end, and redirects.
import type { ServerResponse } from 'node:http';
import { html, json, RawBody, Reply } from './http';

export type Fault =
  /** Wait, then answer normally. */
  | { kind: 'latency'; ms: number }
  /** 429 with `retry-after`; the live registry sends both an HTML page and JSON bodies (doc §10). */
  | { kind: 'rate-limit'; retryAfterSeconds?: number; body?: 'html' | 'json' }
  /** A 5xx with an HTML body, as a proxy or CDN would send. */
  | { kind: 'server-error'; status?: number }
  /** Destroy the connection without an answer (ECONNRESET on the client). */
  | { kind: 'reset' }
  /** A 2xx with `content-type: application/json` and a body that does not parse. */
  | { kind: 'malformed-json'; status?: number }
  /** A 401 whose `npm-notice` and body repeat the request's credential, as a careless registry might. */
  | { kind: 'echo-credential' }
  /** This JSON instead of the route's answer: a registry answer of the wrong shape. */
  | { kind: 'json-body'; body: unknown; status?: number; headers?: Record<string, string> }
  /** A raw body of any content type (an HTML page from a captive portal or proxy). */
  | { kind: 'raw-body'; contentType: string; data: string; status?: number }
  /** 200 JSON whose body is sent one byte per `intervalMs` (default 50): slower than any deadline. */
  | { kind: 'trickle'; intervalMs?: number }
  /** 200 JSON whose body never ends: whitespace keeps coming until the client goes away. */
  | { kind: 'endless' }
  /** A redirect (default 302) to `location`, absolute or relative. */
  | { kind: 'redirect'; location: string; status?: number };

/** Which requests a fault hits: method (any if absent) and path — exact, a `*`-suffixed prefix, or a RegExp. */
export interface RouteMatcher {
  method?: string;
  path?: string | RegExp;
}

export interface FaultRule {
  id: number;
  match: RouteMatcher;
  fault: Fault;
  /** How many more requests it hits; unlimited when undefined. */
  remaining?: number;
}

export function matches(matcher: RouteMatcher, method: string, path: string): boolean {
  if (matcher.method && matcher.method.toUpperCase() !== method.toUpperCase()) return false;
  const wanted = matcher.path;
  if (wanted === undefined) return true;
  const candidates = [path, safeDecode(path)];
  if (wanted instanceof RegExp) return candidates.some((p) => wanted.test(p));
  if (wanted.endsWith('*')) return candidates.some((p) => p.startsWith(wanted.slice(0, -1)));
  return candidates.includes(wanted);
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The answer a fault gives instead of the route's, or undefined for latency and reset (handled by the server). */
export function faultReply(fault: Fault, authorization?: string): Reply | undefined {
  switch (fault.kind) {
    case 'rate-limit': {
      const headers = { 'retry-after': String(fault.retryAfterSeconds ?? 60) };
      return fault.body === 'json'
        ? json(429, { error: 'Could not publish, as user undefined: rate limited exceeded' }, headers)
        : html(429, '<html><head><title>429 Too Many Requests</title></head><body><h1>Too Many Requests</h1></body></html>', headers);
    }
    case 'server-error':
      return html(fault.status ?? 500, '<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>');
    case 'echo-credential': {
      const credential = (authorization ?? '').replace(/^(Bearer|Basic)\s+/i, '');
      return json(401, { error: `Unauthorized: ${credential}` }, { 'npm-notice': `Access token expired or revoked: ${credential}` });
    }
    case 'malformed-json':
      return new Reply(fault.status ?? 200, new RawBody('application/json', '{"username": "alice", oops'));
    case 'json-body':
      // Raw text, so that `null` is sent as `null` (the JSON helper sends an empty body as {}).
      return new Reply(fault.status ?? 200, new RawBody('application/json', JSON.stringify(fault.body)), fault.headers);
    case 'raw-body':
      return new Reply(fault.status ?? 200, new RawBody(fault.contentType, fault.data));
    case 'redirect':
      return new Reply(fault.status ?? 302, new RawBody('text/plain', ''), { location: fault.location });
    default:
      return undefined;
  }
}

/** Streams the body of a `trickle` or `endless` fault; true when it took over the response. */
export function streamFault(fault: Fault, res: ServerResponse): boolean {
  if (fault.kind !== 'trickle' && fault.kind !== 'endless') return false;
  // No content-length: the client cannot know when the body would end.
  res.writeHead(200, { 'content-type': 'application/json' });
  const text = '{"username":"alice"}' + ' '.repeat(10_000);
  let sent = 0;
  const timer = setInterval(() => {
    if (fault.kind === 'endless') res.write(' '.repeat(64));
    else if (sent < text.length) res.write(text[sent++]);
    else res.end();
  }, fault.kind === 'trickle' ? (fault.intervalMs ?? 50) : 5);
  res.on('close', () => clearInterval(timer));
  return true;
}
