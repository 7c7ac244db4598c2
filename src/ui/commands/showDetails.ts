import * as vscode from 'vscode';
import type { PublishAuthStatus } from '../../core/base/model';
import { packageSpec } from '../../core/present/sentences';
import { loadPipeline } from '../lazyModules';
import type { ReportDocuments } from '../readOnlyDocument';

/** What the details need of the status controller. */
export interface StatusSource {
  readonly status: PublishAuthStatus | undefined;
  readonly onDidChangeStatus: vscode.Event<PublishAuthStatus | undefined>;
}

let following: vscode.Disposable | undefined;

/** The whole status as Markdown (secrets redacted), ready to paste into a bug report. */
export function detailsMarkdown(status: PublishAuthStatus | undefined): string {
  return status
    // A status came from the pipeline, so its bundle (which renders the report too) is loaded already.
    ? loadPipeline().renderDetailsReport(status, Date.now(), vscode.l10n.t)
    : `# ${vscode.l10n.t('npm Publish Auth')}\n\n${vscode.l10n.t('No package.json in this workspace, or the status is still being checked.')}\n`;
}

/**
 * Opens the details as a page whose fixes are links (detailsPage.ts), titled with the whole
 * name@version; without VS Code's Markdown extension, as a read-only preview. Nothing to save on close.
 */
export async function showDetails(source: StatusSource, reports: ReportDocuments): Promise<void> {
  const { status } = source;
  // The page follows the status of its package from now on (a status exists once the pipeline ran).
  following ??= source.onDidChangeStatus((next) => next && void loadPipeline().updateDetailsPage(packageSpec(next), () => detailsMarkdown(next)));
  const title = status ? packageSpec(status) : vscode.l10n.t('npm Publish Auth');
  const markdown = detailsMarkdown(status);
  // The source stays readable as a document too (the page is a webview).
  reports.keep(title, markdown);
  if (status && (await loadPipeline().showDetailsPage(title, markdown))) return;
  await reports.show(title, markdown);
}

/** "Copy as Markdown": the rendered view cannot be selected as source, so the source goes to the clipboard. */
export async function copyDetails(status: PublishAuthStatus | undefined): Promise<void> {
  await vscode.env.clipboard.writeText(detailsMarkdown(status));
  void vscode.window.showInformationMessage(vscode.l10n.t('The npm Publish Auth details are on the clipboard, as Markdown.'));
}
