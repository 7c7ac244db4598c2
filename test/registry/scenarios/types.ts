// The scenario format: plain data describing users, tokens and packages the local registry starts with.
// Everything here is test fixture data; the secrets in it are fake and only ever live in memory.

/**
 * Account second factor.
 * - `none`: no 2FA (publishing is refused with the "Two-factor authentication … is required" 403).
 * - `auth-only` / `auth-and-writes`: TOTP; the demo code is accepted (see `otp`).
 * - `passkey`: WebAuthn only — no code to type; challenged with `{authUrl, doneUrl}` (browser approval).
 */
export type TwoFactorSpec = 'none' | 'auth-only' | 'auth-and-writes' | 'passkey';

export interface UserSpec {
  name: string;
  password: string;
  email?: string;
  /** false blocks publishing (protocol doc §3). Default true. */
  emailVerified?: boolean;
  twoFactor: TwoFactorSpec;
  /** The code this user's "authenticator" shows in the first TOTP window (later ones derive from it). Default: DEMO_OTP. Ignored for passkey/none. */
  otp?: string;
  /**
   * TOTP users only: answer CLI-like requests sent with `npm-auth-type: web` with the web (browser)
   * challenge instead of the classic one, as a third party reports the live registry does (doc §1.2 [3P]).
   * Default false: TOTP users get the classic challenge, so `--otp` flows work.
   */
  webChallengeForCli?: boolean;
  /** Scopes (orgs) besides `@<name>` in which this user may create packages. */
  scopes?: string[];
}

/** Package/scope permission of a granular access token. `stage-only` = npm 12's `read-write-stage-only`. */
export type TokenPermissionSpec = 'read-only' | 'read-write' | 'stage-only' | 'no-access';

export interface TokenSpec {
  /** The full secret, `npm_` + 36 [A-Za-z0-9]. Use `demoToken(label)` for a stable, known value. */
  value: string;
  user: string;
  /** `session`: from `npm login`, 2 hours, never listed. `granular`: a GAT. */
  kind: 'session' | 'granular';
  /** Human description for the demo credentials printout. */
  label?: string;
  name?: string;
  description?: string;
  permission?: TokenPermissionSpec;
  /** Package names this GAT is limited to. */
  packages?: string[];
  /** `@scope`s this GAT is limited to. */
  scopes?: string[];
  orgs?: string[];
  orgsPermission?: TokenPermissionSpec;
  /** GAT covers every package of the user (`--packages-all`). */
  allPackages?: boolean;
  bypass2fa?: boolean;
  cidr?: string[];
  /** Expiry relative to the registry clock when the scenario loads; negative = already expired. GAT default 7 days. */
  expiresInDays?: number;
  /** Revoked before the scenario starts (the registry answers 401 as for an unknown token). */
  revoked?: boolean;
}

export type PublishingAccessMode = 'none' | 'automation' | 'publish';

export interface VersionSpec {
  version: string;
  /** Who published it; `trusted-publisher` gives `_npmUser.trustedPublisher` evidence (doc §8.3). Default: first maintainer. */
  publishedBy?: string | 'trusted-publisher';
  /** Days before the scenario loads. Default 30. */
  daysAgo?: number;
}

export interface TrustConfigSpec {
  id?: string;
  type: 'github' | 'gitlab' | 'circleci';
  claims: Record<string, unknown>;
  permissions: Array<'createPackage' | 'createStagedPackage'>;
}

export interface PackageSpec {
  name: string;
  /** Users with write access (maintainers). */
  maintainers: string[];
  /** Users with read-only access. */
  readers?: string[];
  publishingAccess: PublishingAccessMode;
  visibility?: 'public' | 'restricted';
  versions?: VersionSpec[];
  description?: string;
  trust?: TrustConfigSpec[];
}

/** Registry-wide switches for behaviour the protocol doc marks as unknown. */
export interface ScenarioOptions {
  /** Answer of `GET /-/npm/v1/user` to a granular token: the profile (default) or 403 (seen in 2023, doc §3). */
  gatProfileAccess?: 'allow' | 'forbid';
  /** Default page size of `GET /-/npm/v1/tokens` (registry default 10); lower it to exercise `urls.next`. */
  tokensPerPage?: number;
  /** `retry-after` seconds sent with 202 while a browser login / browser 2FA is pending. Default 1. */
  pollRetryAfterSeconds?: number;
  /**
   * Length of a TOTP window on the registry clock; a code is accepted on every request while its window
   * lasts. Default 0: windows move only when a test ends them (`endOtpWindow`), so fixed codes never expire.
   */
  otpWindowMs?: number;
}

export interface Scenario {
  name: string;
  description?: string;
  users: UserSpec[];
  tokens: TokenSpec[];
  packages: PackageSpec[];
  options?: ScenarioOptions;
}
