import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../src/core/base/commands';
import { packageSpec } from '../../../src/core/present/sentences';
import type { PublishAuthApi } from '../../../src/ui/publishAuthExtension';
import { reportDocument, tabShowing } from './reports';

const EXTENSION_ID = 'npm-publish-auth.npm-publish-auth';
/** The palette titles, from the one catalog that package.json is checked against (test/unit/commands.test.ts). */
const COMMAND_TITLES: Record<string, string> = Object.fromEntries(Object.values(COMMANDS).map((spec) => [spec.id, spec.title]));

describe('activation in the real extension host', () => {
  let api: PublishAuthApi;

  before(async () => {
    const extension = vscode.extensions.getExtension<PublishAuthApi>(EXTENSION_ID);
    assert.ok(extension, 'the extension is installed in the host');
    api = await extension.activate();
  });

  it('activates because the workspace has a package.json', () => {
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
  });

  it('registers every contributed command', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of Object.keys(COMMAND_TITLES)) assert.ok(registered.has(id), `${id} is registered`);
  });

  it('contributes the command titles the UI tests use, in the npm category', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const manifest = extension.packageJSON as {
      contributes: { commands: { command: string; title: string; category: string; icon: string }[] };
    };
    const nls = JSON.parse(fs.readFileSync(path.join(extension.extensionPath, 'package.nls.json'), 'utf8')) as Record<string, string>;
    for (const contributed of manifest.contributes.commands) {
      const title = contributed.title.replace(/^%(.*)%$/, (_m, key: string) => nls[key]);
      assert.equal(title, COMMAND_TITLES[contributed.command], contributed.command);
      assert.equal(contributed.category, 'npm');
      assert.match(contributed.icon, /^\$\([a-z-]+\)$/);
    }
  });

  it('shows the status bar item with an accessibility label', async () => {
    await api.refresh();
    assert.equal(api.statusItem.visible, true);
    assert.ok(api.statusItem.accessibilityLabel, 'has an accessibility label');
  });

  it('runs Show Publish Auth Details: a rendered page titled with the whole name@version, its source read-only', async () => {
    await api.refresh();
    const spec = api.status ? packageSpec(api.status) : 'npm Publish Auth';
    await vscode.commands.executeCommand('npmPublishAuth.showDetails');
    const tab = await tabShowing((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('npmPublishAuth.details') && t.label === spec);
    assert.ok(tab.isActive, `the page "${tab.label}" is the active tab`);
    const report = await reportDocument(spec);
    assert.match(report.getText(), /^# npm Publish Auth details for /);
    assert.equal(report.isDirty, false, 'nothing to save');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.isUntitled), 'no untitled document asks to be saved on close');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('"Copy Publish Auth Details as Markdown" puts the report\'s Markdown on the clipboard', async () => {
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('npmPublishAuth.copyDetails');
    assert.match(await vscode.env.clipboard.readText(), /^# npm Publish Auth details for /);
  });
});
