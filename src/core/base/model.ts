// The publish-auth status model. Everything the user sees is derived from these types by pure
// functions; nothing here holds a secret (tokens stay inside the registry client's options).
import type { CommandFix } from './commands';
import type { RegistryFamily } from './registries';

/** npm's config layers, lowest precedence first. */
export type ConfigLayer = 'default' | 'builtin' | 'global' | 'user' | 'project' | 'env' | 'cli';

/** The package.json the status is about. */
export interface PackageInfo {
  /** Absolute path of the package.json. */
  manifestPath: string;
  /** Absolute path of its folder (npm's prefix for this package). */
  folder: string;
  name?: string;
  version?: string;
  private: boolean;
  publishConfig?: Record<string, unknown>;
  /** Set while package.json does not parse (e.g. mid-edit): the last good values may remain above. */
  parseError?: string;
  /** npm's own message when it would refuse the name or version (`Invalid name: "…"`), before any request. */
  invalid?: string;
}

/** Where a config value was read from. */
export interface ConfigSource {
  layer: ConfigLayer;
  /** The file for file layers; undefined for env/cli/default. */
  file?: string;
  /** The config key, e.g. `@acme:registry` or `//registry.npmjs.org/:_authToken`. */
  key: string;
  /** The 1-based line of the effective value in `file`, where it is known (a credential's). */
  line?: number;
}

/** The registry a publish of this package goes to, resolved exactly as npm resolves it. */
export interface RegistryTarget {
  /** Normalised URL with a trailing slash. */
  url: string;
  /** Which of npm's rules picked it. */
  rule: 'scope-registry' | 'publishConfig' | 'registry' | 'default';
  source?: ConfigSource;
  /** npm's "nerf dart" for the URL: `//host[:port]/path/`. */
  nerfDart: string;
  /** Which registry it is (registries.ts): npmjs's rules are claimed only where they hold. */
  family?: RegistryFamily;
}

/** What the config holds for the target registry — described, never the secret itself. */
export type ConfiguredCredential =
  /**
   * No credential in the config npm could read. `unreadable` lists config files that exist but could
   * not be read: npm skips them, so the credential is then unknown rather than absent.
   */
  | { type: 'none'; unreadable?: string[] }
  | {
      type: 'token';
      source: ConfigSource;
      /** npm's masked form (`npm_abcd...wxyz`), used to find the token in the token list. */
      masked: string;
    }
  | { type: 'basic'; source: ConfigSource; username?: string }
  /** A `${VAR}` in the credential that the environment does not set: npm would send it literally. */
  | { type: 'unset-variable'; source: ConfigSource; variables: string[] };

/** What would make a request send the credential where it could be read or faked (see repositoryTrust.ts). */
export type TransportRisk =
  /** `http:` to a host other than this machine: the token would cross the network in clear text. */
  | { kind: 'plain-http'; host: string; source?: ConfigSource }
  /** TLS checks weakened by the repository (`strict-ssl=false`, its own `ca`/`cafile`). */
  | { kind: 'weakened-tls'; setting: 'strict-ssl' | 'ca' | 'cafile'; source?: ConfigSource };

/** Account two-factor mode, as `npm profile get` shows it. */
export type AccountTwoFactor = 'disabled' | 'auth-only' | 'auth-and-writes' | 'unknown';

/**
 * Which second factor the account answers challenges with. The profile does not tell TOTP from
 * passkeys, and the challenge's form follows `npm-auth-type` rather than the account, so this is
 * declared by the user or learned from certain evidence (a one-time password the registry accepted
 * → `totp`).
 */
export type TwoFactorMethod = 'totp' | 'passkey-only' | 'unknown';
export type TwoFactorMethodSource = 'declared' | 'registry-answer';

/** A granular access token's permission on packages and scopes. */
export type TokenPermission = 'read-only' | 'read-write' | 'stage-only' | 'no-access';

/** The credential's kind and capabilities, learned from the registry. */
export type CredentialFacts =
  | { kind: 'none' }
  /** From `npm login`: not in the token list, lives 2 hours. `loggedInAt` only when we did the login. */
  | { kind: 'session'; username: string; loggedInAt?: number; expiresAt?: number }
  | {
      kind: 'granular';
      username?: string;
      name: string;
      expiresAt?: number;
      bypass2fa: boolean;
      permission: TokenPermission;
      /** Package names and `@scope`s the token is limited to; empty with `allPackages`. */
      packages: string[];
      scopes: string[];
      allPackages: boolean;
      cidr: string[];
    }
  /**
   * Accepted by the registry, but its kind is unknown: the token list is not visible to it, or
   * (`problem`) the list failed, was not understood or did not end — then the verdict waits for it.
   */
  | { kind: 'token-unknown'; username?: string; problem?: RegistryProblem }
  | { kind: 'basic'; username?: string }
  | { kind: 'invalid'; reason: 'rejected' | 'expired-or-revoked' | 'unset-variable'; detail?: string };

/** npm's three package settings (`npm access set mfa=…`). */
export type PublishingAccessMode = 'none' | 'automation' | 'publish';

/** How we know the publishing access mode. npm offers no read API, so "unknown" is the honest default. */
export type PublishingAccess =
  | { state: 'unknown'; why: string }
  | {
      state: 'known';
      mode: PublishingAccessMode;
      source:
        | { kind: 'set-by-extension'; at: number }
        | { kind: 'registry-answer'; what: string; at: number }
        | { kind: 'declared' };
    }
  /** Packages first published after 2025-12-09 default to `automation`. */
  | { state: 'likely-default'; mode: 'automation'; firstPublished: string };

/** Facts about the package on its registry. */
export type PackageFacts =
  | { state: 'unpublished' }
  | {
      state: 'published';
      versions: string[];
      latest?: string;
      maintainers: string[];
      firstPublished?: string;
      /** When the `latest` version was published (the packument's `time`), when the registry says. */
      latestPublishedAt?: string;
      /** The newest version published through trusted publishing (OIDC), if any. */
      trustedPublisher?: { version: string; provider: string };
      /**
       * From the small documents (quickPackageFacts.ts): `versions` holds only the latest and this
       * version, the times are unknown and the publisher is the latest's. The packument follows.
       */
      partial?: true;
    }
  | { state: 'unavailable'; error: RegistryProblem };

/** What CI may do through a trusted publisher: npm's `--allow-publish` and `--allow-stage-publish`. */
export interface TrustPermissions {
  publish: boolean;
  stage: boolean;
}

/** One trusted-publisher configuration, as the registry describes it (npm-registry-protocol.md §8.1). */
export interface TrustConfig {
  id: string;
  /** `github`, `gitlab`, `circleci`, or whatever a newer registry names. */
  provider: string;
  repository?: string;
  file?: string;
  environment?: string;
  permissions: TrustPermissions;
}

/**
 * The package's trusted publisher as this extension last read it from the registry, or set or
 * revoked it there (reading needs the maintainer's second factor, so it is never read unasked).
 */
export type TrustedPublishing =
  | { state: 'configured'; config: TrustConfig; at: number; how: 'read' | 'set' }
  | { state: 'none'; at: number; how: 'read' | 'revoked' };

/** The user's permission on the package. */
export type WriteAccess = 'write' | 'read' | 'none' | 'new-package' | 'unknown';

/** A registry answer we could not use, classified. */
export interface RegistryProblem {
  /** `not-found`: a 404 — the route or the thing is not there (an answer, not a registry that is down). */
  kind: 'offline' | 'timeout' | 'rate-limited' | 'server-error' | 'unexpected-answer' | 'unauthorized' | 'forbidden' | 'not-found';
  /** A one-line, secret-free description. */
  message: string;
  status?: number;
  retryAfterSeconds?: number;
}

/** The verdict: what pressing publish will meet. */
export type VerdictCode =
  | 'ready'
  | 'needs-otp'
  | 'needs-browser-approval'
  | 'needs-2fa'
  | 'not-logged-in'
  | 'credential-invalid'
  | 'no-write-access'
  | 'tokens-disallowed'
  | 'account-without-2fa'
  /** This version is the registry's latest: a publish went out (not an error; the next step is a bump). */
  | 'published'
  | 'version-exists'
  | 'private-package'
  | 'read-only-token'
  | 'stage-only-token'
  | 'invalid-manifest'
  | 'insecure-transport'
  | 'unknown';

export interface PublishVerdict {
  code: VerdictCode;
  /** True for every code that stops a publish. */
  blocked: boolean;
  /** One sentence: why. */
  reason: string;
  /** What fixes it, when a command can. */
  fix?: CommandFix;
}

/** The whole status of one package. */
export interface PublishAuthStatus {
  package: PackageInfo;
  registry?: RegistryTarget;
  configuredCredential: ConfiguredCredential;
  credential?: CredentialFacts;
  accountTwoFactor: AccountTwoFactor;
  /** Undefined means unknown: the registry then picks the challenge (verdict `needs-2fa`). */
  twoFactorMethod?: TwoFactorMethod;
  /** Where the method comes from: npm never reveals it, so the user declares it or a challenge showed it. */
  twoFactorMethodSource?: TwoFactorMethodSource;
  packageFacts?: PackageFacts;
  writeAccess: WriteAccess;
  publishingAccess: PublishingAccess;
  verdict: PublishVerdict;
  /** The trusted publisher, when this extension has read or set it (the packument's evidence is in packageFacts). */
  trustedPublishing?: TrustedPublishing;
  /** When the registry facts were fetched. */
  checkedAt?: number;
  /**
   * The one-way fingerprint of registry + credential the facts were learned with: a stale status is
   * kept only for the same credential, never shown for another account.
   */
  credentialKey?: string;
  /** Set when the last refresh failed and the facts above are from an earlier one. */
  stale?: { since: number; problem: RegistryProblem };
  /** Problems with local config (unset variables, unreadable .npmrc), secret-free. */
  configProblems: string[];
  /** Restricted Mode: the folder's npm settings were only partly applied; the names of those left out. */
  restricted?: { ignored: string[] };
  /** The credential was withheld from the registry requests, and why (a blocker of its own). */
  transportRisk?: TransportRisk;
  /** The CI tokens created here, for their expiry reminders (src/core/present/ciTokenReminders.ts). */
  ciTokens?: readonly RememberedCiToken[];
}

export type ReminderStage = '7d' | '1d' | 'expired';

/** A CI token created here, remembered for its expiry reminders: never the token nor its key. */
export interface RememberedCiToken {
  /**
   * The registry's host (with port), for the words: not its URL nor nerf-dart, which may hold a
   * token in their path (Gemfury's `https://npm.fury.io/TOKEN/`), and globalState is plain text.
   */
  registry: string;
  name: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** The stages already announced, persisted so that a restart does not repeat them. */
  announced: ReminderStage[];
}
