// Setting up, reading and revoking a trusted publisher inside the real extension host, against the
// local registry's trust routes (which the real `npm trust` proves, test/registry/trust.test.ts):
// the wizard's proposal from the repository, the body sent, the second factor, the status after.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PublishAuthApi } from '../../../src/ui/publishAuthExtension';
import type { Prompts } from '../../../src/ui/prompts';
import type { StepAnswer } from '../../../src/core/policy/multiStep';
import { startRegistry, type LocalRegistry } from '../../registry/server';
import { declareNpmjs } from '../registryKinds';
import { DEMO_OTP, defaultScenario, tokenOf } from '../../registry/scenarios';

const EXTENSION_ID = 'npm-publish-auth.npm-publish-auth';
const userNpmrc = path.join(os.homedir(), '.npmrc');

describe('trusted publishing from the editor', function () {
  let api: PublishAuthApi;
  let registry: LocalRegistry;
  let root: string;
  let asked: string[] = [];
  let told: string[] = [];

  before(async () => {
    registry = await startRegistry({ scenario: 'default' });
    await declareNpmjs(registry);
    api = await vscode.extensions.getExtension<PublishAuthApi>(EXTENSION_ID)!.activate();
    root = path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'trusted-publisher-cases');
  });

  beforeEach(() => login('alice-session'));

  after(async () => {
    api.usePrompts(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(userNpmrc, { force: true });
    await registry.close();
  });

  function login(token: string): void {
    const nerf = registry.url.replace(/^http:/, '');
    fs.writeFileSync(userNpmrc, `registry=${registry.url}\n${nerf}:_authToken=${tokenOf(defaultScenario, token)}\n`, { mode: 0o600 });
  }

  /** A repository with an origin remote, a workflow, and the package; shown and refreshed. */
  async function openRepository(name: string, remote: string, workflows: Record<string, string[]>): Promise<string> {
    const repo = path.join(root, name.replace(/[@/]/g, '_'));
    fs.rmSync(repo, { recursive: true, force: true });
    fs.mkdirSync(path.join(repo, '.git'), { recursive: true });
    fs.writeFileSync(path.join(repo, '.git', 'config'), `[remote "origin"]\n\turl = ${remote}\n`);
    fs.mkdirSync(path.join(repo, '.github', 'workflows'), { recursive: true });
    for (const [file, lines] of Object.entries(workflows)) fs.writeFileSync(path.join(repo, '.github', 'workflows', file), lines.join('\n'));
    const manifest = path.join(repo, 'package.json');
    fs.writeFileSync(manifest, JSON.stringify({ name, version: '9.0.0' }, null, 2));
    await vscode.window.showTextDocument(vscode.Uri.file(manifest));
    await api.refresh();
    assert.equal(api.status?.package.name, name);
    return repo;
  }

  /**
   * Prompts from a script: each wizard step takes its proposed value unless `steps` says otherwise;
   * confirms and picks answer in order; every question and notification is recorded.
   */
  function answer(script: { steps?: Record<string, string>; confirms?: (string | undefined)[]; codes?: string[]; pick?: string }): void {
    const confirms = [...(script.confirms ?? [])];
    const codes = [...(script.codes ?? [])];
    asked = [];
    told = [];
    const prompts: Partial<Prompts> = {
      step: async (view): Promise<StepAnswer> => {
        asked.push(`step ${view.step.id}: ${view.value}`);
        return { kind: 'value', value: script.steps?.[view.step.id] ?? view.value };
      },
      confirm: async (message, detail, ...buttons) => (asked.push(`confirm: ${message} | ${detail} [${buttons.join(', ')}]`), confirms.shift()),
      oneTimePassword: async ({ title, rejected }) => (asked.push(`otp${rejected ? ' again' : ''}: ${title}`), codes.shift()),
      pick: async (items, { title }) => {
        asked.push(`pick: ${title} [${items.map((i) => i.label).join(' / ')}]`);
        return items.find((i) => i.label === script.pick);
      },
      message: async (severity, text, ...buttons) => (told.push(`${severity}: ${text} [${buttons.join(', ')}]`), undefined),
    };
    api.usePrompts(prompts);
  }

  /** Read anew each time (the status changes under the test). */
  const trustNow = () => api.status?.trustedPublishing;
  const trustRequests = () => registry.requests.filter((r) => r.path.includes('/trust')).map((r) => `${r.method} ${r.status}`);
  const publishJob = (environment?: string) => [
    'on: push', 'jobs:', '  release:', '    runs-on: ubuntu-latest', ...(environment ? [`    environment: ${environment}`] : []),
    '    permissions:', '      id-token: write', '    steps:', '      - run: npm publish', '',
  ];

  it('set up: proposes the remote\'s repository, the workflow that publishes and its environment; one code; sends npm\'s body', async () => {
    await openRepository('demo-pkg', 'git@github.com:alice/demo.git', { 'ci.yml': ['jobs:', '  test:', '    steps:', '      - run: npm test', ''], 'release.yml': publishJob('npm') });
    const before = registry.requests.length;
    answer({ confirms: ['Set Up'], codes: [DEMO_OTP] });
    await vscode.commands.executeCommand('npmPublishAuth.setUpTrustedPublishing');
    assert.deepEqual(asked.filter((a) => a.startsWith('step')), [
      'step provider: github', 'step repository: alice/demo', 'step workflow: release.yml', 'step environment: npm', 'step permissions: publish',
    ]);
    const confirm = asked.find((a) => a.startsWith('confirm'))!;
    assert.match(confirm, /Set up trusted publishing of demo-pkg\? \| GitHub Actions · alice\/demo · release\.yml · environment npm · allows npm publish/);
    assert.match(confirm, /Same as: npm trust github demo-pkg --repo alice\/demo --file release\.yml --env npm --allow-publish/);
    // npm asks for the second factor on every trust call: the code accepted for reading is tried first for the change.
    assert.equal(asked.filter((a) => a.startsWith('otp')).length, 1);
    assert.deepEqual(registry.requests.slice(before).filter((r) => r.path.includes('/trust')).map((r) => `${r.method} ${r.status}`), ['GET 401', 'GET 200', 'POST 201']);
    assert.deepEqual(registry.trustBodies().at(-1)!.body, [{ type: 'github', claims: { repository: 'alice/demo', workflow_ref: { file: 'release.yml' }, environment: 'npm' }, permissions: ['createPackage'] }]);
    const trust = api.status?.trustedPublishing;
    assert.ok(trust?.state === 'configured' && trust.how === 'set' && trust.config.id === registry.trustOf('demo-pkg')[0]!.id, JSON.stringify(trust));
    assert.match(api.statusItem.tooltip ?? '', /Trusted publishing: GitHub Actions · alice\/demo · release\.yml · environment npm · allows npm publish · set here/);
    assert.match(told.at(-1)!, /^info: Trusted publishing of demo-pkg is set up/);
  });

  it('replace: the current config is shown beside the new one and revoked first, after a confirmation', async () => {
    await openRepository('@alice/locked', 'https://github.com/alice/locked.git', { 'publish.yml': publishJob('prod') });
    const [old] = registry.trustOf('@alice/locked');
    answer({ confirms: ['Set Up', 'Replace'], codes: [DEMO_OTP] });
    await vscode.commands.executeCommand('npmPublishAuth.setUpTrustedPublishing');
    const replace = asked.find((a) => a.startsWith('confirm: Replace'))!;
    assert.match(replace, /Now: GitHub Actions · alice\/locked · publish\.yml · allows npm publish\nNew: GitHub Actions · alice\/locked · publish\.yml · environment prod · allows npm publish/);
    const configs = registry.trustOf('@alice/locked');
    assert.equal(configs.length, 1);
    assert.notEqual(configs[0]!.id, old!.id);
    assert.equal(configs[0]!.claims.environment, 'prod');
    assert.deepEqual(trustRequests().slice(-3), ['GET 200', 'DELETE 204', 'POST 201']);
  });

  it('cancelled at the replace question: nothing is revoked or sent', async () => {
    await openRepository('@alice/locked', 'https://github.com/alice/locked.git', { 'publish.yml': publishJob() });
    const [current] = registry.trustOf('@alice/locked');
    const sent = registry.trustBodies().length;
    answer({ confirms: ['Set Up', undefined], codes: [DEMO_OTP] });
    await vscode.commands.executeCommand('npmPublishAuth.setUpTrustedPublishing');
    assert.deepEqual(registry.trustOf('@alice/locked').map((c) => c.id), [current!.id]);
    assert.equal(registry.trustBodies().length, sent);
    assert.equal(trustRequests().at(-1), 'GET 200');
  });

  it('show, then revoke: the status says what the registry said, then that it was revoked here', async () => {
    await openRepository('@alice/locked', 'https://github.com/alice/locked.git', { 'publish.yml': publishJob('prod') });
    answer({ codes: [DEMO_OTP] });
    await vscode.commands.executeCommand('npmPublishAuth.showTrustedPublishing');
    assert.match(asked.find((a) => a.startsWith('pick'))!, /pick: Trusted publisher of @alice\/locked \[\$\(verified\) GitHub Actions · alice\/locked · publish\.yml · environment prod · allows npm publish \/ \$\(trash\) Revoke… \/ \$\(replace\) Replace…\]/);
    assert.equal(trustNow()?.state, 'configured');
    assert.match(api.statusItem.tooltip ?? '', /Trusted publishing: GitHub Actions · alice\/locked .* · read /);

    answer({ confirms: ['Revoke'], codes: [DEMO_OTP] });
    await vscode.commands.executeCommand('npmPublishAuth.revokeTrustedPublishing');
    assert.match(asked.find((a) => a.startsWith('confirm'))!, /Revoke the trusted publisher of @alice\/locked\? \| GitHub Actions · alice\/locked/);
    assert.deepEqual(registry.trustOf('@alice/locked'), []);
    const trust = trustNow();
    assert.ok(trust?.state === 'none' && trust.how === 'revoked', JSON.stringify(trust));
    assert.match(api.statusItem.tooltip ?? '', /Trusted publishing: none configured · revoked here/);
    assert.deepEqual(told, ['info: The trusted publisher of @alice/locked was revoked. []']);
  });

  it('a package never published: says what npm requires, offers Publish, asks the registry nothing about trust', async () => {
    await openRepository('brand-new-pkg', 'git@github.com:alice/new.git', { 'release.yml': publishJob() });
    const before = trustRequests().length;
    answer({});
    await vscode.commands.executeCommand('npmPublishAuth.setUpTrustedPublishing');
    assert.deepEqual(asked, []);
    assert.match(told[0]!, /^info: npm sets up trusted publishing only for a package that exists\. Publish the first version of brand-new-pkg .*\[Publish\]$/);
    assert.equal(trustRequests().length, before);
  });

  it('a hostile package name cannot reach another route: the commands that put it in a path stop before sending', async () => {
    for (const name of ['..', '../-/npm/v1/tokens', '@alice/x/../../-/whoami']) {
      await openRepository(name, 'git@github.com:alice/demo.git', { 'release.yml': publishJob() });
      for (const command of ['setUpTrustedPublishing', 'showTrustedPublishing', 'revokeTrustedPublishing', 'setPublishingAccess']) {
        const before = registry.requests.length;
        answer({ confirms: ['Set Up', 'Revoke'], codes: [DEMO_OTP], pick: 'Require two-factor authentication' });
        await vscode.commands.executeCommand(`npmPublishAuth.${command}`);
        const sent = registry.requests.slice(before).map((r) => `${r.method} ${r.path}`);
        assert.deepEqual(sent.filter((r) => !r.startsWith('GET /-/whoami') && !r.startsWith('GET /-/npm/v1/user') && !r.startsWith('GET /-/npm/v1/tokens')), [], `${command} ${name}`);
        assert.ok(!sent.some((r) => r.includes('..')), `${command} ${name}: ${sent.join(', ')}`);
        assert.deepEqual(asked, [], `${command} ${name}`);
        assert.match(told[0] ?? '', /^warning: Invalid name: .* in package\.json\. Fix it first\./, `${command} ${name}`);
      }
    }
  });

  it('a bypass-2FA token: told to log in with a session; nothing is sent', async () => {
    login('alice-bypass');
    await openRepository('@alice/tools', 'git@github.com:alice/tools.git', { 'release.yml': publishJob() });
    const before = trustRequests().length;
    answer({});
    await vscode.commands.executeCommand('npmPublishAuth.setUpTrustedPublishing');
    assert.match(told[0]!, /bypass-2FA token .*\[Log In\]$/);
    assert.equal(trustRequests().length, before);
  });

  it('an account without 2FA: told what npm requires, with Set Up 2FA; nothing is sent', async () => {
    login('dave-session');
    await openRepository('demo-pkg', 'git@github.com:alice/demo.git', { 'release.yml': publishJob() });
    assert.equal(api.status?.accountTwoFactor, 'disabled');
    const before = trustRequests().length;
    answer({});
    await vscode.commands.executeCommand('npmPublishAuth.setUpTrustedPublishing');
    assert.match(told[0]!, /only for accounts with two-factor authentication.*\[Set Up 2FA…\]$/);
    assert.equal(trustRequests().length, before);
  });
});
