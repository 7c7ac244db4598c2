// Publishing as a person does it: the packaged extension in a workbench that shows dialogs and
// notifications, the command palette, the real modal, the real input box, the registry's own
// approval page in the browser.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_OTP, demoToken } from '../registry/scenarios';
import { cutOffTexts, openFile, runCommand, waitForStatusLabel, workbenchSuite } from './workbench';

describe('publishing from the real workbench', function () {
  const pkg = (npmrc: (token: string) => string, folder: string, version: string, token: string) => ({
    [`${folder}/package.json`]: JSON.stringify({
      name: 'demo-pkg',
      version,
      license: 'MIT',
      // Counts the builds, outside the package so the file is not packed.
      scripts: { prepack: `node -e "require('fs').appendFileSync('../${folder}-prepack.log', 'x')"` },
    }, null, 2) + '\n',
    [`${folder}/.npmrc`]: npmrc(token),
  });
  const suite = workbenchSuite((npmrc) => ({
    ...pkg(npmrc, 'totp', '4.0.0', demoToken('alice-session')),
    ...pkg(npmrc, 'passkey', '4.1.0', demoToken('carol-session')),
  }));
  const page = () => suite.workbench.page;
  const builds = (folder: string) => fs.readFileSync(path.join(suite.workbench.workspace, `${folder}-prepack.log`), 'utf8').length;

  async function confirmInModal(p: Page, spec: string): Promise<void> {
    const dialog = p.locator('.monaco-dialog-box');
    await dialog.filter({ hasText: `Publish ${spec}?` }).waitFor({ timeout: 30_000 });
    await dialog.locator('.dialog-buttons .monaco-button', { hasText: /^Publish$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  it('TOTP user: the modal, a wrong code, then the right one; built once; the status shows the version', async () => {
    const p = page();
    await openFile(p, 'totp/package.json');
    await waitForStatusLabel(p, /^npm publish status for demo-pkg@4\.0\.0\./);
    await runCommand(p, 'npm: Publish with OTP');
    await confirmInModal(p, 'demo-pkg@4.0.0');

    const box = p.locator('.quick-input-widget');
    const input = box.locator('input[type="password"]');
    await box.filter({ hasText: 'Publish demo-pkg@4.0.0: one-time password' }).waitFor();
    await input.fill('111111');
    await p.keyboard.press('Enter');
    // The refusal is the box's validation message (an error), not grey prompt text.
    await box.locator('.monaco-inputbox.error').waitFor({ timeout: 30_000 });
    await box.filter({ hasText: 'did not accept that code' }).waitFor();
    await input.fill(DEMO_OTP);
    await p.keyboard.press('Enter');

    await p.locator('.notifications-toasts').filter({ hasText: 'Published demo-pkg@4.0.0' }).waitFor({ timeout: 60_000 });
    await waitForStatusLabel(p, /^npm publish status for demo-pkg@4\.0\.0\. .*Verdict: Published just now\./);
    assert.ok(suite.registry.state.packages.get('demo-pkg')!.versions.has('4.0.0'));
    assert.equal(builds('totp'), 1, 'prepack ran once for three uploads');
  });

  it('passkey-only user: approves on the registry\'s page in the browser, no OTP box', async () => {
    const p = page();
    await openFile(p, 'passkey/package.json');
    await waitForStatusLabel(p, /^npm publish status for demo-pkg@4\.1\.0\./);
    const approvalPage = p.context().waitForEvent('page', { timeout: 60_000 });
    await runCommand(p, 'npm: Publish with OTP');
    await confirmInModal(p, 'demo-pkg@4.1.0');

    // openExternal opens the registry's approval page in a new tab, as in a person's browser.
    await approvalPage;
    // One notification for the publish and its round trip: one Cancel, and the links for a browser elsewhere.
    const toasts = p.locator('.notifications-toasts .notification-toast');
    const roundTrip = toasts.filter({ hasText: 'approve it in your browser' });
    await roundTrip.waitFor({ timeout: 30_000 });
    assert.equal(await toasts.filter({ has: p.locator('.monaco-button', { hasText: /^Cancel$/ }) }).count(), 1, 'one Cancel');
    assert.match((await roundTrip.textContent()) ?? '', /Publishing demo-pkg@4\.1\.0: approve it in your browser \(127\.0\.0\.1:\d+\) Copy Link · Open Again/);
    assert.deepEqual(await cutOffTexts(p), [], 'the notification is readable whole');
    const openedAgain = p.context().waitForEvent('page', { timeout: 30_000 });
    await roundTrip.locator('a', { hasText: 'Open Again' }).click();
    const approval = await openedAgain;
    await approval.locator('button', { hasText: 'Use security key (approve)' }).click();
    await p.locator('.notifications-toasts').filter({ hasText: 'Published demo-pkg@4.1.0' }).waitFor({ timeout: 60_000 });
    await roundTrip.waitFor({ state: 'detached', timeout: 30_000 });
    await waitForStatusLabel(p, /^npm publish status for demo-pkg@4\.1\.0\. .*Verdict: Published just now\./);
    assert.equal(await p.locator('.quick-input-widget input[type="password"]').isVisible(), false);
    assert.equal(builds('passkey'), 1);
  });
});

describe('publishing in Restricted Mode', function () {
  const suite = workbenchSuite((npmrc) => ({
    'untrusted/package.json': JSON.stringify({ name: 'demo-pkg', version: '5.0.0', scripts: { prepack: 'node -e "require(\'fs\').writeFileSync(\'../built\', \'x\')"' } }, null, 2),
    'untrusted/.npmrc': npmrc(demoToken('alice-bypass')),
  }), { workspaceTrust: true });

  it('the command explains why it will not run the package\'s scripts; nothing is built or sent', async () => {
    const p = suite.workbench.page;
    // A folder VS Code has not been told to trust opens in Restricted Mode.
    await p.locator('#workbench\\.parts\\.statusbar').filter({ hasText: 'Restricted Mode' }).waitFor({ timeout: 60_000 });
    await openFile(p, 'untrusted/package.json');
    await waitForStatusLabel(p, /^npm publish status for demo-pkg@5\.0\.0\./);
    await runCommand(p, 'npm: Publish with OTP');
    const dialog = p.locator('.monaco-dialog-box').filter({ hasText: 'Publishing runs the package\'s build scripts, so it is disabled in Restricted Mode' });
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.locator('.dialog-buttons .monaco-button', { hasText: /^Cancel$/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(fs.existsSync(path.join(suite.workbench.workspace, 'built')), false);
    assert.deepEqual(suite.registry.requests.filter((r) => r.method === 'PUT'), []);
  });
});
