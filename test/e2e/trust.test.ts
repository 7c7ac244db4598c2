// Trusted publishing in the real workbench: a package in a repository with a GitHub remote and a
// workflow that publishes. The wizard proposes the repository, the workflow and its environment; the
// second factor is met once; the registry receives the very body the real `npm trust github` sends
// for the same inputs (a differential test); the tooltip shows the trusted publisher; revoke removes it.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { assertSucceeds, NpmWorkspace } from '../registry/conformance/npmCli';
import { DEMO_OTP, demoToken } from '../registry/scenarios';
import { openFile, runCommand, waitForPackage, waitForStatusTooltip, workbenchSuite } from './workbench';

const RELEASE_WORKFLOW = [
  'on:', '  push:', '    tags: ["v*"]', 'jobs:',
  '  test:', '    runs-on: ubuntu-latest', '    steps:', '      - run: npm test',
  '  release:', '    needs: test', '    runs-on: ubuntu-latest', '    environment: npm',
  '    permissions:', '      contents: read', '      id-token: write',
  '    steps:', '      - uses: actions/checkout@v4', '      - run: npm install -g npm@latest', '      - run: npm publish', '',
].join('\n');

describe('trusted publishing in the real workbench', function () {
  const suite = workbenchSuite((npmrc) => ({
    'tp/package.json': JSON.stringify({ name: 'demo-pkg', version: '6.0.0', license: 'MIT', repository: { type: 'git', url: 'git+https://github.com/alice/demo.git' } }, null, 2) + '\n',
    'tp/.npmrc': npmrc(demoToken('alice-session')),
    'tp/.git/config': '[core]\n\tbare = false\n[remote "origin"]\n\turl = git@github.com:alice/demo.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n',
    'tp/.github/workflows/ci.yml': 'on: push\njobs:\n  lint:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm run lint\n',
    'tp/.github/workflows/release.yml': RELEASE_WORKFLOW,
  }));
  const page = () => suite.workbench.page;
  const quickInput = (p: Page) => p.locator('.quick-input-widget');
  const dialog = (p: Page, text: string) => p.locator('.monaco-dialog-box').filter({ hasText: text });
  const toast = (p: Page, text: string) => p.locator('.notifications-toasts').filter({ hasText: text }).waitFor({ timeout: 60_000 });

  /** Accepts the step once `shows` (its prompt or a row: a placeholder is no text) is on screen, after checking what it proposes (an input's value, or the active row). */
  async function accept(p: Page, shows: string, proposed: string): Promise<void> {
    const widget = quickInput(p).filter({ hasText: shows });
    await widget.waitFor();
    const input = widget.locator('.quick-input-box input');
    const rows = widget.locator('.quick-input-list .monaco-list-row');
    const value = (await rows.count()) > 0 ? (await widget.locator('.quick-input-list .monaco-list-row.focused').first().innerText()) : await input.inputValue();
    assert.ok(value.includes(proposed), `${shows}: proposed ${JSON.stringify(value)}, expected ${proposed}`);
    await p.keyboard.press('Enter');
  }

  async function typeOneTimePassword(p: Page): Promise<void> {
    await quickInput(p).filter({ hasText: 'Trusted publishing of demo-pkg: one-time password' }).waitFor({ timeout: 30_000 });
    await quickInput(p).locator('input[type="password"]').fill(DEMO_OTP);
    await p.keyboard.press('Enter');
  }

  it('sets it up as proposed: one code, npm\'s own body, and the tooltip shows the trusted publisher', async () => {
    const p = page();
    const { registry } = suite;
    await openFile(p, 'tp/package.json');
    await waitForPackage(p, 'demo-pkg@6.0.0');
    await runCommand(p, 'npm: Set Up Trusted Publishing…');
    await accept(p, 'GitLab CI/CD', 'GitHub Actions');
    await accept(p, 'The GitHub repository', 'alice/demo');
    await accept(p, 'Another file…', 'release.yml');
    await accept(p, 'The environment the job must run in', 'npm');
    await accept(p, 'npm stage publish', 'npm publish');
    const confirm = dialog(p, 'Set up trusted publishing of demo-pkg?');
    await confirm.waitFor();
    assert.match((await confirm.textContent()) ?? '', /GitHub Actions · alice\/demo · release\.yml · environment npm · allows npm publish.*npm trust github demo-pkg --repo alice\/demo --file release\.yml --env npm --allow-publish/s);
    await confirm.locator('.dialog-buttons .monaco-button', { hasText: /^Set Up$/ }).click();
    await typeOneTimePassword(p);
    await toast(p, 'Trusted publishing of demo-pkg is set up');
    assert.equal(registry.trustOf('demo-pkg').length, 1);
    assert.deepEqual(registry.requests.filter((r) => r.path.includes('/trust')).map((r) => `${r.method} ${r.status}`), ['GET 401', 'GET 200', 'POST 201']);

    // The differential: the real npm CLI, the same inputs. The registry keeps every body as sent, also
    // the one it then refuses (npm keeps one config per package: the CLI's second one is a 409).
    const npm = new NpmWorkspace(registry);
    try {
      npm.useToken(demoToken('alice-session'));
      const cli = await npm.run(['trust', 'github', 'demo-pkg', '--repo', 'alice/demo', '--file', 'release.yml', '--env', 'npm', '--allow-publish', '--yes', `--otp=${DEMO_OTP}`]);
      assert.notEqual(cli.code, 0, 'the second config is refused');
      const [ours, npms] = registry.trustBodies();
      assert.deepEqual(ours, { ...npms!, at: ours!.at }, 'the extension sent what npm trust github sends');
      assert.deepEqual(ours!.body, [{ type: 'github', claims: { repository: 'alice/demo', workflow_ref: { file: 'release.yml' }, environment: 'npm' }, permissions: ['createPackage'] }]);
      // And npm reads back the config the extension made.
      const list = await npm.run(['trust', 'list', 'demo-pkg', `--otp=${DEMO_OTP}`]);
      assertSucceeds(list);
      assert.match(list.stdout, /file: release\.yml\s+repository: alice\/demo\s+environment: npm/);
    } finally {
      npm.cleanup();
    }
    await waitForStatusTooltip(p, /Trusted publishing: GitHub Actions · alice\/demo · release\.yml · environment npm · allows npm publish · set here/);
  });

  it('revokes it after a confirmation: the registry has none, and the tooltip says so', async () => {
    const p = page();
    const { registry } = suite;
    const [config] = registry.trustOf('demo-pkg');
    assert.ok(config, 'the previous test set one up');
    await runCommand(p, 'npm: Revoke Trusted Publisher…');
    await typeOneTimePassword(p);
    const confirm = dialog(p, 'Revoke the trusted publisher of demo-pkg?');
    await confirm.waitFor();
    assert.match((await confirm.textContent()) ?? '', /GitHub Actions · alice\/demo · release\.yml/);
    await confirm.locator('.dialog-buttons .monaco-button', { hasText: /^Revoke$/ }).click();
    await toast(p, 'The trusted publisher of demo-pkg was revoked.');
    assert.deepEqual(registry.trustOf('demo-pkg'), []);
    assert.equal(registry.requests.filter((r) => r.method === 'DELETE' && r.path.endsWith(`/trust/${config.id}`) && r.status === 204).length, 1);
    await waitForStatusTooltip(p, /Trusted publishing: none configured · revoked here/);
  });
});
