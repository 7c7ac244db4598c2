// Asks the package's registry what it knows: who the credential belongs to, what kind it is, the
// account's 2FA, the package and the user's permission on it. npm-registry-fetch does the HTTP with
// npm's own auth rules (a credential only goes to the registry it belongs to); it is required lazily
// because loading it costs ~100 ms.
import * as http from 'node:http';
import * as https from 'node:https';
import type npmRegistryFetch from 'npm-registry-fetch';
import type {
  AccountTwoFactor, ConfiguredCredential, CredentialFacts, PackageFacts, RegistryProblem, TokenPermission, WriteAccess,
} from './model';
import { SESSION_LIFETIME_MS } from './presentation';
import { redactSecrets } from './secrets';

const REQUEST_TIMEOUT_MS = 10_000;
const MAX_TOKEN_PAGES = 20;
/** How long whoami, profile and token list answers are reused before a refresh asks again. */
export const ACCOUNT_FRESH_MS = 60_000;

export interface RegistryFactsRequest {
  packageName: string;
  registryUrl: string;
  credential: ConfiguredCredential;
  /** Secret-bearing: npm's flat config with the `//host/:_authToken` keys. Never logged. */
  secretFetchOptions: Record<string, unknown>;
  /** When this extension logged in with the configured token: sessions then show their expiry. */
  loggedInAt?: number;
  /** Shares account answers across packages and refreshes; keyed by `credentialKey`. */
  accountCache?: { cache: AccountFactsCache; credentialKey: string; revalidate?: boolean };
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface RegistryFacts {
  credential: CredentialFacts;
  accountTwoFactor: AccountTwoFactor;
  packageFacts: PackageFacts;
  writeAccess: WriteAccess;
  /** What could not be learned, most important first. Empty when every answer was usable. */
  problems: RegistryProblem[];
}

type FetchOptions = npmRegistryFetch.FetchOptions;
type HttpError = npmRegistryFetch.HttpError;
let loading: Promise<typeof npmRegistryFetch> | undefined;
const loadFetch = () => (loading ??= import('npm-registry-fetch').then((m) => m.default));

type Answer<T> = { ok: true; value: T } | { ok: false; problem: RegistryProblem; notice?: string };

/** What the registry says about the credential and its account: the same for every package. */
export interface AccountAnswers {
  whoami?: Answer<{ username?: unknown }>;
  profile?: Answer<{ tfa?: unknown }>;
  tokens?: Answer<TokenListItem[]>;
}

/**
 * Account answers by registry + credential fingerprint (never the credential itself). Fresh answers
 * are reused, so moving between packages asks only about the package; an explicit refresh
 * revalidates; concurrent refreshes share one set of requests. Answers from a registry that was not
 * answering are dropped, so the next refresh asks again.
 */
export class AccountFactsCache {
  private readonly entries = new Map<string, { answers: Promise<AccountAnswers>; at: number }>();

  constructor(
    private readonly freshMs = ACCOUNT_FRESH_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  answers(credentialKey: string, revalidate: boolean, load: () => Promise<AccountAnswers>): Promise<AccountAnswers> {
    const now = this.clock();
    const cached = this.entries.get(credentialKey);
    if (cached && !revalidate && now - cached.at < this.freshMs) return cached.answers;
    for (const [key, entry] of this.entries) if (now - entry.at >= this.freshMs) this.entries.delete(key);

    const entry = { answers: load(), at: now };
    this.entries.set(credentialKey, entry);
    const forget = () => this.entries.get(credentialKey) === entry && this.entries.delete(credentialKey);
    entry.answers.then((answers) => Object.values(answers).some((a) => a && !a.ok && isRegistryDown(a.problem)) && forget(), forget);
    return entry.answers;
  }
}

export async function fetchRegistryFacts(request: RegistryFactsRequest): Promise<RegistryFacts> {
  const get = <T>(path: string, npmCommand: string) => getJson<T>(request, path, npmCommand);
  const escapedName = escapePackageName(request.packageName);
  const askAccount = () => fetchAccountAnswers(request);
  const shared = request.accountCache;

  const [{ whoami, profile, tokens }, packument] = await Promise.all([
    shared ? shared.cache.answers(shared.credentialKey, shared.revalidate ?? false, askAccount) : askAccount(),
    get<Packument>(`/${escapedName}`, 'view'),
  ]);

  const problems: RegistryProblem[] = [];
  const username = whoami?.ok && typeof whoami.value.username === 'string' ? whoami.value.username : undefined;
  const credential = credentialFacts(request, whoami, tokens, username);
  if (whoami && !whoami.ok && credential.kind !== 'invalid') problems.push(whoami.problem);

  const packageFacts = packageFactsFrom(packument);
  if (packageFacts.state === 'unavailable') problems.push(packageFacts.error);

  const collaborators =
    username && packageFacts.state === 'published'
      ? await get<Record<string, string>>(`/-/package/${escapedName}/collaborators`, 'access')
      : undefined;

  return {
    credential,
    accountTwoFactor: profile?.ok ? twoFactorFrom(profile.value.tfa) : 'unknown',
    packageFacts,
    writeAccess: writeAccessFrom(request.packageName, username, packageFacts, collaborators),
    problems,
  };
}

async function fetchAccountAnswers(request: RegistryFactsRequest): Promise<AccountAnswers> {
  const hasCredential = request.credential.type === 'token' || request.credential.type === 'basic';
  if (!hasCredential) return {};
  const [whoami, profile, tokens] = await Promise.all([
    getJson<{ username?: unknown }>(request, '/-/whoami', 'whoami'),
    getJson<{ tfa?: unknown }>(request, '/-/npm/v1/user', 'profile'),
    request.credential.type === 'token' ? listTokens(request) : undefined,
  ]);
  return { whoami, profile, tokens };
}

/** Problems that say nothing about the credential or package, only that the registry is not answering. */
export function isRegistryDown(problem: RegistryProblem): boolean {
  return ['offline', 'timeout', 'rate-limited', 'server-error', 'unexpected-answer'].includes(problem.kind);
}

/** The path form npm uses: `@scope%2fname`. */
export function escapePackageName(name: string): string {
  return name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name);
}

function credentialFacts(
  request: RegistryFactsRequest,
  whoami: Answer<{ username?: unknown }> | undefined,
  tokens: Answer<TokenListItem[]> | undefined,
  username: string | undefined,
): CredentialFacts {
  const configured = request.credential;
  if (configured.type === 'none') return { kind: 'none' };
  if (configured.type === 'unset-variable') {
    return { kind: 'invalid', reason: 'unset-variable', detail: configured.variables.map((v) => `\${${v}}`).join(', ') };
  }
  if (whoami && !whoami.ok && whoami.problem.kind === 'unauthorized') {
    // npm's notice is one sentence for both ("Access token expired or revoked"), so we cannot tell them apart.
    const expired = /expired|revoked/i.test(whoami.notice ?? '');
    return { kind: 'invalid', reason: expired ? 'expired-or-revoked' : 'rejected', detail: whoami.notice };
  }
  if (configured.type === 'basic') return { kind: 'basic', username: username ?? configured.username };
  if (!tokens?.ok) return { kind: 'token-unknown', username };
  const listed = tokens.value.find((item) => item.token === configured.masked);
  if (!listed) {
    // Session tokens from `npm login` are never in the token list.
    return {
      kind: 'session',
      username: username ?? '',
      loggedInAt: request.loggedInAt,
      expiresAt: request.loggedInAt === undefined ? undefined : request.loggedInAt + SESSION_LIFETIME_MS,
    };
  }
  return granularFacts(listed, username);
}

interface TokenListItem {
  token?: string;
  name?: string;
  expiry?: string | null;
  bypass_2fa?: boolean;
  cidr?: string[] | null;
  permissions?: { name: string; action: string }[];
  scopes?: { name: string; type: string }[];
  publish_policy?: string;
}

function granularFacts(item: TokenListItem, username: string | undefined): CredentialFacts {
  const scopes = item.scopes ?? [];
  const packageAction = item.permissions?.find((p) => p.name === 'package')?.action;
  const permission: TokenPermission =
    item.publish_policy === 'stage_only' ? 'stage-only'
    : packageAction === 'write' ? 'read-write'
    : packageAction === 'read' ? 'read-only'
    : 'no-access';
  const expiresAt = item.expiry ? Date.parse(item.expiry) : undefined;
  return {
    kind: 'granular',
    username,
    name: item.name ?? '',
    expiresAt: Number.isNaN(expiresAt) ? undefined : expiresAt,
    bypass2fa: item.bypass_2fa === true,
    permission,
    packages: scopes.filter((s) => s.type === 'package').map((s) => s.name),
    scopes: scopes.filter((s) => s.type === 'scope').map((s) => s.name),
    allPackages: scopes.some((s) => s.type === 'all' || s.name === '*') || (packageAction !== undefined && scopes.length === 0),
    cidr: item.cidr ?? [],
  };
}

async function listTokens(request: RegistryFactsRequest): Promise<Answer<TokenListItem[]>> {
  const items: TokenListItem[] = [];
  let path: string | undefined = '/-/npm/v1/tokens';
  for (let page = 0; path && page < MAX_TOKEN_PAGES; page++) {
    const answer: Answer<{ objects?: TokenListItem[]; urls?: { next?: string } }> = await getJson(request, path, 'token');
    if (!answer.ok) return answer;
    items.push(...(answer.value.objects ?? []));
    path = answer.value.urls?.next;
  }
  return { ok: true, value: items };
}

interface Packument {
  versions?: Record<string, { _npmUser?: { trustedPublisher?: { id?: string } } }>;
  'dist-tags'?: Record<string, string>;
  maintainers?: { name?: string }[];
  time?: Record<string, string>;
}

function packageFactsFrom(answer: Answer<Packument>): PackageFacts {
  if (!answer.ok) {
    return answer.problem.status === 404 ? { state: 'unpublished' } : { state: 'unavailable', error: answer.problem };
  }
  const doc = answer.value;
  const versions = Object.keys(doc.versions ?? {});
  const byTime = [...versions].sort((a, b) => Date.parse(doc.time?.[b] ?? '') - Date.parse(doc.time?.[a] ?? ''));
  const trusted = byTime.find((v) => doc.versions?.[v]?._npmUser?.trustedPublisher);
  return {
    state: 'published',
    versions,
    latest: doc['dist-tags']?.latest,
    maintainers: (doc.maintainers ?? []).map((m) => m.name ?? '').filter(Boolean),
    firstPublished: doc.time?.created,
    trustedPublisher: trusted
      ? { version: trusted, provider: doc.versions![trusted]._npmUser!.trustedPublisher!.id ?? 'unknown' }
      : undefined,
  };
}

function twoFactorFrom(tfa: unknown): AccountTwoFactor {
  // As `npm profile get`: enabled only when tfa is set and not pending.
  if (!tfa || typeof tfa !== 'object') return 'disabled';
  const { mode, pending } = tfa as { mode?: unknown; pending?: unknown };
  if (pending) return 'disabled';
  return mode === 'auth-only' || mode === 'auth-and-writes' ? mode : 'unknown';
}

function writeAccessFrom(
  name: string,
  username: string | undefined,
  packageFacts: PackageFacts,
  collaborators: Answer<Record<string, string>> | undefined,
): WriteAccess {
  if (!username) return 'unknown';
  if (packageFacts.state === 'unpublished') {
    // Anyone may create a free unscoped name; a scoped one needs the scope (we can see only the user's own).
    return !name.startsWith('@') || name.startsWith(`@${username}/`) ? 'new-package' : 'unknown';
  }
  if (packageFacts.state !== 'published') return 'unknown';
  if (collaborators?.ok) {
    const permission = collaborators.value[username];
    return permission === 'write' ? 'write' : permission === 'read' ? 'read' : 'none';
  }
  return packageFacts.maintainers.includes(username) ? 'write' : 'unknown';
}

async function getJson<T>(request: RegistryFactsRequest, path: string, npmCommand: string): Promise<Answer<T>> {
  const options: FetchOptions = {
    ...request.secretFetchOptions,
    registry: request.registryUrl,
    npmCommand,
    authType: 'web',
    timeout: request.timeoutMs ?? REQUEST_TIMEOUT_MS,
    retry: { retries: 0 },
    signal: request.signal,
    agent: nodeAgentFor(request.registryUrl),
  };
  try {
    return { ok: true, value: (await (await loadFetch()).json(path, options)) as T };
  } catch (error) {
    // The notice is the registry's free text and may repeat the credential: redacted on arrival.
    return { ok: false, problem: classifyRegistryError(error, path), notice: redactSecrets(headerOf(error, 'npm-notice')) || undefined };
  }
}

/**
 * Node's own agents, not npm's (@npmcli/agent). Inside VS Code the extension host wraps every
 * agent for its proxy support and later calls the wrapped agent's addRequest; @npmcli/agent then
 * sets a header on a request whose headers were already sent (ERR_HTTP_HEADERS_SENT) and the request
 * hangs. Node's agents are what VS Code's wrapper expects, and proxies come from VS Code's settings.
 */
export function nodeAgentFor(url: string): http.Agent {
  return url.startsWith('https:') ? https.globalAgent : http.globalAgent;
}

function headerOf(error: unknown, name: string): string | undefined {
  const headers = (error as HttpError | undefined)?.headers;
  const value = headers?.[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Turns whatever fetching threw into a secret-free, classified problem. */
export function classifyRegistryError(error: unknown, path: string): RegistryProblem {
  const err = error as Partial<HttpError> & { type?: string; name?: string; errno?: string };
  const status = err.statusCode;
  const where = `GET ${path}`;
  if (status === 429) {
    const retryAfter = Number(headerOf(error, 'retry-after'));
    return {
      kind: 'rate-limited', status, message: `The registry is rate-limiting requests (429 on ${where}).`,
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    };
  }
  if (status === 401) return { kind: 'unauthorized', status, message: `The registry refused the credential (401 on ${where}).` };
  if (status === 403) return { kind: 'forbidden', status, message: `The registry answered 403 Forbidden on ${where}.` };
  if (status !== undefined && status >= 500) return { kind: 'server-error', status, message: `The registry failed with ${status} on ${where}.` };
  if (status !== undefined) return { kind: 'unexpected-answer', status, message: `The registry answered ${status} on ${where}.` };
  if (err.type === 'invalid-json' || err.name === 'SyntaxError' || err.code === 'EJSONPARSE') {
    return { kind: 'unexpected-answer', message: `The registry answered ${where} with something that is not JSON (an HTML page?).` };
  }
  if (err.name === 'AbortError' || err.type === 'request-timeout' || err.code === 'ETIMEDOUT' || err.code === 'FETCH_ERROR' && /timeout/i.test(err.message ?? '')) {
    return { kind: 'timeout', message: `The registry did not answer ${where} in time.` };
  }
  const code = err.code ?? err.errno;
  const reason =
    code === 'ECONNREFUSED' ? 'nothing is listening there'
    : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'its host name does not resolve'
    : code === 'ECONNRESET' ? 'the connection was reset'
    : 'the request failed';
  return { kind: 'offline', message: `The registry cannot be reached: ${reason} (${code ?? 'network error'}).` };
}
