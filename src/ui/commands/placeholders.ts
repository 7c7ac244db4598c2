// Commands whose flows are still being built say so honestly, and point to what works today.
import * as vscode from 'vscode';

export async function notYetAvailable(title: string, workaround: string): Promise<void> {
  await vscode.window.showInformationMessage(
    vscode.l10n.t('"{0}" is not available in this version yet. {1}', title, workaround),
  );
}
