// Keeps the status of the current package up to date and on screen. It only wires the parts: the
// watchers and timers ask the scheduler for refreshes, a refresh runs the pipeline for the tracked
// package, and the result is rendered, announced and published to listeners.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PublishAuthStatus } from '../core/base/model';
import { locateNpm, type NpmInstallation } from '../core/status/npmInstallation';
import { Disposable } from './disposable';
import { ExpiryAnnouncer } from './expiryAnnouncer';
import type { Logger } from './log';
import { PackageTracker } from './packageTracker';
import { RefreshScheduler } from './refreshScheduler';
import { RefreshWatchers } from './refreshWatchers';
import type { StateStore } from './stateStore';
import { StatusPipeline } from './statusPipeline';
import { StatusRenderer } from './statusRenderer';
import { StatusTimers } from './statusTimers';

const DEBOUNCE_MS = 300;

export class StatusController extends Disposable {
  private readonly renderer = this.register(new StatusRenderer());
  readonly item = this.renderer.item;
  readonly tracker = this.register(
    new PackageTracker((limit) => this.log.warn(`the workspace has more than ${limit} package.json files; only the first ${limit} are offered in the package menu`)),
  );
  private readonly pipeline: StatusPipeline;
  private readonly scheduler: RefreshScheduler;
  private readonly announcer = new ExpiryAnnouncer();
  private readonly timers: StatusTimers;
  private readonly statuses = new Map<string, PublishAuthStatus>();
  private currentManifest: string | undefined;
  private npm: Promise<NpmInstallation> | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<PublishAuthStatus | undefined>());
  readonly onDidChangeStatus = this.changed.event;

  /** Statuses of the packages not shown, for the switcher: a pipeline of its own, so it never supersedes the shown one. */
  private others: StatusPipeline | undefined;

  constructor(private readonly store: StateStore, private readonly log: Logger) {
    super();
    const npm = () => this.npmInstallation();
    // A package's first status may come from the registry's small documents; its packument, read behind
    // them, then shows the rest (publication times, every version) with one more refresh, of whichever
    // package is shown by then (another one's costs a request or two, never a wrong status).
    this.pipeline = this.register(new StatusPipeline(store, npm, log, () => this.scheduler.request({ urgent: true })));
    this.scheduler = this.register(new RefreshScheduler(() => this.refreshCurrent(), DEBOUNCE_MS, () => this.pipeline.abort()));
    const requests = { request: () => this.scheduler.request(), revalidateAndRequest: () => this.revalidateAndRequest() };
    this.register(this.tracker.onDidChange(requests.request));
    this.register(new RefreshWatchers(requests, npm, () => this.status, log));
    this.timers = this.register(new StatusTimers({
      expired: () => (this.pipeline.revalidate(), this.scheduler.request({ urgent: true, immediate: true })),
      retry: requests.request,
    }, log));
  }

  /** Starts watching; the first refresh runs right after (no network or file reads before this). */
  start(): void {
    // The scan's change event asks for a debounced refresh; the first one need not wait the debounce.
    void this.tracker.rescan().then(() => this.scheduler.request({ immediate: true }));
  }

  get status(): PublishAuthStatus | undefined {
    return this.currentManifest ? this.statuses.get(this.currentManifest) : undefined;
  }

  /** The last status of a package, or (for one never checked) its status now. */
  async statusOf(manifest: string): Promise<PublishAuthStatus | undefined> {
    const known = this.statuses.get(manifest);
    if (known) return known;
    const status = await this.othersPipeline().compute(manifest, undefined).catch(() => undefined);
    if (status && !this.statuses.has(manifest)) this.statuses.set(manifest, status);
    return status;
  }

  /**
   * A package's status now (the packages view): the shown package's from a refresh of its own (the
   * status item shows it too); another's is computed again. Throws what the computation throws.
   */
  async check(manifest: string): Promise<PublishAuthStatus | undefined> {
    if (manifest === this.currentManifest && this.status) {
      // Its refresh may be pending (a change just seen) or missed (a watcher that did not tell): one now.
      await this.scheduler.refreshNow();
      return this.status;
    }
    const status = await this.othersPipeline().compute(manifest, this.statuses.get(manifest));
    if (status) this.statuses.set(manifest, status);
    return status;
  }

  /** The next status computed for a package not shown asks the registry about the account again. */
  revalidateOthers(): void {
    this.others?.revalidate();
  }

  private othersPipeline(): StatusPipeline {
    return (this.others ??= this.register(new StatusPipeline(this.store, () => this.npmInstallation(), this.log)));
  }

  /** Whether the item is on screen (hidden when the workspace has no package.json). */
  get itemVisible(): boolean {
    return this.renderer.itemVisible;
  }

  refresh(): Promise<void> {
    this.pipeline.revalidate();
    return this.scheduler.refreshNow();
  }

  whenIdle(): Promise<void> {
    return this.scheduler.whenIdle();
  }

  /** The user's npm, found once: its builtin and global config, and the executable the actions run. */
  npmInstallation(): Promise<NpmInstallation> {
    return (this.npm ??= locateNpm(process.env));
  }

  private revalidateAndRequest(): void {
    this.pipeline.revalidate();
    this.scheduler.request();
  }

  private async refreshCurrent(): Promise<void> {
    let manifest: string | undefined;
    try {
      manifest = await this.tracker.current();
    } catch (error) {
      // Finding the package failed (the workspace could not be searched): say so rather than show nothing.
      const message = error instanceof Error ? error.message : String(error);
      this.log.error(`finding the package failed: ${message}`);
      this.renderer.failure(undefined, message);
      return;
    }
    if (this.isDisposed) return;
    this.currentManifest = manifest;
    if (!manifest) {
      this.renderer.hidden();
      this.changed.fire(undefined);
      return;
    }
    const previous = this.statuses.get(manifest);
    this.renderer.refreshing(previous?.package.name);
    let status: PublishAuthStatus | undefined;
    try {
      status = await this.pipeline.compute(manifest, previous);
      if (!status) return; // superseded: the newer refresh runs next
      this.statuses.set(manifest, status);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.error(`refresh failed: ${message}`);
      if (this.currentManifest !== manifest) return;
      if (previous) this.renderer.status(previous, await this.namePackage());
      else this.renderer.failure(path.basename(path.dirname(manifest)), message);
      return;
    }
    if (this.currentManifest !== manifest) return; // a newer request moved on to another package
    const namePackage = await this.namePackage();
    if (this.currentManifest !== manifest || this.isDisposed) return;
    this.renderer.status(status, namePackage);
    this.announcer.announce(status);
    this.timers.schedule(status);
    this.changed.fire(status);
  }

  /** The item names the package when the workspace has more than one it could be about. */
  private async namePackage(): Promise<boolean> {
    return (await this.tracker.publishablePackages()).length > 1;
  }
}
