// The registry GETs behind the status, done with Node's http(s) and npm's own credential lookup
// (npm-registry-fetch's auth.js). Not npm-registry-fetch's HTTP stack, because the status needs
// three things it cannot give:
// - no HTTP cache: make-fetch-happen caches by URL alone (shared by every credential), answers from
//   it when the network fails and honours `max-age`, so Refresh could show another account's or an
//   old answer as fresh. The only cache is AccountFactsCache, keyed by registry + credential.
// - one deadline over headers and body: its timeouts are per request and per phase, so a body
//   that trickles or never ends held a refresh far beyond them.
// - credentials only to their origin: it follows redirects itself and keeps the Authorization
//   header when only the port or scheme changes. Here redirects are followed only within the
//   registry's origin (scheme + host + port); any other is a classified problem, nothing is sent.
// Revalidation is explicit instead: getJsonIfChanged sends the validators the caller kept
// (packageFactsCache.ts) and reports a 304 as "not modified", which is as fresh as a 200.
import * as http from 'node:http';
import * as https from 'node:https';
import type { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import getAuth from 'npm-registry-fetch/lib/auth.js';
import type { RegistryProblem } from '../base/model';
import type { Understood } from './registryAnswers';
import { nodeAgentFor } from './nodeAgent';
import { redactSecrets } from '../base/secrets';


const MAX_REDIRECTS = 5;
/** Large packuments are tens of MB; beyond this the answer is refused rather than held in memory. */
const MAX_BODY_BYTES = 128 * 1024 * 1024;

export type Answer<T> = { ok: true; value: T } | { ok: false; problem: RegistryProblem; notice?: string };

export interface RegistryClient {
  registryUrl: string;
  /** Secret-bearing: npm's flat config with the `//host/:_authToken` keys. Never logged. */
  secretFetchOptions: Record<string, unknown>;
  /** Aborts every request of the refresh: the deadline, or a newer refresh. */
  signal: AbortSignal;
  /** Set when the refresh's deadline (not a newer refresh) ended it, for the problem's wording. */
  deadline: { signal: AbortSignal; ms: number };
}

/** What a registry said identifies an answer's version (RFC 9110 §8.8): sent back to revalidate it. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

/** A conditional GET's answer: new content with its validators, or "what you hold is current". */
export type ConditionalAnswer<T> =
  | { ok: true; notModified: false; value: T; validators: Validators }
  | { ok: true; notModified: true; validators: Validators }
  | { ok: false; problem: RegistryProblem; notice?: string };

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A secret-free error a request can end with. */
class RequestFailure extends Error {
  constructor(readonly problem: RegistryProblem) {
    super(problem.message);
  }
}

/** GETs `path` (or an absolute URL on the registry's origin) and reads the JSON with `read`. */
export async function getJson<T>(
  client: RegistryClient,
  path: string,
  npmCommand: string,
  read: (body: unknown) => Understood<T>,
): Promise<Answer<T>> {
  // Nothing held, so a 304 is not "not modified" but an answer that is not understood (problemForStatus).
  const answer = await getJsonIfChanged(client, path, npmCommand, read, {});
  if (!answer.ok) return answer;
  if (answer.notModified) throw new Error('unreachable: a 304 without validators');
  return { ok: true, value: answer.value };
}

/**
 * A GET that sends `If-None-Match` / `If-Modified-Since` from `held` (when it has them) and answers
 * `notModified` on a 304. A 304 nobody asked for is not an answer: there is nothing it confirms.
 */
export async function getJsonIfChanged<T>(
  client: RegistryClient,
  path: string,
  npmCommand: string,
  read: (body: unknown) => Understood<T>,
  held: Validators,
): Promise<ConditionalAnswer<T>> {
  const where = `GET ${displayPath(path)}`;
  const conditional: Record<string, string> = {};
  if (held.etag) conditional['if-none-match'] = held.etag;
  if (held.lastModified) conditional['if-modified-since'] = held.lastModified;
  try {
    const answer = await getFollowingSameOrigin(client, resolveUrl(client.registryUrl, path), npmCommand, where, conditional);
    const validators = validatorsOf(answer.headers);
    if (answer.status === 304 && Object.keys(conditional).length > 0) return { ok: true, notModified: true, validators };
    if (answer.status < 200 || answer.status >= 300) {
      // The notice is the registry's free text and may repeat the credential: redacted on arrival.
      return { ok: false, problem: problemForStatus(answer, where), notice: redactSecrets(header(answer.headers, 'npm-notice')) || undefined };
    }
    let json: unknown;
    try {
      json = JSON.parse(answer.body.toString('utf8'));
    } catch {
      return { ok: false, problem: { kind: 'unexpected-answer', message: `The registry answered ${where} with something that is not JSON (an HTML page?).` } };
    }
    const understood = read(json);
    return understood.ok
      ? { ok: true, notModified: false, value: understood.value, validators }
      : { ok: false, problem: { kind: 'unexpected-answer', message: `The registry's answer to ${where} was not understood: ${understood.why}.` } };
  } catch (error) {
    return { ok: false, problem: error instanceof RequestFailure ? error.problem : classifyRegistryError(error, path, client) };
  }
}

function validatorsOf(headers: http.IncomingHttpHeaders): Validators {
  const etag = header(headers, 'etag');
  const lastModified = header(headers, 'last-modified');
  return { ...(etag && { etag }), ...(lastModified && { lastModified }) };
}

async function getFollowingSameOrigin(
  client: RegistryClient, url: URL, npmCommand: string, where: string, extraHeaders: Record<string, string>,
): Promise<RawAnswer> {
  const origin = new URL(client.registryUrl).origin;
  for (let hop = 0; ; hop++) {
    if (url.origin !== origin) {
      throw new RequestFailure({
        kind: 'unexpected-answer',
        message: `The registry sent ${where} to another origin (${url.origin}); it was not asked there, so the credential stayed with ${origin}.`,
      });
    }
    const answer = await send(client, url, npmCommand, extraHeaders);
    const location = header(answer.headers, 'location');
    if (answer.status < 300 || answer.status >= 400 || answer.status === 304 || !location) return answer;
    if (hop >= MAX_REDIRECTS) throw new RequestFailure({ kind: 'unexpected-answer', message: `The registry redirected ${where} more than ${MAX_REDIRECTS} times.` });
    url = new URL(location, url);
  }
}

function send(client: RegistryClient, url: URL, npmCommand: string, extraHeaders: Record<string, string>): Promise<RawAnswer> {
  const opts = client.secretFetchOptions;
  // npm's rules pick the credential for this URL (nerf darts); the origin check above keeps it home.
  const auth = getAuth(url.href, { ...opts, registry: client.registryUrl }) as ReturnType<typeof getAuth> & { cert?: string | null; key?: string | null };
  const headers: Record<string, string> = {
    'user-agent': typeof opts.userAgent === 'string' ? opts.userAgent : 'npm-publish-auth',
    'npm-auth-type': 'web',
    'npm-command': npmCommand,
    accept: 'application/json',
    'accept-encoding': 'gzip, deflate',
    ...extraHeaders,
  };
  if (typeof opts.scope === 'string' && opts.scope) headers['npm-scope'] = opts.scope;
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  else if (auth.auth) headers.authorization = `Basic ${auth.auth}`;

  const tls: https.RequestOptions = url.protocol === 'https:'
    ? {
        rejectUnauthorized: opts.strictSSL !== false,
        ...(opts.ca ? { ca: opts.ca as string | string[] } : {}),
        ...(auth.cert && auth.key ? { cert: auth.cert, key: auth.key } : {}),
      }
    : {};

  return new Promise<RawAnswer>((resolve, reject) => {
    const { signal } = client;
    if (signal.aborted) return reject(new Error('aborted'));
    const request = (url.protocol === 'https:' ? https : http).request(url, { method: 'GET', headers, agent: nodeAgentFor(url.href), ...tls });
    const fail = (error: unknown) => {
      signal.removeEventListener('abort', onAbort);
      request.destroy();
      reject(error);
    };
    // The deadline covers the body too: a trickling or endless body ends here, not at its end.
    const onAbort = () => fail(Object.assign(new Error('aborted'), { name: 'AbortError' }));
    signal.addEventListener('abort', onAbort, { once: true });
    request.on('error', fail);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const body = decoded(response);
      body.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) fail(new RequestFailure({ kind: 'unexpected-answer', message: `The registry's answer to GET ${displayPath(url.pathname)} is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.` }));
        else chunks.push(chunk);
      });
      body.on('error', fail);
      response.on('error', fail);
      body.on('end', () => {
        signal.removeEventListener('abort', onAbort);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) });
      });
    });
    request.end();
  });
}

function decoded(response: http.IncomingMessage): Readable {
  const encoding = header(response.headers, 'content-encoding')?.toLowerCase();
  if (encoding === 'gzip') return response.pipe(zlib.createGunzip());
  if (encoding === 'deflate') return response.pipe(zlib.createInflate());
  return response;
}

/** Paths join onto the registry URL with one `/`, as npm-registry-fetch joins them; absolute URLs stay. */
function resolveUrl(registryUrl: string, path: string): URL {
  if (/^https?:\/\//i.test(path)) return new URL(path);
  return new URL(`${registryUrl.replace(/\/?$/, '')}/${path.replace(/^\//, '')}`);
}

/** The path of a request for messages: never a query (paging tokens) or credentials in a URL. */
function displayPath(path: string): string {
  try {
    return /^https?:\/\//i.test(path) ? new URL(path).pathname : path.split('?')[0];
  } catch {
    return '(a registry URL)';
  }
}

function header(headers: http.IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function problemForStatus(answer: RawAnswer, where: string): RegistryProblem {
  const status = answer.status;
  if (status === 429) {
    const retryAfter = Number(header(answer.headers, 'retry-after'));
    return {
      kind: 'rate-limited', status, message: `The registry is rate-limiting requests (429 on ${where}).`,
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    };
  }
  if (status === 401) return { kind: 'unauthorized', status, message: `The registry refused the credential (401 on ${where}).` };
  if (status === 403) return { kind: 'forbidden', status, message: `The registry answered 403 Forbidden on ${where}.` };
  // A route npm has that this registry lacks (Verdaccio's collaborators, GitHub's token list) is an answer.
  if (status === 404) return { kind: 'not-found', status, message: `The registry answered 404 Not Found on ${where}.` };
  if (status >= 500) return { kind: 'server-error', status, message: `The registry failed with ${status} on ${where}.` };
  if (status >= 300 && status < 400) return { kind: 'unexpected-answer', status, message: `The registry answered ${where} with a redirect (${status}) that names no location.` };
  return { kind: 'unexpected-answer', status, message: `The registry answered ${status} on ${where}.` };
}

/** Turns what a request threw into a secret-free, classified problem. */
export function classifyRegistryError(error: unknown, path: string, client?: Pick<RegistryClient, 'deadline'>): RegistryProblem {
  const err = error as { name?: string; code?: string; errno?: string };
  const where = `GET ${displayPath(path)}`;
  if (client?.deadline.signal.aborted) {
    return { kind: 'timeout', message: `The registry did not answer ${where} within ${Math.round(client.deadline.ms / 1000)} s.` };
  }
  if (err.name === 'AbortError') return { kind: 'timeout', message: `The request ${where} was cancelled by a newer refresh.` };
  const code = err.code ?? err.errno;
  if (code === 'ETIMEDOUT') return { kind: 'timeout', message: `The registry did not answer ${where} in time.` };
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') {
    return { kind: 'unexpected-answer', message: `The registry answered ${where} with a body that does not decompress.` };
  }
  const reason =
    code === 'ECONNREFUSED' ? 'nothing is listening there'
    : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'its host name does not resolve'
    : code === 'ECONNRESET' ? 'the connection was reset'
    : 'the request failed';
  return { kind: 'offline', message: `The registry cannot be reached: ${reason} (${code ?? 'network error'}).` };
}
