// The registry's in-memory state, loaded from a scenario. Secrets (tokens, passwords, OTPs) live only here.
import { randomUUID } from 'node:crypto';
import type {
  PackageSpec,
  PublishingAccessMode,
  Scenario,
  ScenarioOptions,
  TokenPermissionSpec,
  TokenSpec,
  TrustConfigSpec,
  TwoFactorSpec,
  UserSpec,
} from './scenarios/types';
import { DEMO_OTP } from './scenarios/helpers';
import { OtpWindows, SKIP_2FA_LIFETIME_MS } from './otpWindows';
import { maskToken, newTokenValue, tokenKey } from './tokenFormat';

const DAY_MS = 24 * 60 * 60 * 1000;
/** `npm login` session tokens live 2 hours (doc §6.1, changelog 2025-12-09); we make it absolute, not idle. */
export const SESSION_TOKEN_LIFETIME_MS = 2 * 60 * 60 * 1000;
/** Web-OTP tokens from a browser 2FA approval: "valid only a few minutes, reusable within that window" (doc §7.4 [3P]). */
export const WEB_OTP_LIFETIME_MS = 5 * 60 * 1000;
/** Login links were reported valid for 30 minutes (doc §6.1 [3P]). */
export const PENDING_LIFETIME_MS = 30 * 60 * 1000;

/** The registry's clock: real time plus an offset the tests control. */
export class Clock {
  private offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  set(ms: number): void {
    this.offsetMs = ms - Date.now();
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  reset(): void {
    this.offsetMs = 0;
  }
}

export interface User {
  name: string;
  password: string;
  email: string;
  emailVerified: boolean;
  twoFactor: TwoFactorSpec;
  otp: string;
  webChallengeForCli: boolean;
  scopes: string[];
  created: number;
}

export interface Token {
  value: string;
  key: string;
  user: string;
  kind: 'session' | 'granular';
  label?: string;
  name: string;
  description: string;
  permission: TokenPermissionSpec;
  packages: string[];
  scopes: string[];
  orgs: string[];
  orgsPermission?: TokenPermissionSpec;
  allPackages: boolean;
  bypass2fa: boolean;
  cidr: string[];
  created: number;
  updated: number;
  accessed?: number;
  expiresAt: number;
  revokedAt?: number;
}

export interface TrustConfig extends TrustConfigSpec {
  id: string;
}

/** A body `npm trust <provider>` sent (`POST /-/package/:pkg/trust`), kept as it arrived: claims hold no secrets. */
export interface TrustRequestBody {
  package: string;
  body: unknown;
  at: number;
}

export interface Package {
  name: string;
  description?: string;
  /** username → permission, as `GET /-/package/:pkg/collaborators` reports it. */
  collaborators: Map<string, 'read' | 'write'>;
  publishingAccess: PublishingAccessMode;
  visibility: 'public' | 'restricted';
  versions: Map<string, Record<string, unknown>>;
  distTags: Record<string, string>;
  time: Record<string, string>;
  /** Attachment file name → tarball bytes. */
  tarballs: Map<string, Buffer>;
  trust: TrustConfig[];
}

/** A browser login (`POST /-/v1/login`) or browser 2FA challenge waiting for approval. */
export interface PendingApproval {
  id: string;
  kind: 'login' | '2fa';
  /** For 2FA: the challenged user. For login: set on approval. */
  user?: string;
  createdAt: number;
  approved: boolean;
  /** What the done URL hands out once approved: a session token (login) or a web-OTP token (2FA). */
  result?: string;
  collected: boolean;
  /** For 2FA: which credential was challenged, so a "skip 2FA" approval covers that credential only. */
  credentialKey?: string;
}

/** How a browser 2FA challenge is approved: `skip2fa` is the website's "skip 2FA for the next 5 minutes". */
export interface ApprovalOptions {
  skip2fa?: boolean;
}

export interface WebOtp {
  value: string;
  user: string;
  expiresAt: number;
}

export interface StagedVersion {
  id: string;
  packageName: string;
  version: string;
  tag: string;
  createdAt: number;
  actor: string;
  actorType: 'user' | 'token';
  body: Record<string, unknown>;
}

export class RegistryState {
  readonly users = new Map<string, User>();
  /** Keyed by the full token value. */
  readonly tokens = new Map<string, Token>();
  readonly packages = new Map<string, Package>();
  readonly pending = new Map<string, PendingApproval>();
  readonly webOtps = new Map<string, WebOtp>();
  readonly staged = new Map<string, StagedVersion>();
  readonly otpWindows: OtpWindows;
  /** Credential key → when its "skip 2FA" window ends. */
  readonly skip2faUntil = new Map<string, number>();
  /** Every trusted-publisher create body received since the scenario loaded, oldest first. */
  readonly trustBodies: TrustRequestBody[] = [];
  /** Every token create body received since the scenario loaded, oldest first, without its password. */
  readonly tokenBodies: Record<string, unknown>[] = [];
  options: Required<ScenarioOptions>;
  scenarioName: string;

  constructor(
    readonly clock: Clock,
    scenario: Scenario,
    /** The registry URL with a trailing slash; used for tarball URLs and `urls.next`. */
    public origin: string,
  ) {
    this.scenarioName = scenario.name;
    this.options = { gatProfileAccess: 'allow', tokensPerPage: 10, pollRetryAfterSeconds: 1, otpWindowMs: 0, ...scenario.options };
    this.otpWindows = new OtpWindows(clock, this.options.otpWindowMs);
    for (const user of scenario.users) this.addUser(user);
    for (const token of scenario.tokens) this.addToken(token);
    for (const pkg of scenario.packages) this.addPackage(pkg);
  }

  addUser(spec: UserSpec): User {
    const user: User = {
      name: spec.name,
      password: spec.password,
      email: spec.email ?? `${spec.name}@example.com`,
      emailVerified: spec.emailVerified ?? true,
      twoFactor: spec.twoFactor,
      otp: spec.otp ?? DEMO_OTP,
      webChallengeForCli: spec.webChallengeForCli ?? false,
      scopes: spec.scopes ?? [],
      created: this.clock.now() - 365 * DAY_MS,
    };
    this.users.set(user.name, user);
    return user;
  }

  addToken(spec: TokenSpec): Token {
    const now = this.clock.now();
    const session = spec.kind === 'session';
    const token: Token = {
      value: spec.value,
      key: tokenKey(spec.value),
      user: spec.user,
      kind: spec.kind,
      label: spec.label,
      name: spec.name ?? (session ? 'session' : 'token'),
      description: spec.description ?? '',
      permission: spec.permission ?? 'read-write',
      packages: spec.packages ?? [],
      scopes: spec.scopes ?? [],
      orgs: spec.orgs ?? [],
      orgsPermission: spec.orgsPermission,
      allPackages: session || (spec.allPackages ?? false),
      bypass2fa: spec.bypass2fa ?? false,
      cidr: spec.cidr ?? [],
      created: now - (spec.expiresInDays !== undefined && spec.expiresInDays < 0 ? 30 * DAY_MS : DAY_MS),
      updated: now - DAY_MS,
      expiresAt: session ? now + SESSION_TOKEN_LIFETIME_MS : now + (spec.expiresInDays ?? 7) * DAY_MS,
      revokedAt: spec.revoked ? now - DAY_MS : undefined,
    };
    if (session) token.created = now;
    this.tokens.set(token.value, token);
    return token;
  }

  /** A new `npm login` session token for `user`. */
  issueSessionToken(user: string): Token {
    return this.addToken({ kind: 'session', user, value: newTokenValue() });
  }

  addPackage(spec: PackageSpec): Package {
    const pkg: Package = {
      name: spec.name,
      description: spec.description,
      collaborators: new Map(),
      publishingAccess: spec.publishingAccess,
      visibility: spec.visibility ?? 'public',
      versions: new Map(),
      distTags: {},
      time: {},
      tarballs: new Map(),
      trust: (spec.trust ?? []).map((t) => ({ ...t, id: t.id ?? randomUUID() })),
    };
    for (const name of spec.readers ?? []) pkg.collaborators.set(name, 'read');
    for (const name of spec.maintainers) pkg.collaborators.set(name, 'write');
    for (const v of spec.versions ?? []) {
      const publishedAt = new Date(this.clock.now() - (v.daysAgo ?? 30) * DAY_MS).toISOString();
      const npmUser =
        v.publishedBy === 'trusted-publisher'
          ? // What OIDC-published versions carry in the packument (doc §8.3).
            { name: 'GitHub Actions', email: 'npm-oidc-no-reply@github.com', trustedPublisher: { id: 'github', oidcConfigId: `oidc:${randomUUID()}` } }
          : this.npmUser(v.publishedBy ?? spec.maintainers[0]);
      pkg.versions.set(v.version, {
        name: spec.name,
        version: v.version,
        description: spec.description,
        _id: `${spec.name}@${v.version}`,
        _npmUser: npmUser,
        // Seeded versions have no tarball bytes; only versions published through PUT can be downloaded.
        dist: { tarball: tarballUrl(this.origin, spec.name, v.version), shasum: '0'.repeat(40), integrity: 'sha512-seeded' },
      });
      pkg.time[v.version] = publishedAt;
      pkg.time.created ??= publishedAt;
      pkg.time.modified = publishedAt;
      pkg.distTags.latest = v.version;
    }
    this.packages.set(pkg.name, pkg);
    return pkg;
  }

  npmUser(name: string | undefined): { name: string; email: string } {
    const user = name ? this.users.get(name) : undefined;
    return { name: name ?? 'unknown', email: user?.email ?? `${name}@example.com` };
  }

  isExpired(token: Token): boolean {
    return token.expiresAt <= this.clock.now();
  }

  /** The user's granular tokens as `GET /-/npm/v1/tokens` lists them (session and revoked tokens are not listed). */
  listedTokens(user: string): Token[] {
    return [...this.tokens.values()]
      .filter((t) => t.user === user && t.kind === 'granular' && t.revokedAt === undefined)
      .sort((a, b) => b.created - a.created);
  }

  newPending(kind: PendingApproval['kind'], user?: string, credentialKey?: string): PendingApproval {
    const pending: PendingApproval = { id: randomUUID(), kind, user, createdAt: this.clock.now(), approved: false, collected: false, credentialKey };
    this.pending.set(pending.id, pending);
    return pending;
  }

  /** Approves a pending browser login (as `user`) or browser 2FA. Without an id: the newest one still waiting. */
  approve(id?: string, user?: string, options: ApprovalOptions = {}): PendingApproval {
    const pending = id
      ? this.pending.get(id)
      : [...this.pending.values()].filter((p) => !p.approved && this.clock.now() - p.createdAt < PENDING_LIFETIME_MS).pop();
    if (!pending) throw new Error(id ? `no pending approval ${id}` : 'no pending approval');
    if (pending.approved) return pending;
    if (pending.kind === 'login') {
      const who = user ?? [...this.users.keys()][0];
      if (!who || !this.users.has(who)) throw new Error(`cannot approve login as unknown user "${who}"`);
      pending.user = who;
      pending.result = this.issueSessionToken(who).value;
    } else {
      const webOtp: WebOtp = { value: randomUUID().replace(/-/g, '').slice(0, 16), user: pending.user!, expiresAt: this.clock.now() + WEB_OTP_LIFETIME_MS };
      this.webOtps.set(webOtp.value, webOtp);
      pending.result = webOtp.value;
      if (options.skip2fa && pending.credentialKey) this.skip2faUntil.set(pending.credentialKey, this.clock.now() + SKIP_2FA_LIFETIME_MS);
    }
    pending.approved = true;
    return pending;
  }

  /** The TOTP code `user`'s authenticator shows in the current window. */
  currentOtp(user: User): string {
    return this.otpWindows.code(user.otp);
  }

  /** Is this credential inside a "skip 2FA for the next 5 minutes" window? */
  skips2fa(credentialKey: string): boolean {
    return (this.skip2faUntil.get(credentialKey) ?? 0) > this.clock.now();
  }

  /** Every secret the state holds: for tests asserting that nothing leaks into logs. */
  secrets(): string[] {
    return [
      ...this.tokens.keys(),
      ...[...this.users.values()].flatMap((u) => [u.password, u.otp, this.currentOtp(u)]),
      ...this.webOtps.keys(),
      ...[...this.pending.values()].flatMap((p) => (p.result ? [p.result] : [])),
    ];
  }

  /** A secret-free summary for `GET /-/_control/state`. */
  summary(): unknown {
    return {
      scenario: this.scenarioName,
      now: new Date(this.clock.now()).toISOString(),
      users: [...this.users.values()].map((u) => ({ name: u.name, twoFactor: u.twoFactor, webChallengeForCli: u.webChallengeForCli })),
      tokens: [...this.tokens.values()].map((t) => ({
        token: maskToken(t.value),
        user: t.user,
        kind: t.kind,
        name: t.name,
        label: t.label,
        expired: this.isExpired(t),
        revoked: t.revokedAt !== undefined,
      })),
      packages: [...this.packages.values()].map((p) => ({
        name: p.name,
        publishingAccess: p.publishingAccess,
        visibility: p.visibility,
        collaborators: Object.fromEntries(p.collaborators),
        versions: [...p.versions.keys()],
        distTags: p.distTags,
        trust: p.trust,
      })),
      pending: [...this.pending.values()].map((p) => ({ id: p.id, kind: p.kind, user: p.user, approved: p.approved, collected: p.collected })),
    };
  }
}

export function tarballUrl(origin: string, name: string, version: string): string {
  const base = name.startsWith('@') ? name.split('/')[1] : name;
  return `${origin}${name}/-/${base}-${version}.tgz`;
}

export function scopeOf(name: string): string | undefined {
  return name.startsWith('@') ? name.split('/')[0] : undefined;
}
