// One refresh of one package: package.json → npm config → registry facts → publishing access → verdict.
// Editor-free, so the whole pipeline runs (and is tested) in plain Node against the local registry.
import type { Localize } from '../base/localize';
import type { PackageInfo, PublishAuthStatus, TrustedPublishing, TwoFactorMethod, TwoFactorMethodSource } from '../base/model';
import { resolvePublishConfig, type NpmConfigInputs } from './npmConfig';
import { manifestProblem } from './manifestValidity';
import { readPackageManifest } from './packageManifest';
import { withoutCredentials } from './repositoryTrust';
import { inferPublishingAccess, type PublishingAccessEvidence } from './publishingAccess';
import { fetchRegistryFacts, isRegistryDown, type AccountFactsCache, type RegistryFacts } from './registryFacts';
import type { PackageFactsCache } from './packageFactsCache';
import { decideVerdict } from './verdict';
import { registryFamily } from '../base/registries';

export interface StatusRequest {
  packageFolder: string;
  /** The last good parse, kept while package.json is mid-edit. */
  previousPackage?: PackageInfo;
  config: Omit<NpmConfigInputs, 'packageFolder'>;
  /** What we know of the publishing access besides the registry (our own settings, declarations). */
  publishingAccess: (registryUrl: string, packageName: string) => Omit<PublishingAccessEvidence, 'packageFacts'>;
  /** The account's second factor, if known: learned from a registry answer, else declared by the user. */
  twoFactorMethod?: (registryUrl: string, username: string) => { method: TwoFactorMethod; source: TwoFactorMethodSource } | undefined;
  /** The trusted publisher as this extension last read or set it, if it did. */
  trustedPublishing?: (registryUrl: string, packageName: string) => TrustedPublishing | undefined;
  /** When this extension logged in with the token of this registry (masked), if it did. */
  loggedInAt: (registryUrl: string, maskedToken: string) => number | undefined;
  /** Account answers shared across packages; `revalidate` asks the registry again (an explicit refresh). */
  accountCache?: { cache: AccountFactsCache; revalidate?: boolean };
  /** Package facts held with their ETag / Last-Modified: an unchanged packument is not downloaded again. */
  packageCache?: PackageFactsCache;
  /**
   * The previous status of the same package: its facts stay, marked stale, when the registry fails —
   * only for the same registry, package name and credential.
   */
  previous?: PublishAuthStatus;
  /** Aborted by a newer refresh; the refresh also has its own overall deadline. */
  signal?: AbortSignal;
  /** The overall deadline of the registry requests (headers and bodies); a default applies. */
  timeoutMs?: number;
  /**
   * Show a package not read yet from the registry's small documents first; called once its packument,
   * read behind them, is ready for the next refresh (quickPackageFacts.ts). Needs `packageCache`.
   */
  onPackageFactsRefined?: () => void;
  /** The user's declarations of what kind each registry URL is (`npmPublishAuth.registryKinds`). */
  registryKinds?: Readonly<Record<string, unknown>>;
  now: number;
}

export async function computeStatus(request: StatusRequest, localize: Localize): Promise<PublishAuthStatus> {
  const read = await readPackageManifest(request.packageFolder, request.previousPackage);
  // npm trims whitespace around the name before it checks or publishes it.
  const name = read.name?.trim() ? read.name.trim() : read.name;
  const pkg = { ...read, name, invalid: read.parseError ? undefined : manifestProblem({ ...read, name }) };
  const config = await resolvePublishConfig({ ...request.config, packageFolder: request.packageFolder }, pkg);
  const configProblems = [...config.configProblems];
  if (pkg.parseError) configProblems.unshift(pkg.parseError);

  const registry = { ...config.registry, family: registryFamily(config.registry.url, request.registryKinds) };
  const base = {
    package: pkg,
    registry,
    configuredCredential: config.credential,
    configProblems,
    credentialKey: config.credentialKey,
    trustedPublishing: pkg.name ? request.trustedPublishing?.(config.registry.url, pkg.name) : undefined,
    ...(config.restricted && { restricted: config.restricted }),
    ...(config.transportRisk && { transportRisk: config.transportRisk }),
  };
  const evidence = pkg.name ? request.publishingAccess(config.registry.url, pkg.name) : {};

  let facts: RegistryFacts | undefined;
  if (pkg.name && !pkg.invalid) {
    // A credential that must not travel as configured stays home: the package is still looked up.
    const withheld = config.transportRisk !== undefined;
    facts = await fetchRegistryFacts({
      packageName: pkg.name,
      registryUrl: config.registry.url,
      registryFamily: registry.family,
      credential: withheld ? { type: 'none' } : config.credential,
      secretFetchOptions: withheld ? withoutCredentials(config.fetchOptions) : config.fetchOptions,
      loggedInAt: config.credential.type === 'token' ? request.loggedInAt(config.registry.url, config.credential.masked) : undefined,
      // Not shared while withheld: the empty account answers would stand for this credential's once it may travel.
      accountCache: withheld ? undefined : request.accountCache && { ...request.accountCache, credentialKey: config.credentialKey },
      // Not held while withheld either: the answer was asked without the credential its key names.
      packageCache: withheld || !request.packageCache ? undefined : { cache: request.packageCache, credentialKey: config.credentialKey },
      quick: request.onPackageFactsRefined && pkg.version ? { version: pkg.version, refined: request.onPackageFactsRefined } : undefined,
      signal: request.signal,
      timeoutMs: request.timeoutMs,
    });
  }

  const unreachable = facts?.problems.find(isRegistryDown);
  const previous = request.previous;
  const sameSubject = previous !== undefined && previous.registry?.url === config.registry.url
    && previous.package.name === pkg.name && previous.credentialKey === config.credentialKey;
  if (unreachable && previous && sameSubject && previous.checkedAt) {
    // Offline, failing or not understood: the last known facts of this package and credential stay
    // visible, marked stale, with the error. Another credential's facts are never shown: without a
    // matching previous status the facts that failed are unknown below.
    const stale = { since: previous.stale?.since ?? request.now, problem: unreachable };
    const kept = { ...previous, ...base, stale };
    return { ...kept, verdict: decideVerdict(kept, localize) };
  }

  const username = facts && 'username' in facts.credential ? facts.credential.username : undefined;
  const secondFactor = username ? request.twoFactorMethod?.(config.registry.url, username) : undefined;
  const partial = {
    ...base,
    credential: facts?.credential,
    accountTwoFactor: facts?.accountTwoFactor ?? 'unknown',
    twoFactorMethod: secondFactor?.method,
    twoFactorMethodSource: secondFactor?.source,
    packageFacts: facts?.packageFacts,
    writeAccess: facts?.writeAccess ?? 'unknown',
    publishingAccess: inferPublishingAccess({ ...evidence, packageFacts: facts?.packageFacts, registryFamily: registry.family }, localize),
    checkedAt: facts && !unreachable ? request.now : undefined,
    stale: unreachable ? { since: request.now, problem: unreachable } : undefined,
  } satisfies Omit<PublishAuthStatus, 'verdict'>;
  return { ...partial, verdict: decideVerdict(partial, localize) };
}
