import * as vscode from 'vscode';
import type { PublishAuthStatus } from '../../core/base/model';
import { packageSpec } from '../../core/present/sentences';
import { loadPipeline, loadWorkspace } from '../lazyModules';
import type { ReportDocuments } from '../readOnlyDocument';

/** The whole status as Markdown (secrets redacted), ready to paste into a bug report. */
export function detailsMarkdown(status: PublishAuthStatus | undefined): string {
  return status
    // A status came from the pipeline, so its bundle (which renders the report too) is loaded already.
    // …and the CI checklist's (required with the first status too).
    ? loadPipeline().renderDetailsReport(status, Date.now(), vscode.l10n.t, loadWorkspace().ciChecklist(status.package.manifestPath))
    : `# ${vscode.l10n.t('npm Publish Auth')}\n\n${vscode.l10n.t('No package.json in this workspace, or the status is still being checked.')}\n`;
}

/**
 * Opens the details as a page whose fixes are links (detailsPage.ts), titled with the whole
 * name@version; without VS Code's Markdown extension, as a read-only preview. Nothing to save on close.
 */
export async function showDetails(status: PublishAuthStatus | undefined, reports: ReportDocuments): Promise<void> {
  const title = status ? packageSpec(status) : vscode.l10n.t('npm Publish Auth');
  const markdown = detailsMarkdown(status);
  // The source stays readable as a document too (the page is a webview).
  reports.keep(title, markdown);
  if (status && (await loadPipeline().showDetailsPage(title, markdown))) return;
  await reports.show(title, markdown);
}

/** Renders the page again if it shows this status's package (the extension calls it after each status and its CI checklist). */
export function refreshDetailsPage(status: PublishAuthStatus): void {
  void loadPipeline().updateDetailsPage(packageSpec(status), () => detailsMarkdown(status));
}

/** "Copy as Markdown": the rendered view cannot be selected as source, so the source goes to the clipboard. */
export async function copyDetails(status: PublishAuthStatus | undefined): Promise<void> {
  await vscode.env.clipboard.writeText(detailsMarkdown(status));
  void vscode.window.showInformationMessage(vscode.l10n.t('The npm Publish Auth details are on the clipboard, as Markdown.'));
}
