// Asks the package's registry what it knows: who the credential belongs to, what kind it is, the
// account's 2FA, the package and the user's permission on it. registryHttp does the HTTP with npm's
// own credential rules (a credential only goes to the origin it belongs to); registryAnswers checks
// each answer's shape. A fact whose answer failed or was not understood is unknown and its problem is
// reported, so the caller keeps the last good status (marked stale) instead of a different verdict.
import type {
  AccountTwoFactor, ConfiguredCredential, CredentialFacts, PackageFacts, RegistryProblem, TokenPermission, WriteAccess,
} from '../base/model';
import { ACCOUNT_FRESH_MS, SESSION_LIFETIME_MS } from '../base/lifetimes';
import type { RegistryFamily } from '../base/registries';
import { hasNpmjsPolicies } from '../base/npmjsPolicies';
import { escapePackageName } from '../base/packagePath';
import { readCollaborators, readProfile, readTokenPage, readWhoami, type TokenListItem, type TokenPage } from './registryAnswers';
import { getJson, type Answer, type RegistryClient } from './registryHttp';
import { fetchPackageFacts, packageFactsKey, type PackageFactsCache } from './packageFactsCache';
import { fetchQuickFacts } from './quickPackageFacts';


/** One deadline for the whole refresh, headers and bodies of every request included. */
const REFRESH_DEADLINE_MS = 15_000;
/** Paging beyond this is treated as a list that never ends: the credential's kind stays unknown. */
export const MAX_TOKEN_PAGES = 20;

export interface RegistryFactsRequest {
  packageName: string;
  registryUrl: string;
  /** Which registry it is: a session's 2-hour lifetime is an npmjs fact. */
  registryFamily?: RegistryFamily;
  credential: ConfiguredCredential;
  /** Secret-bearing: npm's flat config with the `//host/:_authToken` keys. Never logged. */
  secretFetchOptions: Record<string, unknown>;
  /** When this extension logged in with the configured token: sessions then show their expiry. */
  loggedInAt?: number;
  /** Shares account answers across packages and refreshes; keyed by `credentialKey`. */
  accountCache?: { cache: AccountFactsCache; credentialKey: string; revalidate?: boolean };
  /** Holds the package's facts with their validators, so an unchanged packument costs a 304; keyed by registry + `credentialKey` + package. */
  packageCache?: { cache: PackageFactsCache; credentialKey: string };
  /**
   * A package nobody has read yet is first told from the small documents (quickPackageFacts.ts),
   * for this version; the packument is read behind them and `refined` called once it is held.
   */
  quick?: { version: string; refined: () => void };
  /** A newer refresh aborts this one. */
  signal?: AbortSignal;
  /** The refresh's overall deadline (every request, headers and body). */
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

/** What the registry says about the credential and its account: the same for every package. */
export interface AccountAnswers {
  whoami?: Answer<{ username: string }>;
  profile?: Answer<{ twoFactor: AccountTwoFactor }>;
  tokens?: Answer<TokenList>;
}

/** The token list as far as it could be read; `incomplete` when paging did not end in time. */
interface TokenList {
  items: TokenListItem[];
  incomplete?: RegistryProblem;
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
    const failed = (answers: AccountAnswers) =>
      Object.values(answers).some((a) => a && !a.ok && isRegistryDown(a.problem)) || Boolean(answers.tokens?.ok && answers.tokens.value.incomplete);
    entry.answers.then((answers) => failed(answers) && forget(), forget);
    return entry.answers;
  }
}

export async function fetchRegistryFacts(request: RegistryFactsRequest): Promise<RegistryFacts> {
  const deadlineMs = request.timeoutMs ?? REFRESH_DEADLINE_MS;
  const deadline = AbortSignal.timeout(deadlineMs);
  const client: RegistryClient = {
    registryUrl: request.registryUrl,
    secretFetchOptions: request.secretFetchOptions,
    signal: request.signal ? AbortSignal.any([request.signal, deadline]) : deadline,
    deadline: { signal: deadline, ms: deadlineMs },
  };
  const escapedName = escapePackageName(request.packageName);
  const askAccount = () => fetchAccountAnswers(request, client);
  const shared = request.accountCache;

  const held = request.packageCache;
  const packageShared = held && { cache: held.cache, key: packageFactsKey(request.registryUrl, held.credentialKey, request.packageName) };
  const [{ whoami, profile, tokens }, packageFacts] = await Promise.all([
    shared ? shared.cache.answers(shared.credentialKey, shared.revalidate ?? false, askAccount) : askAccount(),
    packageShared && request.quick
      ? firstPackageFacts(client, escapedName, request.quick, packageShared)
      : fetchPackageFacts(client, escapedName, packageShared),
  ]);

  const problems: RegistryProblem[] = [];
  const username = whoami?.ok ? whoami.value.username : undefined;
  const credential = credentialFacts(request, whoami, tokens, username);
  if (whoami && !whoami.ok && credential.kind !== 'invalid') problems.push(whoami.problem);
  if (credential.kind === 'token-unknown' && credential.problem) problems.push(credential.problem);
  if (profile && !profile.ok && isRegistryDown(profile.problem)) problems.push(profile.problem);

  if (packageFacts.state === 'unavailable') problems.push(packageFacts.error);

  const collaborators =
    username && packageFacts.state === 'published'
      ? await getJson(client, `/-/package/${escapedName}/collaborators`, 'access', readCollaborators)
      : undefined;
  if (collaborators && !collaborators.ok && isRegistryDown(collaborators.problem)) problems.push(collaborators.problem);

  return {
    credential,
    // 401/403 on the profile (some tokens may not read it) leaves the account's 2FA unknown.
    accountTwoFactor: profile?.ok ? profile.value.twoFactor : 'unknown',
    packageFacts,
    writeAccess: writeAccessFrom(request.packageName, username, packageFacts, collaborators),
    problems: problems.sort((a, b) => Number(isRegistryDown(b)) - Number(isRegistryDown(a))),
  };
}

async function fetchAccountAnswers(request: RegistryFactsRequest, client: RegistryClient): Promise<AccountAnswers> {
  const hasCredential = request.credential.type === 'token' || request.credential.type === 'basic';
  if (!hasCredential) return {};
  const [whoami, profile, tokens] = await Promise.all([
    getJson(client, '/-/whoami', 'whoami', readWhoami),
    getJson(client, '/-/npm/v1/user', 'profile', readProfile),
    request.credential.type === 'token' ? listTokens(client) : undefined,
  ]);
  return { whoami, profile, tokens };
}

/**
 * Handed-over or held facts as usual; for a package not held, the small documents first and the
 * packument behind them, handed over to the next refresh (which `refined` asks for).
 */
async function firstPackageFacts(
  client: RegistryClient, escapedName: string, quick: NonNullable<RegistryFactsRequest['quick']>, shared: { cache: PackageFactsCache; key: string },
): Promise<PackageFacts> {
  const handed = shared.cache.takeHandedOver(shared.key);
  if (handed) return handed;
  if (shared.cache.held(shared.key)) return fetchPackageFacts(client, escapedName, shared);
  const facts = await fetchQuickFacts(client, escapedName, quick.version);
  if (!facts) return fetchPackageFacts(client, escapedName, shared);
  fetchPackageFacts(client, escapedName, shared).then((full) => {
    // A failed read leaves the quick facts: the next refresh tries again.
    if (full.state === 'unavailable') return;
    shared.cache.handOver(shared.key, full);
    quick.refined();
  }, () => undefined);
  return facts;
}

/** Problems that say nothing about the credential or package, only that the registry is not answering (usably). */
export function isRegistryDown(problem: RegistryProblem): boolean {
  return ['offline', 'timeout', 'rate-limited', 'server-error', 'unexpected-answer'].includes(problem.kind);
}

function credentialFacts(
  request: RegistryFactsRequest,
  whoami: Answer<{ username: string }> | undefined,
  tokens: Answer<TokenList> | undefined,
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
  if (!tokens) return { kind: 'token-unknown', username };
  if (!tokens.ok) {
    // A registry that does not let this token see the list (401/403/404) is an answer: the kind is not
    // visible. A list that failed or was not understood is a fact not learned: the verdict waits for it.
    return isRegistryDown(tokens.problem) ? { kind: 'token-unknown', username, problem: tokens.problem } : { kind: 'token-unknown', username };
  }
  const listed = tokens.value.items.find((item) => item.token === configured.masked);
  if (listed) return granularFacts(listed, username);
  // Session tokens from `npm login` are never in the token list — but only a whole list proves absence.
  if (tokens.value.incomplete) return { kind: 'token-unknown', username, problem: tokens.value.incomplete };
  // "Unlisted means a session" is npmjs's rule; elsewhere it is one only when this extension did the login.
  const npmjs = hasNpmjsPolicies({ family: request.registryFamily });
  if (!npmjs && request.loggedInAt === undefined) return { kind: 'token-unknown', username };
  return {
    kind: 'session',
    username: username ?? '',
    loggedInAt: request.loggedInAt,
    expiresAt: request.loggedInAt === undefined || !npmjs ? undefined : request.loggedInAt + SESSION_LIFETIME_MS,
  };
}

function granularFacts(item: TokenListItem, username: string | undefined): CredentialFacts {
  const scopes = item.scopes ?? [];
  const packageAction = item.permissions?.find((p) => p.name === 'package')?.action;
  const permission: TokenPermission =
    item.publish_policy === 'stage_only' ? 'stage-only'
    : packageAction === 'write' ? 'read-write'
    : packageAction === 'read' ? 'read-only'
    : 'no-access';
  return {
    kind: 'granular',
    username,
    name: item.name ?? '',
    expiresAt: item.expiry ? Date.parse(item.expiry) : undefined,
    bypass2fa: item.bypass_2fa === true,
    permission,
    packages: scopes.filter((s) => s.type === 'package').map((s) => s.name),
    scopes: scopes.filter((s) => s.type === 'scope').map((s) => s.name),
    allPackages: scopes.some((s) => s.type === 'all' || s.name === '*') || (packageAction !== undefined && scopes.length === 0),
    cidr: item.cidr ?? [],
  };
}

async function listTokens(client: RegistryClient): Promise<Answer<TokenList>> {
  const items: TokenListItem[] = [];
  let path: string | undefined = '/-/npm/v1/tokens';
  for (let page = 0; path; page++) {
    if (page === MAX_TOKEN_PAGES) {
      const incomplete: RegistryProblem = {
        kind: 'unexpected-answer',
        message: `The token list is incomplete: the registry still named a next page after ${MAX_TOKEN_PAGES} pages.`,
      };
      return { ok: true, value: { items, incomplete } };
    }
    const answer: Answer<TokenPage> = await getJson(client, path, 'token', readTokenPage);
    if (!answer.ok) return answer;
    items.push(...answer.value.objects);
    path = answer.value.next;
  }
  return { ok: true, value: { items } };
}

function writeAccessFrom(
  name: string,
  username: string | undefined,
  packageFacts: PackageFacts,
  collaborators: Answer<Record<string, 'read' | 'write'>> | undefined,
): WriteAccess {
  if (!username) return 'unknown';
  if (packageFacts.state === 'unpublished') {
    // Anyone may create a free unscoped name; a scoped one needs the scope (we can see only the user's own).
    return !name.startsWith('@') || name.startsWith(`@${username}/`) ? 'new-package' : 'unknown';
  }
  if (packageFacts.state !== 'published' || !collaborators) return 'unknown';
  if (collaborators.ok) {
    const permission = collaborators.value[username];
    return permission === 'write' ? 'write' : permission === 'read' ? 'read' : 'none';
  }
  // Not shown to this credential (401/403/404): the packument's maintainers still say who writes.
  // A failed or unreadable answer says nothing, so it does not fall back to a guess.
  if (isRegistryDown(collaborators.problem)) return 'unknown';
  return packageFacts.maintainers.includes(username) ? 'write' : 'unknown';
}
