// The details as a page of their own: the report's Markdown rendered by VS Code's Markdown extension
// (`markdown.api.render`) into a webview whose links may run exactly the commands the tooltip may
// offer, which a Markdown preview does not allow. No scripts; styles from the theme.
import * as vscode from 'vscode';
import { ACTION_COMMANDS, COMMANDS } from '../core/base/commands';

let panel: vscode.WebviewPanel | undefined;

/** Shows `markdown` rendered, titled `title`; false when VS Code's Markdown extension cannot render it. */
export async function showDetailsPage(title: string, markdown: string): Promise<boolean> {
  const html = await Promise.resolve(vscode.commands.executeCommand<string>('markdown.api.render', markdown)).catch(() => undefined);
  if (typeof html !== 'string') return false;
  if (!panel) {
    panel = vscode.window.createWebviewPanel('npmPublishAuth.details', title, vscode.ViewColumn.Active, {
      enableScripts: false,
      enableCommandUris: [...ACTION_COMMANDS, COMMANDS.copyDetails.id],
      localResourceRoots: [],
    });
    panel.onDidDispose(() => (panel = undefined));
  }
  panel.title = title;
  panel.webview.html = page(html);
  panel.reveal();
  return true;
}

/** Renders the page again if it shows `title` (the same package), as its status changes: a Refresh link updates it. */
export async function updateDetailsPage(title: string, markdown: () => string): Promise<void> {
  if (panel?.title !== title) return;
  const html = await Promise.resolve(vscode.commands.executeCommand<string>('markdown.api.render', markdown())).catch(() => undefined);
  if (panel?.title === title && typeof html === 'string') panel.webview.html = page(html);
}

function page(body: string): string {
  // Nothing may load or run: the body holds registry data (escaped by the report, rendered by markdown-it).
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<style>
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); max-width: 60em; padding: 0 2em 2em; line-height: 1.5; }
a { color: var(--vscode-textLink-foreground); }
table { border-collapse: collapse; } td, th { border: 1px solid var(--vscode-panel-border); padding: 2px 8px; text-align: left; }
summary { cursor: pointer; margin: 1em 0; }
span[title] { text-decoration: underline dotted; }
</style></head><body>${body}</body></html>`;
}
