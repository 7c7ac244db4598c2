// The read-only reports (details, dry run) as the in-host tests see them: a Markdown preview tab
// of a virtual document.
import * as vscode from 'vscode';
import { REPORT_SCHEME } from '../../../src/ui/readOnlyDocument';

/** The virtual document a report titled `title` (for the details: name@version) is rendered from. */
export function reportDocument(title: string): Thenable<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${title.replace(/\//g, '∕')}.md` }));
}

/** The tab that matches, now or when it opens; the error lists the tabs open when it gives up. */
export function tabShowing(matches: (tab: vscode.Tab) => boolean, timeoutMs = 10_000): Promise<vscode.Tab> {
  const find = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find(matches);
  const now = find();
  if (now) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      const open = vscode.window.tabGroups.all.flatMap((group) => group.tabs).map((tab) => tab.label);
      reject(new Error(`no such tab within ${timeoutMs} ms; open: [${open.join(', ')}]`));
    }, timeoutMs);
    const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
      const tab = find();
      if (!tab) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(tab);
    });
  });
}
