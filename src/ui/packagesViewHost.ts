// The packages view's place in the activation bundle: the tree view is registered at once (so the
// Explorer never says "no data provider"), and what fills it — the list, the rows, the statuses —
// is dist/workspace.js, required the first time the view or a release needs it (lazyModules.ts).
import * as vscode from 'vscode';
import type { PackagesView } from './packagesView';
import { Disposable } from './disposable';
import { loadWorkspace } from './lazyModules';
import type { Logger } from './log';
import type { StatusController } from './statusController';

export const PACKAGES_VIEW_ID = 'npmPublishAuth.packages';
const HAS_PACKAGES_CONTEXT = 'npmPublishAuth.hasPackages';

export class PackagesViewHost extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<unknown>());
  /** A row (or, undefined, the list) changed. */
  readonly onDidChange = this.changed.event;
  private view: PackagesView | undefined;
  private loading: Promise<PackagesView> | undefined;
  readonly treeView: vscode.TreeView<unknown>;

  constructor(private readonly controller: StatusController, private readonly log: Logger) {
    super();
    this.treeView = this.register(vscode.window.createTreeView<unknown>(PACKAGES_VIEW_ID, {
      treeDataProvider: {
        onDidChangeTreeData: this.changed.event,
        getChildren: async (element) => (await this.load()).getChildren(element),
        // Elements come from getChildren, so the view is loaded by then.
        getTreeItem: (element) => this.view!.getTreeItem(element),
      },
      canSelectMany: true,
    }));
    // The view shows only in a workspace with a package.json (package.json's `when`).
    this.register(controller.tracker.onDidChange(() => void vscode.commands.executeCommand('setContext', HAS_PACKAGES_CONTEXT, controller.tracker.all.length > 0)));
  }

  /** Shows the view and puts the keyboard in it (VS Code's own focus command of a view). */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${PACKAGES_VIEW_ID}.focus`);
  }

  /** The view's contents, loaded once. */
  load(): Promise<PackagesView> {
    return (this.loading ??= Promise.resolve().then(() => {
      const view = new (loadWorkspace().PackagesView)({
        controller: this.controller, treeView: this.treeView, log: this.log, fire: (element) => this.changed.fire(element),
      });
      this.view = this.register(view);
      return view;
    }));
  }
}
