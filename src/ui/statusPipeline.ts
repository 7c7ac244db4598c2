// Runs the core pipeline for one package with what the editor knows: the user's npm, the folder's
// trust, our settings and stored answers. A newer run aborts the one in flight rather than waiting
// for its answers; an explicit refresh or an expiry makes the next run ask about the account again.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PublishAuthStatus } from '../core/base/model';
import type { NpmInstallation } from '../core/status/npmInstallation';
import type { AccountFactsCache } from '../core/status/registryFacts';
import type { PackageFactsCache } from '../core/status/packageFactsCache';
import { Disposable } from './disposable';
import { loadPipeline } from './lazyModules';
import type { Logger } from './log';
import type { StateStore } from './stateStore';
import { declaredMode, declaredRegistryKinds, secondFactorOf } from './statusSettings';
import { currentWorkspaceTrust } from './workspaceTrust';

export class StatusPipeline extends Disposable {
  /** The running refresh's requests. */
  private inFlight: AbortController | undefined;
  private accountCache: AccountFactsCache | undefined;
  /** Each package's facts with the packument's validators: a refresh of an unchanged package costs a 304. */
  private packageCache: PackageFactsCache | undefined;
  private revalidateAccount = false;

  constructor(
    private readonly store: StateStore,
    private readonly npmInstallation: () => Promise<NpmInstallation>,
    private readonly log: Logger,
    /** Set for the shown package: its first status comes from the small documents, then this asks again (quickPackageFacts.ts). */
    private readonly onRefined?: () => void,
  ) {
    super();
    this.register({ dispose: () => this.inFlight?.abort() });
  }

  /** The next run asks the registry about the account again, whatever its cache holds. */
  revalidate(): void {
    this.revalidateAccount = true;
  }

  /** A newer run is coming: the one in flight stops asking. */
  abort(): void {
    this.inFlight?.abort();
  }

  /** The status of the package; undefined when a newer run superseded this one (or the owner went away). */
  async compute(manifest: string, previous: PublishAuthStatus | undefined): Promise<PublishAuthStatus | undefined> {
    if (this.isDisposed) return undefined;
    const started = Date.now();
    const inFlight = (this.inFlight = new AbortController());
    // Required on the first refresh, after the first paint: npm's config libraries are a bundle of their own.
    const [{ computeStatus, AccountFactsCache, PackageFactsCache, readCiTokens }, npm] = await Promise.all([Promise.resolve().then(loadPipeline), this.npmInstallation()]);
    const revalidate = this.revalidateAccount;
    this.revalidateAccount = false;
    const status = await computeStatus(
      {
        packageFolder: path.dirname(manifest),
        previousPackage: previous?.package,
        previous,
        config: { env: process.env, npmPath: npm.npmPath, globalconfig: npm.globalconfig, workspaceTrust: currentWorkspaceTrust() },
        publishingAccess: (registry, name) => ({ ...this.store.publishingAccess(registry, name), declared: declaredMode(name, vscode.Uri.file(path.dirname(manifest))) }),
        loggedInAt: (registry, masked) => this.store.loggedInAt(registry, masked),
        trustedPublishing: (registry, name) => this.store.trustedPublishing(registry, name),
        accountCache: { cache: (this.accountCache ??= new AccountFactsCache()), revalidate },
        packageCache: (this.packageCache ??= new PackageFactsCache()),
        twoFactorMethod: (registry, username) => secondFactorOf(this.store, registry, username),
        registryKinds: declaredRegistryKinds(),
        // After dispose the scheduler asks nothing (RefreshScheduler.request).
        onPackageFactsRefined: this.onRefined,
        signal: inFlight.signal,
        now: Date.now(),
      },
      vscode.l10n.t,
    );
    if (inFlight.signal.aborted) {
      // Superseded: its answers are partial, and the newer refresh (which runs next) keeps the revalidation.
      this.revalidateAccount ||= revalidate;
      this.log.info(`${path.basename(path.dirname(manifest))}: refresh superseded by a newer one`);
      return undefined;
    }
    this.log.info(
      `${status.package.name ?? path.basename(path.dirname(manifest))}: ${status.verdict.code}` +
        `${status.stale ? ` (stale: ${status.stale.problem.message})` : ''} in ${Date.now() - started} ms`,
    );
    // The tooltip's CI token line reads them at its own time (ciTokenReminders.ts ciTokensSentence).
    return { ...status, ciTokens: readCiTokens(this.store.ciTokens()) };
  }
}
