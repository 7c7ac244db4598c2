import * as vscode from 'vscode';
import { actionsFor, menuTitle } from '../../core/present/statusActions';
import type { PublishAuthStatus } from '../../core/base/model';
import { inert } from '../../core/base/text';
import type { PackageTracker } from '../packageTracker';

type Item = vscode.QuickPickItem & { run: () => unknown };

/**
 * The status item's click (and "npm: Show Publish Auth Menu"): the verdict as the title, its fix
 * first with the reason under it, then the usual actions and a package switcher.
 */
export async function showStatusMenu(status: PublishAuthStatus | undefined, tracker: PackageTracker): Promise<void> {
  const items: Item[] = (status ? actionsFor(status, vscode.l10n.t) : []).map((action) => ({
    label: action.label,
    description: action.description,
    detail: action.detail,
    run: () => vscode.commands.executeCommand(action.command),
  }));
  const packages = await tracker.publishablePackages();
  if (packages.length > 1) {
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator, run: () => undefined });
    items.push({
      label: `$(package) ${vscode.l10n.t('Switch Package…')}`,
      run: () => pickPackage(tracker, status?.package.manifestPath),
    });
  }
  const title = status ? menuTitle(status, vscode.l10n.t) : vscode.l10n.t('npm Publish Auth');
  const picked = await vscode.window.showQuickPick(items, { title });
  await picked?.run();
}

/** Package names by name, the folder beside each, the one shown now marked. */
async function pickPackage(tracker: PackageTracker, shownManifest: string | undefined): Promise<void> {
  const items = (await tracker.publishablePackages()).map((entry) => {
    const current = entry.manifest === shownManifest;
    return {
      // Names and folders are data: quick pick labels and descriptions expand `$(icon)`.
      label: `${current ? '$(check)' : '$(blank)'} ${inert(entry.name)}`,
      description: current ? `${inert(entry.folder)} · ${vscode.l10n.t('shown now')}` : inert(entry.folder),
      manifest: entry.manifest,
    };
  });
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Which package should the status show?'), matchOnDescription: true });
  if (picked) tracker.pick(picked.manifest);
}
