// "Remove Credential from Project .npmrc": the fix while a project's .npmrc holds the credential npm
// uses, which hides any login or token in the user's .npmrc. The line is removed as an editor edit
// (Undo brings it back; every other byte stays), after a confirmation that shows the file at that line.
// Nothing is revoked: the token may belong to someone else who shares this repository.
import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';
import { removeNpmrcValue } from '../../core/account/npmrcEdit';
import { registryHost } from '../../core/base/text';
import { projectPlace, shadowingOf } from '../../core/status/shadowing';
import type { ActionContext } from '../actionContext';
import type { PackageTarget } from '../createCommand';
import { tell } from '../notify';

export async function removeProjectCredential(context: ActionContext, { status }: PackageTarget): Promise<void> {
  const t = vscode.l10n.t;
  const credential = status.configuredCredential;
  const shadowing = shadowingOf(credential);
  if (credential.type === 'none' || shadowing?.where !== 'project') {
    tell(context, 'info', t('npm takes no credential for this package from a project .npmrc.'));
    return;
  }
  // The repository chose this path: never edit through a link to a file outside it.
  const stat = await fs.lstat(shadowing.file).catch(() => undefined);
  if (!stat?.isFile()) {
    tell(context, 'error', t('{0} is not a plain file (a link or missing), so it is not changed; edit it yourself.', shadowing.file));
    return;
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(shadowing.file));
  const line = Math.max((shadowing.line ?? 1) - 1, 0);
  await vscode.window.showTextDocument(document, { selection: document.lineAt(Math.min(line, document.lineCount - 1)).range, preview: false });
  const host = registryHost(status.registry?.url ?? '');
  const go = t('Remove Line');
  const choice = await context.prompts().confirm(
    t('Remove the credential for {0} from {1}?', host, projectPlace(shadowing, status.package, t)),
    t('npm then uses the credential in your user .npmrc, where Log In and Generate Token write. The token is not revoked. Undo brings the line back.'),
    go,
  );
  if (choice !== go) return;
  const text = document.getText();
  const updated = removeNpmrcValue(text, credential.source.key);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(text.length)), updated);
  if (updated === text || !(await vscode.workspace.applyEdit(edit)) || !(await document.save())) {
    tell(context, 'error', t('{0} could not be changed.', shadowing.file));
    return;
  }
  context.log.info(`removed the credential for ${host} from ${shadowing.file}`);
  await context.afterAction();
}
