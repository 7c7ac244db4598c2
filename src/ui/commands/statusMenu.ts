import * as vscode from 'vscode';
import { actionsFor, menuTitle } from '../../core/present/statusActions';
import type { PublishAuthStatus } from '../../core/base/model';
import { verdictIcon, verdictTitle } from '../../core/present/sentences';
import { inert } from '../../core/base/text';
import type { PackageTracker } from '../packageTracker';

type Item = vscode.QuickPickItem & { run: () => unknown };

/** What the menu needs of the status controller. */
export interface MenuSource {
  readonly status: PublishAuthStatus | undefined;
  readonly tracker: PackageTracker;
  statusOf(manifest: string): Promise<PublishAuthStatus | undefined>;
}

/**
 * The status item's click (and "npm: Show Publish Auth Menu"): the verdict as the title (said once),
 * its fix first, then the actions that can run here and a package switcher.
 */
export async function showStatusMenu(source: MenuSource): Promise<void> {
  const { status, tracker } = source;
  const items: Item[] = (status ? actionsFor(status, vscode.l10n.t) : []).map((action) => ({
    label: action.label,
    description: action.description,
    run: () => vscode.commands.executeCommand(action.command),
  }));
  const packages = await tracker.publishablePackages();
  if (packages.length > 1) {
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator, run: () => undefined });
    items.push({
      label: `$(package) ${vscode.l10n.t('Switch Package…')}`,
      run: () => pickPackage(source),
    });
  }
  const title = status ? menuTitle(status, vscode.l10n.t) : vscode.l10n.t('npm Publish Auth');
  const picked = await vscode.window.showQuickPick(items, { title });
  await picked?.run();
}

type PackageItem = vscode.QuickPickItem & { manifest: string };

/**
 * Package names by name, the folder beside each, the verdict under each: known ones at once, the
 * others checked one by one while the list is open (the list shows it is busy).
 */
async function pickPackage(source: MenuSource): Promise<void> {
  const { tracker, status: shown } = source;
  const t = vscode.l10n.t;
  const entries = await tracker.publishablePackages();
  const pick = vscode.window.createQuickPick<PackageItem>();
  pick.title = t('Which package should the status show?');
  pick.matchOnDescription = true;
  const verdicts = new Map<string, PublishAuthStatus>();
  const render = () => {
    const active = pick.activeItems[0]?.manifest;
    pick.items = entries.map((entry) => {
      const current = entry.manifest === shown?.package.manifestPath;
      const known = verdicts.get(entry.manifest);
      return {
        // Names and folders are data: quick pick labels and descriptions expand `$(icon)`.
        label: `${current ? '$(check)' : '$(blank)'} ${inert(entry.name)}`,
        description: current ? `${inert(entry.folder)} · ${t('shown now')}` : inert(entry.folder),
        detail: known ? `${verdictIcon(known.verdict.code)} ${verdictTitle(known.verdict.code, t)}` : t('checking…'),
        manifest: entry.manifest,
      };
    });
    const again = pick.items.find((item) => item.manifest === active);
    if (again) pick.activeItems = [again];
  };
  let open = true;
  const done = new Promise<PackageItem | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]));
    pick.onDidHide(() => ((open = false), resolve(undefined)));
  });
  render();
  pick.busy = true;
  pick.show();
  void (async () => {
    for (const entry of entries) {
      const status = await source.statusOf(entry.manifest);
      if (!open) return; // closed: the rest is checked when it is shown
      if (status) verdicts.set(entry.manifest, status);
      render();
    }
    pick.busy = false;
  })();
  const picked = await done;
  pick.dispose();
  if (picked) tracker.pick(picked.manifest);
}
