import * as vscode from 'vscode';
import { renderDetailsReport } from '../../core/detailsReport';
import type { PublishAuthStatus } from '../../core/model';

/** Opens the whole status as a Markdown document (secrets redacted), ready to paste into a bug report. */
export async function showDetails(status: PublishAuthStatus | undefined): Promise<void> {
  const content = status
    ? renderDetailsReport(status, Date.now(), vscode.l10n.t)
    : `# ${vscode.l10n.t('npm Publish Auth')}\n\n${vscode.l10n.t('No package.json in this workspace, or the status is still being checked.')}\n`;
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(doc, { preview: true });
}
