// The status bar item and what it shows now. Each state is derived by src/core/present and drawn by
// statusBar.ts; this keeps the last one, so a refresh shows it with a spinner instead of blanking it.
import * as vscode from 'vscode';
import type { PublishAuthStatus } from '../core/base/model';
import { presentFailure, presentHidden, presentRefreshing, presentStatus, type StatusPresentation } from '../core/present/presentation';
import { Disposable } from './disposable';
import { createStatusItem, renderStatusItem } from './statusBar';

export class StatusRenderer extends Disposable {
  readonly item = this.register(createStatusItem());
  private shown: StatusPresentation | undefined;
  private visible = false;

  /** Whether the item is on screen (hidden when the workspace has no package.json). */
  get itemVisible(): boolean {
    return this.visible;
  }

  /** `namePackage`: the workspace has more than one package the item could be about. */
  status(status: PublishAuthStatus, namePackage: boolean): void {
    this.render(presentStatus(status, Date.now(), vscode.l10n.t, { namePackage }));
  }

  refreshing(packageName: string | undefined): void {
    this.render(presentRefreshing(this.shown, packageName, vscode.l10n.t));
  }

  /** `folderName` is undefined when not even the package could be found. */
  failure(folderName: string | undefined, message: string): void {
    this.render(presentFailure(folderName, message, vscode.l10n.t));
  }

  hidden(): void {
    this.render(presentHidden());
  }

  private render(presentation: StatusPresentation): void {
    this.shown = presentation;
    this.visible = presentation.visible;
    renderStatusItem(this.item, presentation);
  }
}
