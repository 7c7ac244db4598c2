import * as vscode from 'vscode';
import { COMMANDS, fixFor } from '../../core/base/commands';
import { withVersion } from '../../core/publish/publishPlan';
import { nextVersions } from '../../core/publish/versionChoice';
import type { ActionContext } from '../actionContext';
import type { PackageTarget } from '../createCommand';
import { tell } from '../notify';

/**
 * "Bump Version…": patch / minor / major / prerelease, never a version the registry has, written into
 * package.json keeping every other byte; then says what changed and offers Publish.
 * The wrapper (createCommand.ts) runs it only for a package.json that parses and has a version.
 */
export async function bumpVersion(context: ActionContext, { status }: PackageTarget): Promise<void> {
  const t = vscode.l10n.t;
  const name = status.package.name ?? 'package.json';
  const current = status.package.version!;
  // A first status from the small documents knows only the latest and this version: ask for all of them.
  const known = status.packageFacts?.state === 'published' && status.packageFacts.partial
    ? (await context.freshStatus(t('Reading the versions of {0}…', name)))?.packageFacts
    : status.packageFacts;
  const facts = known ?? { state: 'unpublished' };
  const choices = nextVersions(current, facts);
  if (choices.length === 0) {
    tell(context, 'error', t('"{0}" is not a version npm accepts, so it cannot be bumped.', current));
    return;
  }
  const latest = facts.state === 'published' ? facts.latest : undefined;
  const picked = await context.prompts().pick(
    choices.map((choice) => ({ label: choice.version, description: choice.release, version: choice.version })),
    {
      title: latest && latest !== current ? t('Bump {0} from {1} (registry latest {2})', name, current, latest) : t('Bump {0} from {1}', name, current),
      placeHolder: t('New version (versions the registry has are left out)'),
    },
  );
  if (!picked) return;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(status.package.manifestPath));
  const text = document.getText();
  const updated = withVersion(text, picked.version);
  if (updated === undefined) {
    tell(context, 'error', t('package.json has no top-level "version" string to change.'));
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(text.length)), updated);
  if (!(await vscode.workspace.applyEdit(edit)) || !(await document.save())) {
    tell(context, 'error', t('package.json could not be changed.'));
    return;
  }
  context.log.info(`${name}: version ${current} → ${picked.version}`);
  await context.afterAction();
  tell(context, 'info', t('{0} is now {1} in package.json (was {2}).', name, picked.version, current), fixFor(COMMANDS.publish.id, t));
}
