// A credential about to expire (or expired) is announced once per credential and expiry, in a
// notification: the item's warning colour alone is easy to miss.
import * as vscode from 'vscode';
import type { PublishAuthStatus } from '../core/base/model';
import { expiryWarning } from '../core/present/sentences';

export class ExpiryAnnouncer {
  private readonly announced = new Set<string>();

  announce(status: PublishAuthStatus): void {
    const warning = expiryWarning(status, Date.now(), vscode.l10n.t);
    if (!warning || this.announced.has(warning.id)) return;
    this.announced.add(warning.id);
    void vscode.window.showWarningMessage(warning.message);
  }
}
