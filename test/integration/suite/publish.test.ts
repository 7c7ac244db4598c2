// "npm: Publish with OTP" inside the real extension host, against the local registry, with the
// prompts injected (a test cannot type into a real input box; the e2e layer does).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PublishAuthApi } from '../../../src/ui/publishAuthExtension';
import type { Prompts } from '../../../src/ui/prompts';
import type { PublishAuthStatus } from '../../../src/core/base/model';
import { startRegistry, type LocalRegistry } from '../../registry/server';
import { declareNpmjs } from '../registryKinds';
import { DEMO_OTP, defaultScenario, tokenOf } from '../../registry/scenarios';

const EXTENSION_ID = 'npm-publish-auth.npm-publish-auth';
const userNpmrc = path.join(os.homedir(), '.npmrc');

describe('npm: Publish with OTP', function () {
  let api: PublishAuthApi;
  let registry: LocalRegistry;
  let root: string;
  let asked: string[];

  before(async () => {
    registry = await startRegistry({ scenario: 'default' });
    await declareNpmjs(registry);
    api = await vscode.extensions.getExtension<PublishAuthApi>(EXTENSION_ID)!.activate();
    root = path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'publish-cases');
  });

  after(async () => {
    api.usePrompts(undefined);
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(userNpmrc, { force: true });
    await registry.close();
  });

  beforeEach(() => {
    registry.reset();
    asked = [];
  });

  function loginAs(label: string): void {
    const nerf = registry.url.replace(/^http:/, '');
    fs.writeFileSync(userNpmrc, `registry=${registry.url}\n${nerf}:_authToken=${tokenOf(defaultScenario, label)}\n`, { mode: 0o600 });
  }

  /** A package whose prepack script counts its runs in a file outside the package; opened in an editor. */
  async function openPackage(name: string, version: string, extra: Record<string, unknown> = {}): Promise<{ folder: string; prepackRuns: () => number }> {
    const folder = path.join(root, `${name.replace(/[@/]/g, '_')}-${version}`);
    const counter = path.join(root, `prepack-${version}.log`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(counter, '');
    const scripts = { prepack: `node -e "require('fs').appendFileSync(process.argv[1], 'x')" "${counter}"` };
    fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name, version, license: 'MIT', scripts, ...extra }, null, 2));
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(folder, 'package.json')));
    await api.refresh();
    assert.equal(api.status?.package.version, version, 'the status is about the package just opened');
    await wholeFacts();
    return { folder, prepackRuns: () => fs.readFileSync(counter, 'utf8').length };
  }

  /** A first status may come from the small documents; the packument read behind it follows with one more refresh. */
  function wholeFacts(): Promise<void> {
    const partial = (s: PublishAuthStatus | undefined) => s?.packageFacts?.state === 'published' && s.packageFacts.partial === true;
    if (!partial(api.status)) return Promise.resolve();
    return new Promise((resolve) => {
      const sub = api.onDidChangeStatus((s) => !partial(s) && (sub.dispose(), resolve()));
    });
  }

  /** Prompts that answer from scripts and record what was asked, in order. */
  function answer(script: { confirm?: string; codes?: (string | undefined)[]; browser?: 'approve'; pick?: string; button?: string }): void {
    const codes = [...(script.codes ?? [])];
    const prompts: Partial<Prompts> = {
      pick: async (items, { title }) => {
        asked.push(`pick: ${title} [${items.map((item) => item.label).join(', ')}]`);
        return items.find((item) => item.label === script.pick);
      },
      message: async (severity, text, ...buttons) => {
        asked.push(`${severity}: ${text} [${buttons.join(', ')}]`);
        return script.button;
      },
      confirm: async (message, _detail, ...buttons) => {
        asked.push(`confirm: ${message} [${buttons.join(', ')}]`);
        return script.confirm;
      },
      oneTimePassword: async ({ title, rejected }) => {
        asked.push(`otp${rejected ? ' again' : ''}: ${title}`);
        return codes.shift();
      },
      browserApproval: async ({ title, wait }) => {
        asked.push(`browser: ${title}`);
        registry.approvePending();
        return wait(new AbortController().signal);
      },
    };
    api.usePrompts(prompts);
  }

  /** The button's copy runs after the message resolves: the clipboard's first non-empty text (polled, bounded). */
  async function clipboardOnceWritten(): Promise<string> {
    for (let attempt = 0; attempt < 250; attempt++) {
      const text = await vscode.env.clipboard.readText();
      if (text) return text;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return '';
  }

  const puts = () => registry.requests.filter((r) => r.method === 'PUT').map((r) => r.status);
  const published = (name: string) => [...(registry.state.packages.get(name)?.versions.keys() ?? [])];
  const nextStatus = (matches: (s: PublishAuthStatus) => boolean) =>
    new Promise<PublishAuthStatus>((resolve) => {
      if (api.status && matches(api.status)) return resolve(api.status);
      const sub = api.onDidChangeStatus((s) => s && matches(s) && (sub.dispose(), resolve(s)));
    });

  it('TOTP user: a wrong code then the right one; built once; the status shows the version published', async () => {
    loginAs('alice-session');
    const pkg = await openPackage('demo-pkg', '2.0.0');
    answer({ confirm: 'Publish', codes: ['111111', DEMO_OTP] });
    await vscode.commands.executeCommand('npmPublishAuth.publish');
    assert.deepEqual(asked, [
      'confirm: Publish demo-pkg@2.0.0? [Publish, Dry Run]',
      'otp: Publish demo-pkg@2.0.0: one-time password',
      'otp again: Publish demo-pkg@2.0.0: one-time password',
    ]);
    assert.equal(pkg.prepackRuns(), 1, 'prepack ran once for two uploads');
    assert.deepEqual(puts(), [401, 401, 200]);
    assert.ok(published('demo-pkg').includes('2.0.0'));
    const after = await nextStatus((s) => s.verdict.code === 'published' && s.package.version === '2.0.0');
    // Success looks like success: the version is out, no blocker colour, the bump is the next step.
    assert.match(api.statusItem.text, /\$\(pass\) v2\.0\.0 published/);
    assert.equal(api.statusItem.background, undefined);
    assert.equal(after.verdict.fix?.command, 'npmPublishAuth.bumpVersion');
    assert.match(api.statusItem.accessibilityLabel ?? '', /Verdict: Published just now\./);
    // An accepted typed code is evidence of an authenticator app: the verdict now names the OTP.
    assert.deepEqual([after.twoFactorMethod, after.twoFactorMethodSource], ['totp', 'registry-answer']);
  });

  it('passkey-only user: browser approval, no OTP box', async () => {
    loginAs('carol-session');
    const pkg = await openPackage('demo-pkg', '2.1.0');
    answer({ confirm: 'Publish', browser: 'approve' });
    await vscode.commands.executeCommand('npmPublishAuth.publish');
    assert.deepEqual(asked, ['confirm: Publish demo-pkg@2.1.0? [Publish, Dry Run]', 'browser: approve it in your browser']);
    assert.equal(pkg.prepackRuns(), 1);
    assert.ok(published('demo-pkg').includes('2.1.0'));
  });

  it('Escape at the OTP box: nothing uploaded, the status unchanged', async () => {
    loginAs('alice-session');
    await openPackage('demo-pkg', '2.2.0');
    const before = api.status!.verdict.code;
    answer({ confirm: 'Publish', codes: [undefined] });
    await vscode.commands.executeCommand('npmPublishAuth.publish');
    // Once a typed code was accepted (the first test), the verdict says "OTP" and the box comes before any upload.
    assert.deepEqual(puts(), before === 'needs-otp' ? [] : [401], `verdict before: ${before}`);
    assert.ok(!published('demo-pkg').includes('2.2.0'));
    assert.equal(api.status?.verdict.code, before);
  });

  it('declining the confirmation builds and sends nothing', async () => {
    loginAs('alice-bypass');
    const pkg = await openPackage('demo-pkg', '2.3.0');
    answer({ confirm: undefined });
    await vscode.commands.executeCommand('npmPublishAuth.publish');
    assert.equal(asked.length, 1);
    assert.equal(pkg.prepackRuns(), 0);
    assert.deepEqual(puts(), []);
  });

  it('a bypass token refused with "tokens disallowed" teaches the status the package\'s publishing access', async () => {
    loginAs('alice-bypass');
    await openPackage('@alice/locked', '3.0.0');
    assert.equal(api.status?.publishingAccess.state, 'likely-default', 'npm does not reveal the mode beforehand');
    answer({ confirm: 'Publish' });
    await vscode.commands.executeCommand('npmPublishAuth.publish');
    assert.deepEqual(puts(), [403]);
    const after = await nextStatus((s) => s.publishingAccess.state === 'known');
    assert.deepEqual(after.publishingAccess.state === 'known' && [after.publishingAccess.mode, after.publishingAccess.source.kind], ['publish', 'registry-answer']);
    assert.equal(after.verdict.code, 'tokens-disallowed');
  });

  it('Dry Run shows npm\'s own dry-run report, read-only, and sends nothing', async () => {
    loginAs('alice-bypass');
    await openPackage('demo-pkg', '2.6.0');
    answer({ confirm: 'Dry Run' });
    await vscode.commands.executeCommand('npmPublishAuth.publish');
    const report = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'npm-publish-auth' && d.uri.path === '/Dry run demo-pkg@2.6.0.md');
    assert.ok(report, `the dry-run report is open; open: ${vscode.workspace.textDocuments.map((d) => d.uri.toString()).join(', ')}`);
    assert.match(report.getText(), /# Dry run: demo-pkg\\@2\.6\.0/);
    assert.match(report.getText(), /\| package\.json \|/);
    assert.deepEqual(puts(), []);
    assert.ok(!published('demo-pkg').includes('2.6.0'));
  });

  it('a stage-only token: the status is not a blocker, Publish stages, and the result says how to release it', async () => {
    loginAs('alice-stage');
    await openPackage('demo-pkg', '2.8.0');
    assert.deepEqual([api.status?.verdict.code, api.status?.verdict.blocked, api.status?.verdict.fix?.command], ['stage-only-token', false, 'npmPublishAuth.publish']);
    assert.equal(api.statusItem.background, undefined, 'no blocker colour');
    await vscode.env.clipboard.writeText('');
    answer({ confirm: 'Stage', button: 'Copy Approve Command' });
    await vscode.commands.executeCommand('npmPublishAuth.publish');
    const staged = [...registry.state.staged.values()].find((s) => s.packageName === 'demo-pkg' && s.version === '2.8.0');
    assert.ok(staged, 'the registry holds the staged version');
    const host = new URL(registry.url).host;
    assert.deepEqual(asked, [
      'confirm: Stage demo-pkg@2.8.0? [Stage, Dry Run]',
      `info: Staged demo-pkg@2.8.0 on ${host}. A maintainer releases it by approving it with 2FA: on the website, or with npm stage approve. [Copy Approve Command]`,
    ]);
    assert.equal(await clipboardOnceWritten(), `npm stage approve ${staged.id}`);
    assert.equal(api.status?.verdict.blocked, false);
  });

  it('Bump Version… offers only versions the registry does not have, says what changed and offers Publish', async () => {
    loginAs('alice-bypass');
    const { folder } = await openPackage('demo-pkg', '0.9.0');
    assert.equal(registry.state.packages.get('demo-pkg')?.distTags.latest, '1.0.0', 'the registry is ahead of package.json');
    answer({ pick: '1.0.1' });
    await vscode.commands.executeCommand('npmPublishAuth.bumpVersion');
    assert.deepEqual(asked, [
      'pick: Bump demo-pkg from 0.9.0 (registry latest 1.0.0) [1.0.1, 1.1.0, 2.0.0, 1.0.1-0]',
      'info: demo-pkg is now 1.0.1 in package.json (was 0.9.0). [Publish]',
    ]);
    assert.equal(JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')).version, '1.0.1');
    const after = await nextStatus((s) => s.package.version === '1.0.1');
    assert.equal(after.verdict.blocked, false, after.verdict.code);
  });

  it('`npm publish` run in a terminal (shell integration) refreshes the status by itself', async function () {
    this.timeout(60_000);
    loginAs('alice-bypass');
    const { folder } = await openPackage('demo-pkg', '2.7.0');
    const terminal = vscode.window.createTerminal({ name: 'npm', cwd: folder, shellPath: '/bin/bash' });
    try {
      const integration = terminal.shellIntegration ?? (await new Promise<vscode.TerminalShellIntegration>((resolve) => {
        const sub = vscode.window.onDidChangeTerminalShellIntegration((e) => e.terminal === terminal && (sub.dispose(), resolve(e.shellIntegration)));
      }));
      const refreshed = nextStatus((s) => s.package.version === '2.7.0' && s.verdict.code === 'published');
      const terminalRefreshes = () => api.logText().split('an npm command ended in a terminal; refreshing').length - 1;
      const before = terminalRefreshes();
      integration.executeCommand('npm publish --ignore-scripts');
      await refreshed;
      assert.ok(published('demo-pkg').includes('2.7.0'));
      assert.ok(terminalRefreshes() > before, 'the terminal event caused the refresh');
    } finally {
      terminal.dispose();
    }
  });

  const blockers: [string, string, Record<string, unknown>][] = [
    ['a private package', 'alice-session', { private: true }],
    ['a version already published', 'alice-session', { version: '1.0.0' }],
    ['a user without write access', 'bob-session', {}],
    ['an account without 2FA', 'dave-session', {}],
    ['a read-only token', 'alice-readonly', {}],
  ];
  for (const [what, login, manifest] of blockers) {
    it(`pre-flight stops ${what}: no prompt, no build, no PUT`, async () => {
      loginAs(login);
      const version = typeof manifest.version === 'string' ? manifest.version : '2.4.0';
      const pkg = await openPackage('demo-pkg', version, manifest);
      answer({ confirm: 'Publish', codes: [DEMO_OTP] });
      await vscode.commands.executeCommand('npmPublishAuth.publish');
      assert.equal(asked.length, 1, asked.join('\n'));
      assert.match(asked[0]!, /^error: Not published: /, 'only the reason is shown, no question asked');
      assert.equal(pkg.prepackRuns(), 0);
      assert.deepEqual(puts(), []);
    });
  }

  it('a second publish of the same package while one runs is refused', async () => {
    loginAs('alice-session');
    await openPackage('demo-pkg', '2.5.0');
    const before = api.status!.verdict.code;
    let release: (code: string | undefined) => void = () => undefined;
    const otpAsked = new Promise<void>((resolve) =>
      api.usePrompts({
        confirm: async () => 'Publish',
        oneTimePassword: () => {
          resolve();
          return new Promise((r) => (release = r));
        },
      }),
    );
    const first = vscode.commands.executeCommand('npmPublishAuth.publish');
    await otpAsked;
    let confirmedAgain = false;
    api.usePrompts({ confirm: async () => ((confirmedAgain = true), 'Publish') });
    await vscode.commands.executeCommand('npmPublishAuth.publish');
    assert.equal(confirmedAgain, false, 'the second publish stopped before its confirmation');
    release(undefined);
    await first;
    assert.deepEqual(puts(), before === 'needs-otp' ? [] : [401], `verdict before: ${before}`);
  });
});
