import * as path from 'node:path';
import * as vscode from 'vscode';
import { actionsFor } from '../../core/statusActions';
import type { PublishAuthStatus } from '../../core/model';
import { inert, plain } from '../../core/text';
import type { PackageTracker } from '../packageTracker';

type Item = vscode.QuickPickItem & { run: () => unknown };

/** The status item's click: the actions that fit the state, best first, and a package switcher. */
export async function showStatusMenu(status: PublishAuthStatus | undefined, tracker: PackageTracker): Promise<void> {
  const items: Item[] = (status ? actionsFor(status, vscode.l10n.t) : []).map((action) => ({
    label: action.label,
    description: action.description,
    run: () => vscode.commands.executeCommand(action.command),
  }));
  const publishable = await tracker.publishable();
  if (publishable.length > 1) {
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator, run: () => undefined });
    items.push({
      label: `$(package) ${vscode.l10n.t('Switch Package…')}`,
      run: () => pickPackage(publishable, tracker),
    });
  }
  const picked = await vscode.window.showQuickPick(items, { placeHolder: status && plain(status.verdict.reason), title: vscode.l10n.t('npm Publish Auth') });
  await picked?.run();
}

async function pickPackage(manifests: string[], tracker: PackageTracker): Promise<void> {
  const items = manifests.map((manifest) => ({
    // Folder names are data too: quick pick labels expand `$(icon)`.
    label: inert(path.basename(path.dirname(manifest))),
    description: inert(vscode.workspace.asRelativePath(manifest)),
    manifest,
  }));
  const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Which package should the status show?') });
  if (picked) tracker.pick(picked.manifest);
}
