// The fix of an insecure-transport verdict: the file and line that set the registry or weakened TLS.
import * as vscode from 'vscode';
import type { PublishAuthStatus } from '../../core/base/model';

export async function openConfigSource(status: PublishAuthStatus | undefined): Promise<void> {
  const source = status?.transportRisk?.source ?? status?.registry?.source;
  if (!source?.file) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This setting does not come from a file (the environment or npm\'s default); see Show Publish Auth Details.'));
    return;
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(source.file));
  // publishConfig keys are JSON properties; .npmrc keys start their line.
  const key = source.key.replace(/^publishConfig\./, '');
  const index = document.getText().split(/\r?\n/).findIndex((line) => line.trim().startsWith(key) || line.includes(`"${key}"`));
  const position = new vscode.Position(Math.max(index, 0), 0);
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position) });
}
