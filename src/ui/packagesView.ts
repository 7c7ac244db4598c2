// The packages view: every package.json of the workspace, one row each, with the status item's
// model and words (core/workspace/packageRow.ts). Incremental: a changed package.json is read again
// alone and redraws its own row; the statuses are computed in the background, a few at a time, while
// the view is visible (or a release needs them), and the shown package's status is taken as it comes.
import * as vscode from 'vscode';
import type { PublishAuthStatus } from '../core/base/model';
import { username } from '../core/present/sentences';
import { attentionBadge, presentPackageRow, type PackageRow } from '../core/workspace/packageRow';
import { isPublishable } from '../core/status/packageManifest';
import { needsStatus, WorkspacePackages, type WorkspacePackage } from '../core/workspace/workspacePackages';
import { Disposable } from './disposable';
import type { Logger } from './log';
import { readManifestText } from './packageTracker';
import type { StatusController } from './statusController';

/** Statuses computed at once: each reads npm's config and asks the registry a request or two. */
const CONCURRENCY = 4;

export interface PackagesViewDeps {
  controller: StatusController;
  treeView: vscode.TreeView<unknown>;
  log: Logger;
  /** Redraws one row, or (undefined) the whole list. */
  fire(element: WorkspacePackage | undefined): void;
}

export class PackagesView extends Disposable {
  readonly packages = new WorkspacePackages({ read: readManifestText });
  private readonly rows = new Map<string, { revision: number; row: PackageRow }>();
  private synced: Promise<void>;
  private running = 0;
  /** Manifests a release waits for, checked before the rest. */
  private readonly urgent = new Set<string>();
  private readonly waiters = new Map<string, (() => void)[]>();
  private readonly checking = new Set<string>();
  private lastAccount: string | undefined;

  constructor(private readonly deps: PackagesViewDeps) {
    super();
    const { controller, treeView } = deps;
    this.synced = this.sync();
    this.register(controller.tracker.onDidChange(({ manifestChanged }) => void (manifestChanged ? this.reread(manifestChanged) : this.resync())));
    this.register(controller.onDidChangeStatus((status) => status && this.takeShownStatus(status)));
    this.register(treeView.onDidChangeVisibility(() => this.pump()));
  }

  async getChildren(element: unknown): Promise<WorkspacePackage[]> {
    if (element) return [];
    await this.synced;
    return [...this.packages.list()];
  }

  getTreeItem(element: unknown): vscode.TreeItem {
    const pkg = element as WorkspacePackage;
    const row = this.rowOf(pkg);
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.id = pkg.manifest;
    item.description = row.description;
    item.resourceUri = vscode.Uri.file(pkg.manifest);
    const tooltip = new vscode.MarkdownString(row.tooltip, true);
    // Only the row's own fix may run from its tooltip.
    tooltip.isTrusted = row.fix ? { enabledCommands: [row.fix.command] } : false;
    item.tooltip = tooltip;
    const color = SEVERITY_COLOR[row.severity];
    item.iconPath = new vscode.ThemeIcon(row.icon, color ? new vscode.ThemeColor(color) : undefined);
    item.accessibilityInformation = { label: row.accessibilityLabel };
    item.contextValue = row.contextValue;
    item.command = { command: 'vscode.open', title: vscode.l10n.t('Open package.json'), arguments: [vscode.Uri.file(pkg.manifest)] };
    return item;
  }

  /** For in-host tests: the rows as drawn, once every publishable package has its status. */
  async settledRows(): Promise<{ rows: (PackageRow & { manifest: string })[]; badge: number | undefined }> {
    await this.synced;
    await this.statusesOf(this.packages.list().filter((p) => isPublishable(p.info)).map((p) => p.manifest));
    return { rows: this.packages.list().map((p) => ({ ...this.rowOf(p), manifest: p.manifest })), badge: this.deps.treeView.badge?.value };
  }

  /** Looks for package.json files again and asks for every status again (the view's Refresh). */
  async refreshAll(): Promise<void> {
    await this.deps.controller.tracker.rescan();
    await this.rereadAll();
    this.dropStatuses();
    void this.deps.controller.refresh(); // the shown package's status comes back through takeShownStatus
  }

  private dropStatuses(): void {
    this.packages.dropStatuses();
    this.deps.controller.revalidateOthers();
    this.redrawAll();
  }

  /** The statuses of these manifests, computed first if need be (a release waits for them). */
  async statusesOf(manifests: readonly string[]): Promise<Map<string, PublishAuthStatus>> {
    await this.synced;
    const pending = manifests.filter((m) => {
      const pkg = this.packages.get(m);
      return pkg && needsStatus(pkg);
    });
    await Promise.all(pending.map((m) => new Promise<void>((resolve) => {
      this.urgent.add(m);
      this.waiters.set(m, [...(this.waiters.get(m) ?? []), resolve]);
      this.pump();
    })));
    return new Map(manifests.flatMap((m) => {
      const status = this.packages.get(m)?.status;
      return status ? [[m, status] as const] : [];
    }));
  }

  /** Reads every package.json again (a release starts from the files as they are, whatever a watcher missed). */
  rereadAll(): Promise<void> {
    return (this.synced = this.synced.then(() => this.sync(true)));
  }

  /** Shows what a release does with a package in its row; undefined when it is done. */
  setActivity(manifest: string, activity: string | undefined): void {
    const pkg = this.packages.get(manifest);
    if (!pkg) return;
    pkg.activity = activity;
    pkg.revision++;
    this.deps.fire(pkg);
  }

  /** After a publish, these packages' statuses are asked for again. */
  recheck(manifests: readonly string[]): void {
    for (const pkg of this.packages.dropStatuses(manifests)) this.deps.fire(pkg);
    this.updateBadge();
    this.pump();
  }

  private async sync(rereadAll = false): Promise<void> {
    await this.packages.sync(this.deps.controller.tracker.all, rereadAll);
    for (const manifest of this.rows.keys()) if (!this.packages.get(manifest)) this.rows.delete(manifest);
    this.redrawAll();
  }

  private resync(): void {
    this.synced = this.synced.then(() => this.sync());
  }

  private async reread(manifest: string): Promise<void> {
    await this.synced;
    const changed = await this.packages.reread(manifest);
    if (!changed || this.isDisposed) return;
    this.deps.fire(changed.entry);
    this.updateBadge();
    // The shown package's status comes from its own refresh (takeShownStatus).
    if (changed.statusDropped && manifest !== this.deps.controller.status?.package.manifestPath) this.pump();
  }

  private takeShownStatus(status: PublishAuthStatus): void {
    // Another credential (a login, a logout, a new token) changes every verdict: ask again for all.
    const account = JSON.stringify([status.registry?.url, status.configuredCredential.type, status.credential?.kind, username(status.credential)]);
    const accountChanged = this.lastAccount !== undefined && account !== this.lastAccount;
    this.lastAccount = account;
    if (accountChanged) this.dropStatuses();
    void this.accept(status).then((pkg) => {
      if (pkg && !this.isDisposed) {
        this.deps.fire(pkg);
        this.updateBadge();
      }
    });
  }

  /**
   * Records a status; one of the file as it is now while the list read it before (a file watcher
   * missed a change: seen in the test host) makes the list read the file again first.
   */
  private async accept(status: PublishAuthStatus): Promise<WorkspacePackage | undefined> {
    const manifest = status.package.manifestPath;
    const taken = this.packages.setStatus(manifest, { status });
    if (taken || !this.packages.get(manifest)) return taken;
    await this.packages.reread(manifest);
    return this.packages.setStatus(manifest, { status });
  }

  /** Starts status computations while there is room and a reason: the view is visible, or a release waits. */
  private pump(): void {
    while (this.running < CONCURRENCY && !this.isDisposed) {
      const next = this.nextToCheck();
      if (!next) return;
      this.running++;
      void this.check(next).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private nextToCheck(): WorkspacePackage | undefined {
    for (const manifest of this.urgent) {
      this.urgent.delete(manifest);
      const pkg = this.packages.get(manifest);
      if (pkg && this.checking.has(manifest)) continue; // its waiters are told when that check ends
      if (pkg && !pkg.status) return this.claim(pkg);
      this.resolveWaiters(manifest);
    }
    if (!this.deps.treeView.visible) return undefined;
    const next = this.packages.unchecked().find((p) => !this.checking.has(p.manifest));
    return next && this.claim(next);
  }

  private claim(pkg: WorkspacePackage): WorkspacePackage {
    this.checking.add(pkg.manifest);
    return pkg;
  }

  private async check(pkg: WorkspacePackage): Promise<void> {
    const { manifest } = pkg;
    try {
      const status = await this.deps.controller.check(manifest);
      const taken = status && (await this.accept(status));
      // Never the same check again at once: that would loop while the file and the list disagree.
      if (!taken) this.packages.setStatus(manifest, { failure: status ? vscode.l10n.t('package.json changed while it was checked; Refresh to check it again') : vscode.l10n.t('no status') });
    } catch (error) {
      this.deps.log.warn(`${manifest}: the status could not be checked: ${error instanceof Error ? error.message : String(error)}`);
      this.packages.setStatus(manifest, { failure: error instanceof Error ? error.message : String(error) });
    } finally {
      this.checking.delete(manifest);
    }
    if (this.isDisposed) return;
    this.deps.fire(pkg);
    this.updateBadge();
    this.resolveWaiters(manifest);
  }

  private resolveWaiters(manifest: string): void {
    for (const resolve of this.waiters.get(manifest) ?? []) resolve();
    this.waiters.delete(manifest);
  }

  private redrawAll(): void {
    if (this.isDisposed) return;
    this.deps.fire(undefined);
    this.updateBadge();
    this.pump();
  }

  private rowOf(pkg: WorkspacePackage): PackageRow {
    const cached = this.rows.get(pkg.manifest);
    if (cached?.revision === pkg.revision) return cached.row;
    const row = presentPackageRow(pkg, Date.now(), vscode.l10n.t);
    this.rows.set(pkg.manifest, { revision: pkg.revision, row });
    return row;
  }

  private updateBadge(): void {
    this.deps.treeView.badge = attentionBadge(this.packages.list().map((p) => this.rowOf(p)), vscode.l10n.t);
  }
}

const SEVERITY_COLOR: Record<PackageRow['severity'], string | undefined> = {
  none: undefined,
  warning: 'problemsWarningIcon.foreground',
  error: 'problemsErrorIcon.foreground',
};
