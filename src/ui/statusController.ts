// Keeps the status of the current package up to date and on screen: it decides when to refresh,
// runs the core pipeline, renders the derived presentation and announces expiries once.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AccountFactsCache } from '../core/status/registryFacts';
import type { PublishAuthStatus, PublishingAccessMode, TwoFactorMethod, TwoFactorMethodSource } from '../core/base/model';
import { locateNpm, type NpmInstallation } from '../core/status/npmInstallation';
import { retryDelayMs } from '../core/policy/retryPolicy';
import { presentFailure, presentHidden, presentRefreshing, presentStatus, type StatusPresentation } from '../core/present/presentation';
import { credentialExpiry, expiryWarning } from '../core/present/sentences';
import { ACCOUNT_FRESH_MS, SESSION_WARNING_MS, TOKEN_WARNING_MS } from '../core/base/lifetimes';
import { changesPublishAuth, refreshOnFocus } from '../core/policy/refreshTriggers';
import { Disposable } from './disposable';
import { loadPipeline } from './lazyModules';
import type { Logger } from './log';
import { PackageTracker } from './packageTracker';
import { RefreshScheduler } from './refreshScheduler';
import type { StateStore } from './stateStore';
import { createStatusItem, renderStatusItem } from './statusBar';
import { currentWorkspaceTrust } from './workspaceTrust';

const DEBOUNCE_MS = 300;
const MAX_TIMER_MS = 2 ** 31 - 1;

export class StatusController extends Disposable {
  readonly item = this.register(createStatusItem());
  readonly tracker = this.register(
    new PackageTracker((limit) => this.log.warn(`the workspace has more than ${limit} package.json files; only the first ${limit} are offered in the package menu`)),
  );
  private readonly scheduler = this.register(new RefreshScheduler(() => this.refreshCurrent(), DEBOUNCE_MS, () => this.inFlight?.abort()));
  /** The running refresh's requests; a newer refresh aborts them rather than waiting for their answers. */
  private inFlight: AbortController | undefined;
  private readonly statuses = new Map<string, PublishAuthStatus>();
  private readonly announced = new Set<string>();
  private currentManifest: string | undefined;
  private accountCache: AccountFactsCache | undefined;
  /** Set by an explicit refresh or an expiry: the next refresh asks the registry about the account again. */
  private revalidateAccount = false;
  private npm: Promise<NpmInstallation> | undefined;
  private expiryTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryAttempt = 0;
  private visible = false;
  /** What the item shows now: a refresh keeps it, with a spinner, instead of blanking it. */
  private shown: StatusPresentation | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<PublishAuthStatus | undefined>());
  readonly onDidChangeStatus = this.changed.event;

  constructor(
    private readonly store: StateStore,
    private readonly log: Logger,
  ) {
    super();
    this.register(this.tracker.onDidChange(() => this.scheduler.request()));
    this.watchConfigFiles();
    this.watchWorkspaceTrust();
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('npmPublishAuth') && this.scheduler.request()),
    );
    this.watchTerminals();
    // Back from another window after the account answers have aged: someone may have logged in elsewhere.
    this.register(vscode.window.onDidChangeWindowState((state) => {
      if (state.focused && this.status && refreshOnFocus(this.status.checkedAt, Date.now(), ACCOUNT_FRESH_MS)) this.revalidateAndRequest();
    }));
    this.register({ dispose: () => (clearTimeout(this.expiryTimer), clearTimeout(this.retryTimer), this.inFlight?.abort()) });
  }

  /** Starts watching; the first refresh runs right after (no network or file reads before this). */
  start(): void {
    // The scan's change event asks for a debounced refresh; the first one need not wait the debounce.
    void this.tracker.rescan().then(() => this.scheduler.request({ immediate: true }));
  }

  get status(): PublishAuthStatus | undefined {
    return this.currentManifest ? this.statuses.get(this.currentManifest) : undefined;
  }

  refresh(): Promise<void> {
    this.revalidateAccount = true;
    return this.scheduler.refreshNow();
  }

  whenIdle(): Promise<void> {
    return this.scheduler.whenIdle();
  }

  private revalidateAndRequest(): void {
    this.revalidateAccount = true;
    this.scheduler.request();
  }

  /**
   * A login, logout, token or publish run in an integrated terminal changes what publishing meets,
   * sometimes without touching a file we watch (a token revoked, a version published). Seen only
   * with shell integration on; without it the file watchers and the focus refresh still apply.
   */
  private watchTerminals(): void {
    this.register(vscode.window.onDidEndTerminalShellExecution((event) => {
      const commandLine = event.execution.commandLine.value;
      if (!changesPublishAuth(commandLine)) return;
      this.log.info('an npm command ended in a terminal; refreshing');
      this.revalidateAndRequest();
    }));
  }

  /** Trusting the folder applies the rest of its npm settings: the status is checked again at once. */
  private watchWorkspaceTrust(): void {
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => {
      this.log.info('the folder is trusted now; refreshing with all of its npm settings');
      this.revalidateAndRequest();
    }));
  }

  private watchConfigFiles(): void {
    const onChange = () => this.scheduler.request();
    const watch = (watcher: vscode.FileSystemWatcher) => {
      this.register(watcher);
      this.register(watcher.onDidCreate(onChange));
      this.register(watcher.onDidChange(onChange));
      this.register(watcher.onDidDelete(onChange));
    };
    watch(vscode.workspace.createFileSystemWatcher('**/.npmrc'));
    // The user and global npmrc live outside the workspace: a login in a terminal changes them.
    const env = process.env;
    const userconfig = env.NPM_CONFIG_USERCONFIG ?? env.npm_config_userconfig ?? path.join(os.homedir(), '.npmrc');
    watch(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(userconfig)), path.basename(userconfig))));
    void this.npmInstallation().then((npm) => {
      if (npm.globalconfig) {
        const { globalconfig } = npm;
        watch(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(globalconfig)), path.basename(globalconfig))));
      }
    });
  }

  /** The user's npm, found once: its builtin and global config, and the executable the actions run. */
  npmInstallation(): Promise<NpmInstallation> {
    return (this.npm ??= locateNpm(process.env));
  }

  private async refreshCurrent(): Promise<void> {
    let manifest: string | undefined;
    try {
      manifest = await this.tracker.current();
    } catch (error) {
      // Finding the package failed (the workspace could not be searched): say so rather than show nothing.
      const message = error instanceof Error ? error.message : String(error);
      this.log.error(`finding the package failed: ${message}`);
      this.render(presentFailure(undefined, message, vscode.l10n.t));
      return;
    }
    this.currentManifest = manifest;
    if (!manifest) {
      this.render(presentHidden());
      this.changed.fire(undefined);
      return;
    }
    const previous = this.statuses.get(manifest);
    this.render(presentRefreshing(this.shown, previous?.package.name, vscode.l10n.t));

    const started = Date.now();
    const inFlight = (this.inFlight = new AbortController());
    try {
      // Required on the first refresh, after the first paint: npm's config libraries are a bundle of their own.
      const [{ computeStatus, AccountFactsCache }, npm] = await Promise.all([Promise.resolve().then(loadPipeline), this.npmInstallation()]);
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
          accountCache: { cache: (this.accountCache ??= new AccountFactsCache()), revalidate },
          twoFactorMethod: (registry, username) => secondFactorOf(this.store, registry, username),
          signal: inFlight.signal,
          now: Date.now(),
        },
        vscode.l10n.t,
      );
      if (inFlight.signal.aborted) {
        // Superseded: its answers are partial, and the newer refresh (which runs next) keeps the revalidation.
        this.revalidateAccount ||= revalidate;
        this.log.info(`${path.basename(path.dirname(manifest))}: refresh superseded by a newer one`);
        return;
      }
      this.statuses.set(manifest, status);
      this.log.info(
        `${status.package.name ?? path.basename(path.dirname(manifest))}: ${status.verdict.code}` +
          `${status.stale ? ` (stale: ${status.stale.problem.message})` : ''} in ${Date.now() - started} ms`,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.error(`refresh failed: ${message}`);
      if (this.currentManifest === manifest) {
        this.render(previous
          ? await this.present(previous)
          : presentFailure(path.basename(path.dirname(manifest)), message, vscode.l10n.t));
      }
      return;
    }
    if (this.currentManifest !== manifest) return; // a newer request moved on to another package
    const status = this.statuses.get(manifest)!;
    const presentation = await this.present(status);
    if (this.currentManifest !== manifest) return;
    this.render(presentation);
    this.announceExpiry(status);
    this.scheduleExpiryRefresh(status);
    this.scheduleRetry(status);
    this.changed.fire(status);
  }

  /** Whether the item is on screen (hidden when the workspace has no package.json). */
  get itemVisible(): boolean {
    return this.visible;
  }

  /** The item names the package when the workspace has more than one it could be about. */
  private async present(status: PublishAuthStatus): Promise<StatusPresentation> {
    const namePackage = (await this.tracker.publishablePackages()).length > 1;
    return presentStatus(status, Date.now(), vscode.l10n.t, { namePackage });
  }

  private render(presentation: StatusPresentation): void {
    this.shown = presentation;
    this.visible = presentation.visible;
    renderStatusItem(this.item, presentation);
  }

  private announceExpiry(status: PublishAuthStatus): void {
    const warning = expiryWarning(status, Date.now(), vscode.l10n.t);
    if (!warning || this.announced.has(warning.id)) return;
    this.announced.add(warning.id);
    void vscode.window.showWarningMessage(warning.message);
  }

  /** While the registry is not answering, asks again on its own: when a 429 allows, else backing off. */
  private scheduleRetry(status: PublishAuthStatus): void {
    clearTimeout(this.retryTimer);
    if (!status.stale) {
      this.retryAttempt = 0;
      return;
    }
    const delay = retryDelayMs(status.stale.problem, this.retryAttempt++);
    this.log.info(`the registry is not answering; asking again in ${Math.round(delay / 1000)} s`);
    this.retryTimer = setTimeout(() => this.scheduler.request(), delay);
  }

  /** Refreshes when the credential crosses its warning threshold or expires, focused or not. */
  private scheduleExpiryRefresh(status: PublishAuthStatus): void {
    clearTimeout(this.expiryTimer);
    const expiry = credentialExpiry(status);
    if (!expiry) return;
    const warnAhead = expiry.kind === 'session' ? SESSION_WARNING_MS : TOKEN_WARNING_MS;
    const now = Date.now();
    const next = [expiry.expiresAt - warnAhead, expiry.expiresAt].find((t) => t > now);
    if (next === undefined) return;
    this.expiryTimer = setTimeout(() => {
      this.revalidateAccount = true;
      this.scheduler.request({ urgent: true, immediate: true });
    }, Math.min(next - now + 500, MAX_TIMER_MS));
  }
}

/** A challenge the registry sent is a fact, so it wins over what the user declared. */
function secondFactorOf(store: StateStore, registryUrl: string, username: string): { method: TwoFactorMethod; source: TwoFactorMethodSource } | undefined {
  const learned = store.twoFactorMethod(registryUrl, username);
  if (learned && learned !== 'unknown') return { method: learned, source: 'registry-answer' };
  const declared = declaration('twoFactorMethods', username, ['totp', 'passkey-only'] as const);
  return declared && { method: declared, source: 'declared' };
}

/** The setting is resource-scoped: a folder's settings may declare its own packages. */
function declaredMode(packageName: string, packageFolder: vscode.Uri): PublishingAccessMode | undefined {
  return declaration('declaredPublishingAccess', packageName, ['none', 'automation', 'publish'] as const, packageFolder);
}

/** A value from one of our name → value settings, if it is one the setting allows (settings.json is hand-edited). */
function declaration<T extends string>(setting: string, name: string, allowed: readonly T[], scope?: vscode.Uri): T | undefined {
  const value = vscode.workspace.getConfiguration('npmPublishAuth', scope).get<Record<string, unknown>>(setting, {})[name];
  return allowed.find((candidate) => candidate === value);
}
