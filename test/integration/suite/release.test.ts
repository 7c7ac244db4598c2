// The packages view and "npm: Publish Packages…" inside the real extension host, against the local
// registry, with the prompts injected (the e2e layer types into the real ones).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PublishAuthApi } from '../../../src/ui/publishAuthExtension';
import type { Prompts } from '../../../src/ui/prompts';
import { startRegistry, type LocalRegistry } from '../../registry/server';
import { declareNpmjs } from '../registryKinds';
import { DEMO_OTP, defaultScenario, tokenOf } from '../../registry/scenarios';

const EXTENSION_ID = 'npm-publish-auth.npm-publish-auth';
const userNpmrc = path.join(os.homedir(), '.npmrc');

type Rows = Awaited<ReturnType<PublishAuthApi['packageRows']>>;

describe('the packages view and Publish Packages…', function () {
  let api: PublishAuthApi;
  let registry: LocalRegistry;
  let root: string;
  let asked: string[];

  before(async () => {
    registry = await startRegistry({ scenario: 'default' });
    await declareNpmjs(registry);
    await vscode.workspace.getConfiguration('npmPublishAuth').update('twoFactorMethods', { alice: 'totp' }, vscode.ConfigurationTarget.Global);
    api = await vscode.extensions.getExtension<PublishAuthApi>(EXTENSION_ID)!.activate();
    root = path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'release-cases');
  });

  after(async () => {
    api.usePrompts(undefined);
    await vscode.workspace.getConfiguration('npmPublishAuth').update('twoFactorMethods', undefined, vscode.ConfigurationTarget.Global);
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(userNpmrc, { force: true });
    await vscode.commands.executeCommand('npmPublishAuth.refreshPackages');
    await registry.close();
  });

  beforeEach(async () => {
    registry.reset();
    asked = [];
    fs.rmSync(path.join(root, 'broken'), { recursive: true, force: true });
    const nerf = registry.url.replace(/^http:/, '');
    fs.writeFileSync(userNpmrc, `registry=${registry.url}\n${nerf}:_authToken=${tokenOf(defaultScenario, 'alice-session')}\n`, { mode: 0o600 });
    // core ← app (a run-time dependency), demo-pkg@1.0.0 already on the registry, a private one.
    writePackage('core', { name: 'release-core', version: '1.0.0' });
    writePackage('app', { name: 'release-app', version: '1.0.0', dependencies: { 'release-core': '^1.0.0', lodash: '^4.0.0' } });
    writePackage('util', { name: 'demo-pkg', version: '1.0.0' });
    writePackage('secret', { name: 'release-secret', version: '1.0.0', private: true });
    await vscode.commands.executeCommand('npmPublishAuth.refreshPackages');
  });

  /** A package whose prepack script counts its runs (one build per package, whatever retries happen). */
  function writePackage(folder: string, manifest: Record<string, unknown>): void {
    const dir = path.join(root, folder);
    fs.mkdirSync(dir, { recursive: true });
    const counter = path.join(root, `${folder}.builds`);
    fs.writeFileSync(counter, '');
    const scripts = { prepack: `node -e "require('fs').appendFileSync(process.argv[1], 'x')" "${counter}"` };
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ license: 'MIT', scripts, ...manifest }, null, 2));
  }
  const builds = (folder: string) => fs.readFileSync(path.join(root, `${folder}.builds`), 'utf8').length;
  const manifestOf = (folder: string) => path.join(root, folder, 'package.json');
  const ours = (rows: Rows) => Object.fromEntries(rows.rows.filter((r) => r.manifest.startsWith(root)).map((r) => [path.basename(path.dirname(r.manifest)), r]));

  /** The rows once `matches` holds: checked after each change of the view, never on a timer (the timeout only reports). */
  function rowsWhere(matches: (rows: Rows) => boolean, timeoutMs = 15_000): Promise<Rows> {
    let last: Rows | undefined;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        const seen = last ? Object.entries(ours(last)).map(([k, r]) => `${k}: ${r.description}`).join('; ') : 'nothing';
        reject(new Error(`the rows did not match within ${timeoutMs} ms; last seen: ${seen}\n${api.logText().split('\n').slice(-15).join('\n')}`));
      }, timeoutMs);
      let checking = Promise.resolve();
      const check = () => {
        checking = checking.then(async () => {
          last = await api.packageRows();
          if (matches(last)) {
            clearTimeout(timer);
            sub.dispose();
            resolve(last);
          }
        }).catch(reject);
      };
      const sub = api.onDidChangePackageRows(check);
      check();
    });
  }

  function answer(script: { pick?: (item: vscode.QuickPickItem & { manifest?: string }) => boolean; confirm?: string; codes?: (string | (() => string) | undefined)[]; skip2fa?: boolean }): void {
    const codes = [...(script.codes ?? [])];
    const prompts: Partial<Prompts> = {
      pickMany: async (items, { title }) => {
        asked.push(`pick: ${title} [${items.filter((i) => i.picked).map((i) => i.label).join(', ')}]`);
        return items.filter((item) => script.pick?.(item) ?? item.picked);
      },
      confirm: async (message, detail, ...buttons) => {
        asked.push(`confirm: ${message}\n${detail}\n[${buttons.join(', ')}]`);
        return script.confirm;
      },
      oneTimePassword: async ({ title, rejected }) => {
        asked.push(`otp${rejected ? ' again' : ''}: ${title}`);
        const code = codes.shift();
        return typeof code === 'function' ? code() : code;
      },
      browserApproval: async ({ title, wait }) => {
        asked.push(`browser: ${title}`);
        registry.approvePending(undefined, undefined, { skip2fa: script.skip2fa === true });
        return wait(new AbortController().signal);
      },
      message: async (severity, text, ...buttons) => {
        asked.push(`${severity}: ${text} [${buttons.join(', ')}]`);
        return undefined;
      },
    };
    api.usePrompts(prompts);
  }

  /** Each upload: the package, the answer, and which distinct npm-otp it carried (the log never holds the code). */
  const puts = () => registry.requests.filter((r) => r.method === 'PUT').map((r) => `${decodeURIComponent(r.path.slice(1))} ${r.status}${r.otpId ? ` otp#${r.otpId}` : ''}`);

  it('shows every package with its verdict, the private one as such, and a badge for what needs attention', async () => {
    fs.mkdirSync(path.join(root, 'broken'));
    fs.writeFileSync(path.join(root, 'broken', 'package.json'), '{ "name": "release-broken", ');
    await vscode.commands.executeCommand('npmPublishAuth.refreshPackages');
    const rows = ours(await api.packageRows());
    assert.deepEqual(Object.keys(rows).sort(), ['app', 'broken', 'core', 'secret', 'util']);
    assert.equal(rows.core!.description, '1.0.0 · OTP');
    assert.equal(rows.app!.description, '1.0.0 · OTP');
    assert.equal(rows.util!.description, '1.0.0 · published', 'demo-pkg@1.0.0 is the registry\'s latest');
    assert.match(rows.util!.tooltip, /1\.0\.0 is published/);
    assert.equal(rows.secret!.description, '1.0.0 · private');
    assert.equal(rows.broken!.description, 'invalid package.json');
    assert.match(rows.core!.tooltip, /alice/);
    assert.equal((await api.packageRows()).badge, 1, 'the broken package.json needs attention');
  });

  it('one changed package.json is read and checked alone', async () => {
    await api.packageRows();
    const before = api.logText().split('\n').length;
    // Edited and saved in the editor, as a person bumps a version.
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(manifestOf('app')));
    const edit = new vscode.WorkspaceEdit();
    const version = doc.getText().indexOf('"1.0.0"');
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(version), doc.positionAt(version + '"1.0.0"'.length)), '"1.1.0"');
    await vscode.workspace.applyEdit(edit);
    await doc.save();
    const rows = ours(await rowsWhere((r) => ours(r).app?.description === '1.1.0 · OTP'));
    assert.equal(rows.core!.description, '1.0.0 · OTP');
    const checked = api.logText().split('\n').slice(before).filter((line) => / in \d+ ms$/.test(line));
    // The shown package (the status item's) refreshes on any package.json change; the view's other rows do not.
    const shown = api.status?.package.name;
    const others = checked.filter((line) => !line.includes('release-app') && !(shown && line.includes(`${shown}:`)));
    assert.ok(checked.some((line) => line.includes('release-app')) && others.length === 0, `only release-app was checked again:\n${checked.join('\n')}`);
  });

  it('publishes everything unpublished in dependency order with one code, skipping the published version with its reason', async () => {
    answer({ pick: (item) => item.manifest?.startsWith(root) === true && item.picked === true, confirm: 'Publish', codes: [DEMO_OTP] });
    await vscode.commands.executeCommand('npmPublishAuth.publishRelease');
    const [pick, confirm, otp, ...rest] = asked;
    assert.match(pick!, /\[.*release-app@1\.0\.0.*release-core@1\.0\.0.*\]/);
    assert.doesNotMatch(pick!, /demo-pkg@1\.0\.0/, 'the published version is not ticked');
    assert.match(confirm!, /^confirm: Publish 2 packages to http:\/\/127\.0\.0\.1:\d+\/\?\n1\. release-core@1\.0\.0 — one-time password\n2\. release-app@1\.0\.0 — one-time password\n\nSkipped:\ndemo-pkg@1\.0\.0 — this version is already on the registry\n/);
    assert.match(confirm!, /You type one code/);
    assert.equal(otp, 'otp: Publish release-core@1.0.0: one-time password');
    assert.deepEqual(rest, ['info: 2 of 2 published, 1 skipped. [Show Summary]']);
    assert.deepEqual(puts(), ['release-core 200 otp#1', 'release-app 200 otp#1'], 'the same code on each upload');
    assert.deepEqual([builds('core'), builds('app'), builds('util')], [1, 1, 0]);
    const rows = ours(await rowsWhere((r) => ours(r).app?.description === '1.0.0 · published'));
    assert.equal(rows.core!.description, '1.0.0 · published');
  });

  it('a second release after the versions changed on disk starts from the files as they are', async () => {
    answer({ pick: (item) => item.manifest?.startsWith(root) === true && item.picked === true, confirm: 'Publish', codes: [DEMO_OTP] });
    await vscode.commands.executeCommand('npmPublishAuth.publishRelease');
    for (const folder of ['core', 'app']) fs.writeFileSync(manifestOf(folder), fs.readFileSync(manifestOf(folder), 'utf8').replace('"version": "1.0.0"', '"version": "1.0.1"'));
    registry.clearRequests();
    asked = [];
    answer({ pick: (item) => item.manifest?.startsWith(root) === true && item.picked === true, confirm: 'Publish', codes: [DEMO_OTP] });
    await vscode.commands.executeCommand('npmPublishAuth.publishRelease');
    assert.match(asked[0]!, /^pick: Publish Packages \[.*release-app@1\.0\.1.*release-core@1\.0\.1.*\]$/);
    assert.deepEqual(puts(), ['release-core 200 otp#1', 'release-app 200 otp#1']);
  });

  it('a dependency that fails holds back its dependent; the summary offers Resume, which publishes only what is left', async () => {
    answer({ confirm: 'Publish', codes: [undefined] });
    await vscode.commands.executeCommand('npmPublishAuth.publishRelease', undefined, [{ manifest: manifestOf('core') }, { manifest: manifestOf('app') }]);
    assert.deepEqual(asked.slice(1), [
      'otp: Publish release-core@1.0.0: one-time password',
      'warning: 0 of 2 published, 2 not started. [Show Summary, Resume]',
    ]);
    assert.deepEqual(puts(), []);

    asked = [];
    answer({ confirm: 'Publish', codes: [DEMO_OTP] });
    await vscode.commands.executeCommand('npmPublishAuth.publishRelease');
    assert.match(asked[0]!, /^pick: Publish Packages: resume the last release \(2 left\) \[release-app@1\.0\.0, release-core@1\.0\.0\]$/);
    assert.deepEqual(puts(), ['release-core 200 otp#1', 'release-app 200 otp#1']);
  });

  it('a code the registry refuses halfway is asked for once more; each package is still built once', async () => {
    registry.endOtpWindowAfter(1);
    answer({ confirm: 'Publish', codes: [DEMO_OTP, () => registry.currentOtp()] });
    await vscode.commands.executeCommand('npmPublishAuth.publishRelease', undefined, [{ manifest: manifestOf('core') }, { manifest: manifestOf('app') }]);
    assert.deepEqual(asked.slice(1), [
      'otp: Publish release-core@1.0.0: one-time password',
      'otp again: Publish release-app@1.0.0: one-time password',
      'info: 2 of 2 published. [Show Summary]',
    ]);
    assert.deepEqual(puts(), ['release-core 200 otp#1', 'release-app 401 otp#1', 'release-app 200 otp#2']);
    assert.deepEqual([builds('core'), builds('app')], [1, 1]);
  });

  it('a passkey account approves once, with npm\'s 5-minute skip ticked, for the whole release', async () => {
    const nerf = registry.url.replace(/^http:/, '');
    fs.writeFileSync(userNpmrc, `registry=${registry.url}\n${nerf}:_authToken=${tokenOf(defaultScenario, 'carol-session')}\n`, { mode: 0o600 });
    await vscode.workspace.getConfiguration('npmPublishAuth').update('twoFactorMethods', { alice: 'totp', carol: 'passkey-only' }, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('npmPublishAuth.refreshPackages');
    answer({ confirm: 'Publish', skip2fa: true });
    await vscode.commands.executeCommand('npmPublishAuth.publishRelease', undefined, [{ manifest: manifestOf('core') }, { manifest: manifestOf('app') }]);
    await vscode.workspace.getConfiguration('npmPublishAuth').update('twoFactorMethods', { alice: 'totp' }, vscode.ConfigurationTarget.Global);
    const [confirm, ...rest] = asked;
    assert.match(confirm!, /1\. release-core@1\.0\.0 — approval in the browser\n2\. release-app@1\.0\.0 — approval in the browser/);
    assert.match(confirm!, /tick "skip 2FA for the next 5 minutes"/);
    assert.deepEqual(rest, [
      'browser: approve release-core@1.0.0 in your browser; tick "skip 2FA for the next 5 minutes" so the other packages need no approval',
      'info: 2 of 2 published. [Show Summary]',
    ]);
    assert.deepEqual(puts().map((p) => p.replace(/ otp#\d+/, '')), ['release-core 401', 'release-core 200', 'release-app 200']);
  });

  it('a cycle is named, nothing is published', async () => {
    writePackage('core', { name: 'release-core', version: '1.0.0', dependencies: { 'release-app': '1.0.0' } });
    await vscode.commands.executeCommand('npmPublishAuth.refreshPackages');
    answer({ confirm: 'Publish' });
    await vscode.commands.executeCommand('npmPublishAuth.publishRelease', undefined, [{ manifest: manifestOf('core') }, { manifest: manifestOf('app') }]);
    assert.deepEqual(asked, ['error: Not published: these packages need each other in a cycle, so none can go first: release-app → release-core. [Show Log]']);
    assert.deepEqual(puts(), []);
  });
});
