// The status shown for each case of issue "Publish-auth status at a glance", inside the real
// extension host, against the project's local registry (started in this process).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PublishAuthApi } from '../../../src/ui/publishAuthExtension';
import type { PublishAuthStatus, VerdictCode } from '../../../src/core/base/model';
import { packageSpec } from '../../../src/core/present/sentences';
import { startRegistry, type LocalRegistry } from '../../registry/server';
import { declareNpmjs } from '../registryKinds';
import { reportDocument } from './reports';
import { defaultScenario, tokenOf } from '../../registry/scenarios';

const EXTENSION_ID = 'npm-publish-auth.npm-publish-auth';
const userNpmrc = path.join(os.homedir(), '.npmrc');

describe('publish-auth status against the local registry', function () {
  let api: PublishAuthApi;
  let registry: LocalRegistry;
  let folders: string[];
  const created: string[] = [];

  before(async () => {
    registry = await startRegistry({ scenario: 'default' });
    await declareNpmjs(registry);
    api = await vscode.extensions.getExtension<PublishAuthApi>(EXTENSION_ID)!.activate();
    folders = vscode.workspace.workspaceFolders!.map((f) => f.uri.fsPath);
  });

  after(async () => {
    for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(userNpmrc, { force: true });
    delete process.env.NPM_TOKEN;
    await registry.close();
  });

  beforeEach(() => {
    registry.reset();
    delete process.env.NPM_TOKEN;
  });

  const token = (label: string) => tokenOf(defaultScenario, label);
  const nerf = () => registry.url.replace(/^http:/, '');

  /** Writes a package (and optional project .npmrc) into a workspace folder and opens its package.json. */
  async function openPackage(
    name: string,
    manifest: Record<string, unknown>,
    options: { projectNpmrc?: string; folder?: number } = {},
  ): Promise<string> {
    const dir = path.join(folders[options.folder ?? 0], 'cases', name.replace(/[@/]/g, '_'));
    fs.mkdirSync(dir, { recursive: true });
    created.push(dir);
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
    if (options.projectNpmrc !== undefined) fs.writeFileSync(path.join(dir, '.npmrc'), options.projectNpmrc);
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(dir, 'package.json')));
    return dir;
  }

  function loginAs(tokenValue: string | undefined): void {
    const lines = [`registry=${registry.url}`];
    if (tokenValue) lines.push(`${nerf()}:_authToken=${tokenValue}`);
    fs.writeFileSync(userNpmrc, lines.join('\n') + '\n', { mode: 0o600 });
  }

  /** The next status that matches; on timeout the error says what was seen, and whether the window had focus. */
  function nextStatus(matches: (status: PublishAuthStatus) => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    const seen: string[] = [];
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        sub.dispose();
        reject(new Error(`no status with ${what} within ${timeoutMs} ms; seen: [${seen.join(', ')}]; window focused: ${vscode.window.state.focused}`));
      }, timeoutMs);
      const sub = api.onDidChangeStatus((s) => {
        seen.push(s ? `${s.package.name}@${s.package.version}${s.package.private ? ' private' : ''} ${s.verdict.code}${s.stale ? ' stale' : ''}` : 'none');
        if (s && matches(s)) {
          clearTimeout(timer);
          sub.dispose();
          resolve();
        }
      });
    });
  }

  /** Resolves once no refresh has ended for `ms`. */
  function quietFor(ms: number): Promise<void> {
    return new Promise((resolve) => {
      let timer = setTimeout(done, ms);
      const sub = api.onDidChangeStatus(() => (clearTimeout(timer), (timer = setTimeout(done, ms))));
      function done() {
        sub.dispose();
        resolve();
      }
    });
  }

  async function verdictFor(name: string, manifest: Record<string, unknown> = {}, options = {}): Promise<VerdictCode> {
    await openPackage(name, { name, version: '9.9.9', ...manifest }, options);
    await api.refresh();
    assert.equal(api.status?.package.name, name, 'the status is about the package of the active editor');
    return api.status!.verdict.code;
  }

  const cases: { what: string; login: string | undefined; pkg: string; manifest?: Record<string, unknown>; verdict: VerdictCode }[] = [
    { what: 'logged out', login: undefined, pkg: 'demo-pkg', verdict: 'not-logged-in' },
    { what: 'session of a TOTP maintainer: the registry will ask for 2FA', login: 'alice-session', pkg: 'demo-pkg', verdict: 'needs-2fa' },
    { what: 'session of a passkey-only maintainer', login: 'carol-session', pkg: 'demo-pkg', verdict: 'needs-2fa' },
    { what: 'expired token', login: 'alice-expired', pkg: 'demo-pkg', verdict: 'credential-invalid' },
    { what: 'revoked token', login: 'alice-revoked', pkg: 'demo-pkg', verdict: 'credential-invalid' },
    { what: 'granular token with bypass 2FA and write on the package', login: 'alice-bypass', pkg: 'demo-pkg', verdict: 'ready' },
    { what: 'granular token not scoped to this package', login: 'alice-other', pkg: 'demo-pkg', verdict: 'no-write-access' },
    { what: 'read-only token', login: 'alice-readonly', pkg: 'demo-pkg', verdict: 'read-only-token' },
    { what: 'stage-only token', login: 'alice-stage', pkg: 'demo-pkg', verdict: 'stage-only-token' },
    { what: 'not a maintainer', login: 'bob-session', pkg: 'demo-pkg', verdict: 'no-write-access' },
    { what: 'account without 2FA', login: 'dave-session', pkg: 'demo-pkg', verdict: 'account-without-2fa' },
    { what: 'this version is the registry\'s latest', login: 'alice-session', pkg: 'demo-pkg', manifest: { version: '1.0.0' }, verdict: 'published' },
    { what: 'version already published, not the latest', login: 'alice-session', pkg: '@alice/locked', manifest: { version: '1.0.0' }, verdict: 'version-exists' },
    { what: 'private package', login: 'alice-session', pkg: 'demo-pkg', manifest: { private: true }, verdict: 'private-package' },
    // npm does not reveal the mode: "ready", with the caveat that "disallow tokens" would refuse it.
    { what: 'bypass token on a package whose mode cannot be read', login: 'alice-bypass', pkg: '@alice/locked', verdict: 'ready' },
  ];

  for (const c of cases) {
    it(c.what, async () => {
      loginAs(c.login && token(c.login));
      assert.equal(await verdictFor(c.pkg, c.manifest), c.verdict, api.status?.verdict.reason);
    });
  }

  it('bypass token on a package declared "Require 2FA and disallow tokens"', async () => {
    const settings = vscode.workspace.getConfiguration('npmPublishAuth');
    await settings.update('declaredPublishingAccess', { '@alice/locked': 'publish' }, vscode.ConfigurationTarget.Global);
    try {
      loginAs(token('alice-bypass'));
      assert.equal(await verdictFor('@alice/locked'), 'tokens-disallowed');
      assert.deepEqual(api.status?.publishingAccess, { state: 'known', mode: 'publish', source: { kind: 'declared' } });
    } finally {
      await settings.update('declaredPublishingAccess', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a publishing access declared in the package\'s workspace folder settings (the setting is resource-scoped)', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const settings = vscode.workspace.getConfiguration('npmPublishAuth', folder);
    await settings.update('declaredPublishingAccess', { '@alice/locked': 'publish' }, vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      loginAs(token('alice-bypass'));
      assert.equal(await verdictFor('@alice/locked'), 'tokens-disallowed');
      assert.deepEqual(api.status?.publishingAccess, { state: 'known', mode: 'publish', source: { kind: 'declared' } });
    } finally {
      await settings.update('declaredPublishingAccess', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
  });

  // npm never reveals the second factor; once declared, the verdict names the exact prompt.
  for (const [login, method, verdict] of [['alice-session', 'totp', 'needs-otp'], ['carol-session', 'passkey-only', 'needs-browser-approval']] as const) {
    it(`a ${method} account declared in the settings: ${verdict}`, async () => {
      const settings = vscode.workspace.getConfiguration('npmPublishAuth');
      await settings.update('twoFactorMethods', { [login.split('-')[0]!]: method }, vscode.ConfigurationTarget.Global);
      try {
        loginAs(token(login));
        assert.equal(await verdictFor('demo-pkg'), verdict, api.status?.verdict.reason);
        assert.equal(api.status?.twoFactorMethodSource, 'declared');
      } finally {
        await settings.update('twoFactorMethods', undefined, vscode.ConfigurationTarget.Global);
      }
    });
  }

  it('a new, unpublished package name: creating it is allowed, with 2FA', async () => {
    loginAs(token('alice-session'));
    assert.equal(await verdictFor('brand-new-name'), 'needs-2fa');
    assert.equal(api.status?.packageFacts?.state, 'unpublished');
    assert.equal(api.status?.writeAccess, 'new-package');
  });

  it('granular token facts come from the token list: name, permission, bypass, expiry', async () => {
    loginAs(token('alice-bypass'));
    await verdictFor('demo-pkg');
    const credential = api.status?.credential;
    assert.equal(credential?.kind, 'granular');
    if (credential?.kind !== 'granular') return;
    assert.equal(credential.name, 'ci-publish');
    assert.equal(credential.bypass2fa, true);
    assert.equal(credential.permission, 'read-write');
    assert.ok(credential.expiresAt && credential.expiresAt > Date.now());
  });

  it('a scoped package on its scoped registry while the default registry is unreachable', async () => {
    fs.writeFileSync(userNpmrc, `registry=http://127.0.0.1:9/\n@alice:registry=${registry.url}\n${nerf()}:_authToken=${token('alice-bypass')}\n`);
    assert.equal(await verdictFor('@alice/tools'), 'ready');
    assert.equal(api.status?.registry?.url, registry.url);
    assert.equal(api.status?.registry?.rule, 'scope-registry');
  });

  it('registry down then back: the last status stays, marked stale, then recovers', async () => {
    loginAs(token('alice-session'));
    assert.equal(await verdictFor('demo-pkg'), 'needs-2fa');
    registry.injectFault({}, { kind: 'server-error', status: 500 });
    await api.refresh();
    assert.ok(api.status?.stale, 'marked stale');
    assert.equal(api.status?.verdict.code, 'needs-2fa', 'the last known verdict stays visible');
    assert.match(api.statusItem.accessibilityLabel ?? '', /stale|out of date|could not|last/i);
    registry.clearFaults();
    await api.refresh();
    assert.equal(api.status?.stale, undefined);
  });

  it('rate-limited (429, retry-after 1): marked stale, then it asks again on its own', async () => {
    loginAs(token('alice-session'));
    assert.equal(await verdictFor('demo-pkg'), 'needs-2fa');
    await quietFor(1500); // the file events of loginAs have refreshed: only the retry can refresh next
    registry.injectFault({}, { kind: 'rate-limit', retryAfterSeconds: 1, body: 'html' });
    await api.refresh();
    assert.equal(api.status?.stale?.problem.kind, 'rate-limited');
    const recovered = nextStatus((s) => !s.stale, 'a status that is not stale');
    registry.clearFaults();
    await recovered;
    assert.equal(api.status?.verdict.code, 'needs-2fa');
  });

  it('${NPM_TOKEN} from the environment, then unset', async () => {
    fs.writeFileSync(userNpmrc, `registry=${registry.url}\n${nerf()}:_authToken=\${NPM_TOKEN}\n`);
    process.env.NPM_TOKEN = token('alice-bypass');
    assert.equal(await verdictFor('demo-pkg'), 'ready');
    delete process.env.NPM_TOKEN;
    await api.refresh();
    assert.equal(api.status?.verdict.code, 'credential-invalid');
    assert.equal(api.status?.configuredCredential.type, 'unset-variable');
    assert.ok(api.status?.configProblems.some((p) => p.includes('NPM_TOKEN')), 'the unset variable is named');
  });

  it('package.json edited into invalid JSON and back', async () => {
    loginAs(token('alice-session'));
    const dir = await openPackage('demo-pkg', { name: 'demo-pkg', version: '2.0.0' });
    await api.refresh();
    assert.equal(api.status?.verdict.code, 'needs-2fa');
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "demo-pkg", "version": "2.0.');
    await api.refresh();
    assert.ok(api.status?.package.parseError, 'the parse error is reported');
    assert.equal(api.status?.package.name, 'demo-pkg', 'the last good values stay');
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'demo-pkg', version: '1.0.0' }));
    await api.refresh();
    assert.equal(api.status?.package.parseError, undefined);
    assert.equal(api.status?.verdict.code, 'published');
  });

  it('an edit of package.json updates the status without a refresh command', async () => {
    loginAs(token('alice-session'));
    const dir = await openPackage('demo-pkg', { name: 'demo-pkg', version: '3.0.0' });
    await api.refresh();
    const changed = nextStatus((s) => s.package.private, 'the private package');
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'demo-pkg', version: '3.0.0', private: true }));
    await changed;
    assert.equal(api.status?.verdict.code, 'private-package');
  });

  it('a login in a terminal (the user .npmrc changes) updates the status without a refresh command', async () => {
    loginAs(undefined);
    await verdictFor('demo-pkg');
    assert.equal(api.status?.verdict.code, 'not-logged-in');
    const changed = nextStatus((s) => s.verdict.code === 'needs-2fa', 'the logged-in verdict');
    loginAs(token('alice-session'));
    await changed;
  });

  it('two workspace folders with different registries', async () => {
    const second = await startRegistry({ scenario: 'default' });
    await declareNpmjs(second);
    try {
      loginAs(undefined);
      const secondNerf = second.url.replace(/^http:/, '');
      const bypass = tokenOf(defaultScenario, 'alice-bypass');
      await openPackage('demo-none', { name: 'demo-none', version: '5.0.0' }, {
        folder: 1,
        projectNpmrc: `registry=${second.url}\n${secondNerf}:_authToken=${bypass}\n`,
      });
      await api.refresh();
      assert.equal(api.status?.registry?.url, second.url);
      assert.equal(api.status?.verdict.code, 'ready');

      await openPackage('demo-pkg', { name: 'demo-pkg', version: '5.0.0' }, { folder: 0 });
      await api.refresh();
      assert.equal(api.status?.registry?.url, registry.url);
      assert.equal(api.status?.verdict.code, 'not-logged-in');
    } finally {
      await second.close();
    }
  });

  it('a bypass-2FA token: the tooltip and the details say when npm plans to end its direct publishing, and where to move', async () => {
    loginAs(token('alice-bypass'));
    assert.equal(await verdictFor('demo-pkg'), 'ready');
    // Before the planned end and after it (the words change then; the test must not).
    const sentence = /npm plan(s|ned) to end direct publishing with bypass-2FA tokens in January 2027.*move to trusted publishing from CI, or to a stage-only token with approval\./;
    assert.match(api.statusItem.tooltip ?? '', sentence);
    assert.match(api.statusItem.tooltip ?? '', /\[Set Up Trusted Publishing…\]\(command:npmPublishAuth\.setUpTrustedPublishing\) · \[Docs\]\(https:\/\/docs\.npmjs\.com\/trusted-publishers\)/);
    assert.match(api.statusItem.accessibilityLabel ?? '', sentence);
    await vscode.commands.executeCommand('npmPublishAuth.showDetails');
    const report = (await reportDocument(packageSpec(api.status!))).getText();
    // The Markdown escapes its data: read it as the page shows it.
    assert.match(report.replace(/\\(.)/g, '$1'), sentence);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('never shows a secret in the status text, tooltip, label or details', async () => {
    const secrets = registry.secrets();
    for (const login of ['alice-session', 'alice-bypass', 'alice-expired']) {
      loginAs(token(login));
      await verdictFor('demo-pkg');
      await vscode.commands.executeCommand('npmPublishAuth.showDetails');
      const report = (await reportDocument(packageSpec(api.status!))).getText();
      assert.match(report, /^# npm Publish Auth details for demo-pkg/);
      const shown = [api.statusItem.text, api.statusItem.tooltip, api.statusItem.accessibilityLabel, report].join('\n');
      for (const secret of secrets) assert.ok(!shown.includes(secret), `a secret of ${login} leaked`);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });
});
