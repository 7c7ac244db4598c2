// The account calls, through npm's own libraries so that npm's rules for headers, credentials (only
// to the registry their nerf dart names) and error classes apply: npm-registry-fetch for the web
// login start, logout and token creation, npm-profile for the legacy login, libnpmaccess for
// publishing access. npm-profile's `createToken` is not used: it sends the classic-token body
// (`readonly`, `cidr_whitelist` only), not the granular one npm 11 sends (protocol §4.2).
// Every token the registry hands out is registered as a secret before it is returned.
import type { PublishingAccessMode } from '../base/model';
import { isHttpUrl } from './challenge';
import { nodeAgentFor } from '../status/nodeAgent';
import { registerSecret } from '../base/secrets';
import { escapePackageName } from '../base/packagePath';

/** SECRET-BEARING npm options (see ResolvedPublishConfig.fetchOptions). */
type FetchOptions = Record<string, unknown>;

/**
 * The options for one account request to `registryUrl`. No retries: these requests change state
 * (a retried token create could make two tokens), and a person is waiting and can try again.
 */
function requestOptions(registryUrl: string, fetchOptions: FetchOptions, npmCommand: string, otp?: string): FetchOptions {
  return {
    ...fetchOptions, registry: registryUrl, agent: nodeAgentFor(registryUrl), npmCommand,
    retry: { retries: 0 }, preferOnline: true, ...(otp === undefined ? {} : { otp }),
  };
}

const loadFetch = async () => (await import('npm-registry-fetch')).default;

/** The registry has no web login (npm's ENYI): any 4xx or a 500 from `POST /-/v1/login`, as npm decides. */
export class WebLoginUnsupported extends Error {
  override name = 'WebLoginUnsupported';
  constructor(readonly status: number | undefined) {
    super(`Web login not supported (${status ?? 'no status'})`);
  }
}

export interface WebLoginStart {
  loginUrl: string;
  doneUrl: string;
}

/** `POST /-/v1/login` (protocol §6.1): the page to open and the URL to poll. */
export async function startWebLogin(registryUrl: string, fetchOptions: FetchOptions): Promise<WebLoginStart> {
  const fetch = await loadFetch();
  let answer: unknown;
  try {
    answer = await fetch.json('/-/v1/login', { ...requestOptions(registryUrl, fetchOptions, 'login'), method: 'POST', body: {}, authType: 'web' });
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && ((status >= 400 && status <= 499) || status === 500)) throw new WebLoginUnsupported(status);
    throw error;
  }
  const { loginUrl, doneUrl } = (answer ?? {}) as { loginUrl?: unknown; doneUrl?: unknown };
  if (!isHttpUrl(loginUrl) || !isHttpUrl(doneUrl)) throw new Error('Invalid response from the web login endpoint.');
  return { loginUrl, doneUrl: replaceDoneUrlOrigin(doneUrl, registryUrl) };
}

/**
 * npm-profile's rule: a `doneUrl` on registry.npmjs.org (what a proxy forwards verbatim) is polled at
 * the configured registry instead, which holds the session; any other host is left alone.
 */
export function replaceDoneUrlOrigin(doneUrl: string, registryUrl: string): string {
  const done = new URL(doneUrl);
  if (done.hostname !== 'registry.npmjs.org') return doneUrl;
  const registry = new URL(registryUrl);
  done.protocol = registry.protocol;
  done.host = registry.host;
  const prefix = registry.pathname.replace(/\/$/, '');
  if (prefix && done.pathname !== prefix && !done.pathname.startsWith(`${prefix}/`)) done.pathname = prefix + done.pathname;
  return done.href;
}


/** The legacy login (protocol §6.2), one attempt; a classic challenge throws EOTP for `withSecondFactor`. */
export async function loginWithPassword(
  registryUrl: string, fetchOptions: FetchOptions, username: string, password: string, otp: string | undefined,
): Promise<string> {
  registerSecret(password);
  const { loginCouch } = await import('npm-profile');
  const options = requestOptions(registryUrl, fetchOptions, 'login', otp);
  // npm sends `legacy` here: the couch login answers only a classic code (or a web-OTP token).
  const result = await loginCouch(username, password, { ...options, authType: 'legacy', creds: undefined });
  if (typeof result.token !== 'string' || !result.token) throw new Error('The registry accepted the login but sent no token.');
  registerSecret(result.token);
  return result.token;
}

export type RevokeOutcome = 'revoked' | 'already-invalid' | 'still-valid' | 'unconfirmed';

/**
 * `DELETE /-/user/token/<token>` (protocol §6.4). A 404 means the registry no longer knows the token
 * (revoked or expired already): nothing to revoke, so that counts as done. A registry may answer the
 * DELETE and keep the token valid (Verdaccio does, and npm logout does not notice), so one
 * `GET /-/whoami` with the token tells what really happened.
 */
export async function revokeSession(registryUrl: string, fetchOptions: FetchOptions, token: string): Promise<RevokeOutcome> {
  const fetch = await loadFetch();
  try {
    await fetch(`/-/user/token/${encodeURIComponent(token)}`, { ...requestOptions(registryUrl, fetchOptions, 'logout'), method: 'DELETE', ignoreBody: true });
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 404 || status === 401) return 'already-invalid';
    throw error;
  }
  try {
    await fetch.json('/-/whoami', requestOptions(registryUrl, fetchOptions, 'whoami'));
    return 'still-valid';
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    return status === 401 || status === 403 ? 'revoked' : 'unconfirmed';
  }
}

/** What `POST /-/npm/v1/tokens` answered: the full token, once. */
export interface CreatedToken {
  token: string;
  expires?: string;
  key?: string;
  /** The rest of the answer (never the token): what the registry says it made. */
  answer: Record<string, unknown>;
}

/** `POST /-/npm/v1/tokens` with the body npm sends (protocol §4.2), one attempt. */
export async function createGranularToken(registryUrl: string, fetchOptions: FetchOptions, body: Record<string, unknown>, otp: string | undefined): Promise<CreatedToken> {
  const fetch = await loadFetch();
  const answer = (await fetch.json('/-/npm/v1/tokens', { ...requestOptions(registryUrl, fetchOptions, 'token', otp), method: 'POST', body })) as Record<string, unknown> | null;
  const token = answer?.token;
  if (typeof token !== 'string' || !token) throw new Error('The registry created a token but did not send it.');
  registerSecret(token);
  const rest = Object.fromEntries(Object.entries(answer!).filter(([key]) => key !== 'token'));
  return { token, expires: typeof rest.expires === 'string' ? rest.expires : undefined, key: typeof rest.key === 'string' ? rest.key : undefined, answer: rest };
}

/** `npm access set mfa=<mode>` through libnpmaccess (protocol §5.1), one attempt. */
export async function setPublishingAccessMode(
  registryUrl: string, fetchOptions: FetchOptions, packageName: string, mode: PublishingAccessMode, otp: string | undefined,
): Promise<void> {
  const { setMfa } = await import('libnpmaccess');
  await setMfa(packageName, mode, requestOptions(registryUrl, fetchOptions, 'access', otp));
}

/** `/-/package/<escaped>/trust`, as npm's trust commands spell it. */
function trustPath(packageName: string): string {
  return `/-/package/${escapePackageName(packageName)}/trust`;
}

/** `npm trust list` (protocol §8.1): the raw answer, for core/trust/trustConfig.ts to read. One attempt. */
export async function listTrust(registryUrl: string, fetchOptions: FetchOptions, packageName: string, otp: string | undefined): Promise<unknown> {
  const fetch = await loadFetch();
  return fetch.json(trustPath(packageName), requestOptions(registryUrl, fetchOptions, 'trust', otp));
}

/** `npm trust github|gitlab`: POSTs the body core/trust/trustConfig.ts built. One attempt. */
export async function addTrust(registryUrl: string, fetchOptions: FetchOptions, packageName: string, body: unknown[], otp: string | undefined): Promise<unknown> {
  const fetch = await loadFetch();
  return fetch.json(trustPath(packageName), { ...requestOptions(registryUrl, fetchOptions, 'trust', otp), method: 'POST', body });
}

/** `npm trust revoke --id`. One attempt. */
export async function revokeTrust(registryUrl: string, fetchOptions: FetchOptions, packageName: string, id: string, otp: string | undefined): Promise<void> {
  const fetch = await loadFetch();
  await fetch(`${trustPath(packageName)}/${encodeURIComponent(id)}`, { ...requestOptions(registryUrl, fetchOptions, 'trust', otp), method: 'DELETE', ignoreBody: true });
}
