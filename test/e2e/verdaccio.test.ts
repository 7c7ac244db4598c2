// A private registry in the real workbench: a real Verdaccio 6.8.0 (test/verdaccio), the packaged
// extension, a person's clicks. No npmjs rule is claimed for it; what each action did there is told.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { loginWithPassword } from '../../src/core/account/accountRequests';
import { startVerdaccio, type Verdaccio } from '../verdaccio/server';
import { openFile, openWorkbenchOn, runCommand, screenshotOnFailure, waitForStatusLabel, waitForStatusTooltip, type Workbench } from './workbench';

describe('a private registry (a real Verdaccio) in the real workbench', function () {
  let verdaccio: Verdaccio;
  let workbench: Workbench | undefined;
  let token: string;
  const LABEL = /^npm publish status for vd-demo@1\.0\.0\. /;
  const page = () => workbench!.page;
  const toast = (p: Page, text: string) => p.locator('.notifications-toasts').filter({ hasText: text }).waitFor({ timeout: 60_000 });

  before(async function () {
    this.timeout(300_000);
    verdaccio = await startVerdaccio();
    await verdaccio.addUser('alice', 'verdaccio-pass-1');
    // npm's legacy login, as `npm login` does it against Verdaccio.
    token = await loginWithPassword(verdaccio.url, { registry: verdaccio.url }, 'alice', 'verdaccio-pass-1', undefined);
    const nerf = verdaccio.url.replace(/^http:/, '');
    workbench = await openWorkbenchOn({
      'vd/package.json': JSON.stringify({ name: 'vd-demo', version: '1.0.0', license: 'MIT' }, null, 2) + '\n',
      'vd/index.js': 'module.exports = 1;\n',
      'vd/.npmrc': `registry=${verdaccio.url}\n${nerf}:_authToken=${token}\n`,
    }, {}, { installed: true });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshotOnFailure(workbench?.page, this.currentTest.fullTitle());
  });
  after(async () => {
    await workbench?.close();
    await verdaccio?.close();
  });

  it('the status: ready with no prompt, no npmjs blocker, no 2-hour session', async () => {
    const p = page();
    await openFile(p, 'vd/package.json');
    await waitForStatusLabel(p, new RegExp(`${LABEL.source}.*Verdict: Ready to publish, no prompt\\.`), 60_000);
    const tooltip = await waitForStatusTooltip(p, /shows no two-factor authentication for alice/);
    assert.doesNotMatch(tooltip, /npmjs|2 h|session|Set Up 2FA|likely, npm's default/);
  });

  it('publishes without a prompt; the registry holds the exact tarball; the status says published just now', async () => {
    const p = page();
    await runCommand(p, 'npm: Publish with OTP');
    const dialog = p.locator('.monaco-dialog-box');
    await dialog.filter({ hasText: 'Publish vd-demo@1.0.0?' }).waitFor({ timeout: 30_000 });
    await dialog.locator('.dialog-buttons .monaco-button', { hasText: /^Publish$/ }).click();
    await toast(p, 'Published vd-demo@1.0.0');
    await waitForStatusLabel(p, new RegExp(`${LABEL.source}.*Verdict: Published just now\\.`));
    const folder = path.join(workbench!.workspace, 'vd');
    const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', workbench!.workspace], { cwd: folder, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: workbench!.server.home } }).trim();
    const local = createHash('sha1').update(fs.readFileSync(path.join(workbench!.workspace, packed))).digest('hex');
    const doc = (await (await fetch(`${verdaccio.url}vd-demo`, { headers: { authorization: `Bearer ${token}` } })).json()) as { versions: Record<string, { dist: { shasum: string } }> };
    assert.equal(doc.versions['1.0.0']!.dist.shasum, local);
  });

  it('a token: the wizard, the password, and the one showing names what Verdaccio did not apply', async () => {
    const p = page();
    const quickInput = p.locator('.quick-input-widget');
    const accept = async (shows: string) => {
      await quickInput.filter({ hasText: shows }).waitFor();
      await p.keyboard.press('Enter');
    };
    await runCommand(p, 'npm: Generate Access Token');
    await accept('For Me on This Machine');
    await accept('A name for the token');
    await accept('Read and write');
    await accept('Packages and @scopes');
    await accept('Days until the token expires');
    await accept('No — publishing asks for 2FA');
    await accept('allowed IP ranges');
    const summary = p.locator('.monaco-dialog-box').filter({ hasText: 'Create token "' });
    await summary.waitFor();
    await summary.locator('.dialog-buttons .monaco-button', { hasText: /^Create Token$/ }).click();
    await quickInput.filter({ hasText: 'Your password on' }).waitFor();
    await quickInput.locator('input[type="password"]').fill('verdaccio-pass-1');
    await p.keyboard.press('Enter');
    // No 2FA there: no code is asked; the token is shown once, with what the registry ignored.
    const dialog = p.locator('.monaco-dialog-box').filter({ hasText: 'shown only this once' });
    await dialog.waitFor({ timeout: 30_000 });
    assert.match((await dialog.textContent()) ?? '', /did not apply the expiry \(it may never expire\), the package and scope limits/);
    await dialog.locator('.dialog-buttons .monaco-button', { hasText: /^Close$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('logs out: the line is removed, and the toast says Verdaccio did not revoke the token', async () => {
    const p = page();
    await runCommand(p, 'npm: Log Out');
    const dialog = p.locator('.monaco-dialog-box').filter({ hasText: 'alice' });
    await dialog.waitFor();
    await dialog.locator('.dialog-buttons .monaco-button', { hasText: /^Log Out$/ }).click();
    await toast(p, 'did not revoke the token: it still works there');
    // The version is out, so the verdict stays "published"; the credential line says the rest.
    await waitForStatusLabel(p, new RegExp(`${LABEL.source}Not logged in to 127\\.0\\.0\\.1:\\d+\\. .*Verdict: Published`));
    assert.equal(fs.readFileSync(path.join(workbench!.workspace, 'vd', '.npmrc'), 'utf8'), `registry=${verdaccio.url}\n`);
    // What the toast says is what the registry does: the token still answers whoami.
    const whoami = await fetch(`${verdaccio.url}-/whoami`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(whoami.status, 200);
  });
});
