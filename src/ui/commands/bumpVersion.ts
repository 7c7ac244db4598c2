import * as vscode from 'vscode';
import { inc } from 'semver';
import { withVersion, type Release } from '../../core/publish/publishPlan';
import type { ActionContext } from '../actionContext';
import type { PackageTarget } from '../createCommand';

const RELEASES: Release[] = ['patch', 'minor', 'major', 'prerelease'];

/** "Bump Version…": patch / minor / major / prerelease, written into package.json keeping every other byte. */
/** The wrapper (createCommand.ts) runs it only for a package.json that parses and has a version. */
export async function bumpVersion(context: ActionContext, { status }: PackageTarget): Promise<void> {
  const t = vscode.l10n.t;
  const current = status.package.version!;
  const items = RELEASES.flatMap((release) => {
    const next = inc(current, release);
    return next ? [{ label: next, description: release, release }] : [];
  });
  if (items.length === 0) {
    void vscode.window.showErrorMessage(t('"{0}" is not a version npm accepts, so it cannot be bumped.', current));
    return;
  }
  const picked = await vscode.window.showQuickPick(items, { title: t('Bump {0} from {1}', status.package.name ?? '', current), placeHolder: t('New version') });
  if (!picked) return;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(status.package.manifestPath));
  const text = document.getText();
  const updated = withVersion(text, picked.label);
  if (updated === undefined) {
    void vscode.window.showErrorMessage(t('package.json has no top-level "version" string to change.'));
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(text.length)), updated);
  if (!(await vscode.workspace.applyEdit(edit)) || !(await document.save())) {
    void vscode.window.showErrorMessage(t('package.json could not be changed.'));
    return;
  }
  context.log.info(`${status.package.name}: version ${current} → ${picked.label}`);
  await context.afterAction();
}
