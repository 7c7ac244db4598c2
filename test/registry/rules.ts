// Who is asking, and what the registry demands of them: authentication, 2FA challenges, publish policy.
// Each rule cites the section of the project docs' npm-registry-protocol.md it follows; [INF] marks our own decisions.
import type { IncomingHttpHeaders } from 'node:http';
import { error, json, Reply } from './http';
import { type Package, type RegistryState, type Token, type User, scopeOf } from './state';

export type Credential =
  | { kind: 'anonymous' }
  | { kind: 'token'; token: Token; user: User }
  | { kind: 'basic'; user: User }
  | { kind: 'invalid'; why: 'unknown' | 'expired' | 'revoked' | 'bad-password' | 'ip-address' };

export interface AuthContext {
  state: RegistryState;
  headers: IncomingHttpHeaders;
  remoteAddress: string;
  credential: Credential;
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Reads `Authorization` (doc §1.1): Bearer <token> or Basic base64(user:password). */
export function authenticate(state: RegistryState, headers: IncomingHttpHeaders, remoteAddress: string): Credential {
  const authorization = header(headers, 'authorization');
  if (!authorization) return { kind: 'anonymous' };
  const [scheme, value = ''] = authorization.split(/\s+/, 2);
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = state.users.get(decoded.slice(0, colon));
    if (!user || user.password !== decoded.slice(colon + 1)) return { kind: 'invalid', why: 'bad-password' };
    return { kind: 'basic', user };
  }
  const token = state.tokens.get(value);
  const user = token && state.users.get(token.user);
  if (!token || !user) return { kind: 'invalid', why: 'unknown' };
  if (token.revokedAt !== undefined) return { kind: 'invalid', why: 'revoked' };
  if (state.isExpired(token)) return { kind: 'invalid', why: 'expired' };
  if (token.cidr.length > 0 && !token.cidr.some((range) => ipv4InCidr(remoteAddress, range))) return { kind: 'invalid', why: 'ip-address' };
  token.accessed = state.clock.now();
  return { kind: 'token', token, user };
}

/**
 * The 401 for a credential the registry rejects (doc §2, §10). Expired/revoked tokens also get the
 * `npm-notice` seen on the live registry. We send no `www-authenticate: Bearer` [INF]: the live
 * whoami output ("401 Unauthorized - GET …" and nothing more) suggests there is none.
 * A CIDR mismatch answers `www-authenticate: ipaddress` → npm's EAUTHIP (doc §1.3).
 */
export function rejectCredential(credential: Credential & { kind: 'invalid' }): Reply {
  switch (credential.why) {
    case 'bad-password':
      return error(401, 'Incorrect or missing password.', { 'www-authenticate': 'Basic' });
    case 'ip-address':
      return error(401, 'Login is not allowed from your IP address', { 'www-authenticate': 'ipaddress' });
    case 'expired':
    case 'revoked':
      return error(401, 'Unauthorized', { 'npm-notice': 'Access token expired or revoked. Please try logging in again.' });
    default:
      return error(401, 'Unauthorized');
  }
}

/** The logged-in user, or the answer the registry gives instead. */
export function requireUser(ctx: AuthContext): User {
  const credential = ctx.credential;
  if (credential.kind === 'invalid') throw rejectCredential(credential);
  if (credential.kind === 'anonymous') throw error(401, 'You must be logged in to perform this action.');
  return credential.user;
}

export const isBypassToken = (credential: Credential): boolean => credential.kind === 'token' && credential.token.kind === 'granular' && credential.token.bypass2fa;
export const isGranular = (credential: Credential): credential is { kind: 'token'; token: Token; user: User } =>
  credential.kind === 'token' && credential.token.kind === 'granular';

/** Does this credential's token reach this package at all? Session tokens and Basic auth reach everything the user can. */
export function tokenCovers(credential: Credential, packageName: string): boolean {
  if (!isGranular(credential)) return true;
  const token = credential.token;
  if (token.permission === 'no-access') return false;
  const scope = scopeOf(packageName);
  return token.allPackages || token.packages.includes(packageName) || (scope !== undefined && token.scopes.includes(scope));
}

/**
 * What a request needs a second factor for:
 * - `publish`: every publish needs 2FA or a bypass GAT since Dec 2025, whatever the account mode (doc §3, §7.5).
 * - `sensitive`: token create/delete, package access, profile changes, login, stage approval. Asked of every
 *   2FA account; since Aug 2026 bypass GATs are refused outright (doc §4.2, §5.1, §8.1, §9).
 * - `trust`: trusted-publisher configuration; like `sensitive`, but a "skip 2FA" window covers it too
 *   (npm-trust docs, "Bulk Usage": the skip lets later `npm trust` calls through; doc §8.1, §8.3).
 * - `write`: other writes; only `auth-and-writes` accounts are challenged (doc §3).
 */
export type SecondFactorNeed = 'publish' | 'sensitive' | 'trust' | 'write';

export const BYPASS_REFUSED = 'Granular access tokens that bypass two-factor authentication may not perform this action';

/** Throws the 2FA challenge (or a refusal) unless the request satisfies the second factor. */
export function requireSecondFactor(ctx: AuthContext, user: User, need: SecondFactorNeed): void {
  const credential = ctx.credential;
  if ((need === 'sensitive' || need === 'trust') && isBypassToken(credential)) throw error(403, BYPASS_REFUSED); // doc §9, changelog 2026-07-31
  if (user.twoFactor === 'none') return;
  if (need === 'publish' && isBypassToken(credential)) return; // doc §7.5: a bypass GAT publishes without a challenge
  // Basic-auth requests always need 2FA (doc §3); auth-only accounts are otherwise not asked on plain writes.
  if (need === 'write' && user.twoFactor === 'auth-only' && credential.kind !== 'basic') return;
  if (need === 'write' && isBypassToken(credential)) return;
  // Doc §7.4: a browser approval may "skip 2FA for the next 5 minutes" — for that credential's publishes [INF: scope].
  if ((need === 'publish' || need === 'trust') && ctx.state.skips2fa(credentialKey(credential))) return;
  const answer = secondFactorIn(ctx.state, user, header(ctx.headers, 'npm-otp'));
  // An upload counts against `endOtpWindowAfter(uses)`; other requests reuse the code freely.
  if (answer === 'totp' && need === 'publish') ctx.state.otpWindows.used();
  if (answer) return;
  throw otpChallenge(ctx, user);
}

/**
 * What an npm-otp value is: the TOTP code of the current window (doc §7.3), an unexpired web-OTP token
 * from a browser approval of this user (doc §7.4), or neither.
 */
export function secondFactorIn(state: RegistryState, user: User, otp: string | undefined): 'totp' | 'web-otp' | undefined {
  if (!otp) return undefined;
  const code = otp.replace(/\s+/g, '');
  if ((user.twoFactor === 'auth-only' || user.twoFactor === 'auth-and-writes') && code === state.currentOtp(user)) return 'totp';
  const web = state.webOtps.get(code);
  // Accepted whatever `npm-auth-type` says (doc §13 #8 is open; we are lenient) [INF].
  return web !== undefined && web.user === user.name && web.expiresAt > state.clock.now() ? 'web-otp' : undefined;
}

/** Which credential a request used, without its secret: what a "skip 2FA" window is tied to. */
export function credentialKey(credential: Credential): string {
  if (credential.kind === 'token') return `token:${credential.token.key}`;
  if (credential.kind === 'basic') return `basic:${credential.user.name}`;
  return credential.kind;
}

/** Doc §1.2 [3P]: the live registry gives the web challenge only to requests that look like the npm CLI. */
function looksLikeNpmCli(headers: IncomingHttpHeaders): boolean {
  return Boolean(header(headers, 'npm-command')) && /^npm\//.test(header(headers, 'user-agent') ?? '');
}

export const CLASSIC_OTP_ERROR = 'You must provide a one-time pass. Upgrade your client to npm@latest in order to use 2FA.';
export const OTP_NOTICE = 'You must provide a one-time pass. You can provide one using the "--otp" flag.';

/**
 * The 2FA challenge: 401 + `www-authenticate: OTP` (doc §1.3, §7.3, §7.4). A wrong OTP gets the same answer.
 * Web (`{authUrl, doneUrl}`) when the client sent `npm-auth-type: web` and the user is passkey-only, or
 * a TOTP user with `webChallengeForCli` and a CLI-like request. Classic otherwise — also for passkey
 * users under `legacy`, who can then only answer with a web-OTP token [INF].
 */
export function otpChallenge(ctx: AuthContext, user: User): Reply {
  const web =
    header(ctx.headers, 'npm-auth-type') === 'web' &&
    (user.twoFactor === 'passkey' || (user.webChallengeForCli && looksLikeNpmCli(ctx.headers)));
  if (web) {
    const pending = ctx.state.newPending('2fa', user.name, credentialKey(ctx.credential));
    return json(
      401,
      { authUrl: `${ctx.state.origin}-/_web/auth/${pending.id}`, doneUrl: `${ctx.state.origin}-/v1/done?authId=${pending.id}` },
      { 'www-authenticate': 'OTP' },
    );
  }
  return error(401, CLASSIC_OTP_ERROR, { 'www-authenticate': 'OTP', 'npm-notice': OTP_NOTICE });
}

export const TWO_FACTOR_REQUIRED = 'Two-factor authentication or granular access token with bypass 2fa enabled is required to publish packages.';
/** Doc §7.6 and §13 #9: the exact text is undocumented; this adapts the 2023 "automation token" wording [INF]. */
export const TOKENS_DISALLOWED = 'Two-factor authentication is required to publish this package but a granular access token was specified';
export const STAGE_REQUIRED =
  'E_STAGE_REQUIRED: This token can only stage packages. Use `npm stage publish` and approve the staged version with 2FA.';

/** May this user write to (or create) this package? Unknown and foreign packages answer 404, as npmjs does (doc §7.6). */
export function requireWriteAccess(user: User, name: string, pkg: Package | undefined): void {
  if (pkg) {
    if (pkg.collaborators.get(user.name) !== 'write') throw error(404, 'Not found');
    return;
  }
  const scope = scopeOf(name);
  // A new unscoped name is free to take; a scoped one needs the user's own scope or an org of theirs (doc §5.6).
  if (scope && scope !== `@${user.name}` && !user.scopes.includes(scope)) throw error(404, 'Not found');
}

/** May this credential read this package? Public packages: anyone; restricted: collaborators only. */
export function canRead(ctx: AuthContext, pkg: Package): boolean {
  if (pkg.visibility === 'public') return true;
  const credential = ctx.credential;
  if (credential.kind !== 'token' && credential.kind !== 'basic') return false;
  return pkg.collaborators.has(credential.user.name) && tokenCovers(credential, pkg.name);
}

/**
 * The publish policy, in the order the registry applies it (doc §7.5, §7.6; issue #3 rules):
 * write access (404) → token reaches the package (404) → read-only token (403) → stage-only token
 * (403 E_STAGE_REQUIRED) → version exists (403) → unverified email (403) → "disallow tokens" refuses
 * every GAT (403) → account without 2FA (403) → 2FA challenge unless a bypass GAT.
 */
export function checkPublish(ctx: AuthContext, name: string, pkg: Package | undefined, versions: string[]): User {
  const credential = ctx.credential;
  // A PUT without credentials is a 404 on npmjs ("no permission to write/create", doc §7.6).
  if (credential.kind === 'anonymous') throw error(404, 'Not found');
  const user = requireUser(ctx);
  requireWriteAccess(user, name, pkg);
  if (!tokenCovers(credential, name)) throw error(404, 'Not found');
  if (isGranular(credential) && credential.token.permission === 'read-only') {
    throw error(403, 'This token is read-only and cannot be used to publish packages.'); // [INF] wording
  }
  if (isGranular(credential) && credential.token.permission === 'stage-only') throw json(403, { error: STAGE_REQUIRED, code: 'E_STAGE_REQUIRED' });
  const existing = versions.filter((v) => pkg?.versions.has(v));
  if (existing.length > 0) throw error(403, `You cannot publish over the previously published versions: ${existing.join(', ')}.`);
  if (!user.emailVerified) throw error(403, 'You must verify your email before publishing a new package: https://www.npmjs.com/email-edit');
  // "Disallow tokens": GATs cannot publish regardless of bypass 2FA (doc §5.2); session tokens go on to 2FA.
  if (pkg?.publishingAccess === 'publish' && isGranular(credential)) throw error(403, TOKENS_DISALLOWED);
  // `mfa=none` is treated like `automation`: since Dec 2025 every publish needs 2FA or a bypass GAT (doc §5.2, §13 #1) [INF].
  if (user.twoFactor === 'none' && !isBypassToken(credential)) throw error(403, TWO_FACTOR_REQUIRED);
  requireSecondFactor(ctx, user, 'publish');
  return user;
}

export function ipv4InCidr(address: string, cidr: string): boolean {
  const toNumber = (ip: string): number | undefined => {
    const parts = ip.replace(/^::ffff:/, '').split('.').map(Number);
    if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
    return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
  };
  const [range, bitsText = '32'] = cidr.split('/');
  const ip = toNumber(address);
  const base = toNumber(range);
  const bits = Number(bitsText);
  if (ip === undefined || base === undefined) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (ip & mask) === (base & mask);
}

export { Reply };
