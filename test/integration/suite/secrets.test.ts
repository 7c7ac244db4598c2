// In the real extension host: a hostile token name from the registry reaches the status bar item
// only as plain text, and the token not at all. (Every secret shape: test/registry/secrets.test.ts.)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PublishAuthApi } from '../../../src/ui/publishAuthExtension';
import { startRegistry, type LocalRegistry } from '../../registry/server';
import { declareNpmjs } from '../registryKinds';

const EXTENSION_ID = 'npm-publish-auth.npm-publish-auth';
const userNpmrc = path.join(os.homedir(), '.npmrc');

describe('secrets and registry text on the status bar item', () => {
  let api: PublishAuthApi;
  let registry: LocalRegistry;
  let dir = '';

  before(async () => {
    registry = await startRegistry({ scenario: 'default' });
    await declareNpmjs(registry);
    api = await vscode.extensions.getExtension<PublishAuthApi>(EXTENSION_ID)!.activate();
  });

  after(async () => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(userNpmrc, { force: true });
    await registry.close();
  });

  it('a token named like a command link, and the token itself', async () => {
    const name = '[x](command:workbench.action.terminal.sendSequence) $(check)';
    // npm-shaped (the local registry masks every token as npm_…, so only such a token is found in its list).
    const token = registry.mintToken({ kind: 'granular', user: 'alice', name, permission: 'read-write', packages: ['demo-pkg'], expiresInDays: 30 });
    fs.writeFileSync(userNpmrc, `registry=${registry.url}\n${registry.url.replace(/^http:/, '')}:_authToken=${token}\n`, { mode: 0o600 });
    dir = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'cases', 'secrets-demo-pkg');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'demo-pkg', version: '9.9.9' }));
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(dir, 'package.json')));
    await api.refresh();

    assert.equal(api.status?.credential?.kind, 'granular', 'the token name is in the tooltip');
    const item = api.statusItem;
    for (const text of [item.text, item.tooltip ?? '', item.accessibilityLabel ?? '']) assert.ok(!text.includes(token), text);
    assert.doesNotMatch(item.tooltip ?? '', /(?<!\\)\]\(command:workbench/, 'no foreign command link');
    assert.match(item.tooltip ?? '', /\\\[x\\\]\(command:workbench/, 'the name is shown, escaped');
  });
});
