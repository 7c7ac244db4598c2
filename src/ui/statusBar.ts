// Renders a StatusPresentation (derived from the model by src/core/presentation) onto the item.
import * as vscode from 'vscode';
import { ACTION_COMMANDS, COMMANDS } from '../core/base/commands';
import type { StatusPresentation } from '../core/present/presentation';

export const STATUS_ITEM_ID = 'npmPublishAuth.status';

export function createStatusItem(): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem(STATUS_ITEM_ID, vscode.StatusBarAlignment.Left, 0);
  item.name = vscode.l10n.t('npm Publish Auth');
  item.command = COMMANDS.statusMenu.id;
  return item;
}

export function renderStatusItem(item: vscode.StatusBarItem, presentation: StatusPresentation): void {
  if (!presentation.visible) {
    item.hide();
    return;
  }
  item.text = presentation.text;
  item.accessibilityInformation = { label: presentation.accessibilityLabel, role: 'button' };
  item.backgroundColor =
    presentation.severity === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground')
    : presentation.severity === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground')
    : undefined;
  item.tooltip = tooltipMarkdown(presentation);
  item.show();
}

function tooltipMarkdown(presentation: StatusPresentation): vscode.MarkdownString {
  // Lines of a section end in a hard break (two spaces), not a paragraph: the glance stays compact.
  const markdown = new vscode.MarkdownString(
    presentation.tooltipSections
      .map((section) => [...(section.title ? [`**${section.title}**`] : []), ...section.lines].join('  \n'))
      .join('\n\n---\n\n'),
    true,
  );
  // Command links work only for our own commands, never for arbitrary ones.
  markdown.isTrusted = { enabledCommands: [...ACTION_COMMANDS, COMMANDS.statusMenu.id] };
  return markdown;
}
