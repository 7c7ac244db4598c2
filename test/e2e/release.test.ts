// The packages view and a release of several packages as a person does it: the Explorer's view, the
// command palette, the real multi-select pick, the real modal, the real OTP box, the registry's own
// approval page with npm's "skip 2FA for the next 5 minutes".
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_OTP, demoToken } from '../registry/scenarios';
import { runCommand, waitForStatusLabel, workbenchSuite } from './workbench';

/** A workspace package with its project .npmrc; its prepack counts the builds outside the package. */
function pkg(npmrc: (token: string) => string, token: string, folder: string, manifest: Record<string, unknown>): Record<string, string> {
  const scripts = { prepack: `node -e "require('fs').appendFileSync('../${folder}.builds', 'x')"` };
  return {
    [`${folder}/package.json`]: JSON.stringify({ license: 'MIT', scripts, ...manifest }, null, 2) + '\n',
    [`${folder}/.npmrc`]: npmrc(token),
  };
}

/** Keyboard-first: the palette's command, which expands the view in the Explorer and focuses it. */
async function openPackagesView(p: Page): Promise<void> {
  await waitForStatusLabel(p, /^npm publish status for /); // the extension is active
  await runCommand(p, 'npm: Show Packages');
}
/** Waits until the view's row of `name` reads `expected`: its accessible label (name version. verdict. …), as a screen reader says it. */
async function rowLabel(p: Page, name: string, expected: RegExp): Promise<void> {
  // Runs in the page (a string: the tests compile without the DOM's types).
  const selector = JSON.stringify(`.monaco-list-row[aria-label^="${name} "]`);
  const pattern = JSON.stringify(expected.source);
  await p.waitForFunction(`[...document.querySelectorAll(${selector})].some((e) => new RegExp(${pattern}).test(e.getAttribute('aria-label') ?? ''))`, undefined, { timeout: 60_000 });
}

async function publishEverythingUnpublished(p: Page, count: number): Promise<void> {
  await runCommand(p, 'npm: Publish Packages…');
  const box = p.locator('.quick-input-widget');
  await box.filter({ hasText: 'Publish Packages' }).waitFor({ timeout: 60_000 });
  await box.locator('.quick-input-count', { hasText: `${count} Selected` }).waitFor();
  await p.keyboard.press('Enter'); // the ticked ones: every package whose version is not on the registry
  const dialog = p.locator('.monaco-dialog-box').filter({ hasText: `Publish ${count} packages to` });
  await dialog.waitFor({ timeout: 60_000 });
  await dialog.locator('.dialog-buttons .monaco-button', { hasText: /^Publish$/ }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** `code` is read once the box is there (after a refusal, the registry's window has moved on). */
async function typeCode(p: Page, title: string, code: () => string, refused = false): Promise<void> {
  const box = p.locator('.quick-input-widget');
  await box.filter({ hasText: title }).waitFor({ timeout: 60_000 });
  if (refused) await box.locator('.monaco-inputbox.error').waitFor({ timeout: 30_000 });
  await box.locator('input[type="password"]').fill(code());
  await p.keyboard.press('Enter');
}

describe('a release of several packages from the real workbench (TOTP)', function () {
  const suite = workbenchSuite((npmrc) => {
    const alice = demoToken('alice-session');
    return {
      ...pkg(npmrc, alice, 'core', { name: 'rel-core', version: '1.0.0' }),
      ...pkg(npmrc, alice, 'app', { name: 'rel-app', version: '1.0.0', dependencies: { 'rel-core': '^1.0.0' } }),
      ...pkg(npmrc, alice, 'util', { name: 'demo-pkg', version: '1.0.0' }),
      'secret/package.json': JSON.stringify({ name: 'rel-secret', version: '1.0.0', private: true }),
    };
  }, { settings: { 'npmPublishAuth.twoFactorMethods': { alice: 'totp' } } });
  const page = () => suite.workbench.page;
  const builds = (folder: string) => fs.readFileSync(path.join(suite.workbench.workspace, `${folder}.builds`), 'utf8').length;
  const puts = () => suite.registry.requests.filter((r) => r.method === 'PUT').map((r) => `${decodeURIComponent(r.path.slice(1))} ${r.status}${r.otpId ? ` otp#${r.otpId}` : ''}`);

  it('the view shows every package with its verdict; "everything unpublished" asks one code once, in dependency order, and skips the published one', async () => {
    const p = page();
    await openPackagesView(p);
    await rowLabel(p, 'rel-core', /^rel-core 1\.0\.0\. OTP\. Publishing will ask for a one-time password/);
    await rowLabel(p, 'rel-app', /^rel-app 1\.0\.0\. OTP\./);
    await rowLabel(p, 'demo-pkg', /^demo-pkg 1\.0\.0\. published\./);
    await rowLabel(p, 'rel-secret', /^rel-secret 1\.0\.0\. private\./);

    await publishEverythingUnpublished(p, 2);
    await typeCode(p, 'Publish rel-core@1.0.0: one-time password', () => DEMO_OTP);
    const summary = p.locator('.notifications-toasts').filter({ hasText: '2 of 2 published, 1 skipped.' });
    await summary.waitFor({ timeout: 120_000 });
    assert.deepEqual(puts(), ['rel-core 200 otp#1', 'rel-app 200 otp#1'], 'the same npm-otp on each PUT');
    assert.deepEqual([builds('core'), builds('app')], [1, 1]);

    await summary.locator('.monaco-button', { hasText: 'Show Summary' }).click();
    // The summary opens as a rendered Markdown document (its lines are the in-host suite's to check).
    const tab = p.locator('.tabs-container .tab', { hasText: 'Release summary' });
    await tab.waitFor({ timeout: 30_000 });
    // Closed again: the keyboard in a preview's webview would not reach the command palette.
    await tab.click({ button: 'middle' });
    await tab.waitFor({ state: 'detached' });
    await rowLabel(p, 'rel-app', /^rel-app 1\.0\.0\. published\./);
  });

  it('a second release whose code the registry refuses halfway asks once more and finishes', async () => {
    const p = page();
    for (const folder of ['core', 'app']) {
      const file = path.join(suite.workbench.workspace, folder, 'package.json');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"version": "1.0.0"', '"version": "1.0.1"'));
    }
    suite.registry.clearRequests();
    suite.registry.endOtpWindowAfter(1);
    await publishEverythingUnpublished(p, 2);
    await typeCode(p, 'Publish rel-core@1.0.1: one-time password', () => DEMO_OTP);
    await typeCode(p, 'Publish rel-app@1.0.1: one-time password', () => suite.registry.currentOtp(), true);
    await p.locator('.notifications-toasts').filter({ hasText: '2 of 2 published, 1 skipped.' }).waitFor({ timeout: 120_000 });
    assert.deepEqual(puts(), ['rel-core 200 otp#1', 'rel-app 401 otp#1', 'rel-app 200 otp#2']);
    assert.deepEqual([builds('core'), builds('app')], [2, 2], 'one more build each, whatever the retries');
  });
});

describe('a release of several packages from the real workbench (passkey)', function () {
  const suite = workbenchSuite((npmrc) => {
    const carol = demoToken('carol-session');
    return {
      ...pkg(npmrc, carol, 'core', { name: 'key-core', version: '1.0.0' }),
      ...pkg(npmrc, carol, 'app', { name: 'key-app', version: '1.0.0', dependencies: { 'key-core': '1.0.0' } }),
    };
  }, { settings: { 'npmPublishAuth.twoFactorMethods': { carol: 'passkey-only' } } });

  it('approves once on the registry\'s page with the 5-minute skip ticked; the other package goes without asking', async () => {
    const p = suite.workbench.page;
    await openPackagesView(p);
    await rowLabel(p, 'key-app', /^key-app 1\.0\.0\. browser\./);
    const pages: Page[] = [];
    p.context().on('page', (opened) => pages.push(opened));
    const approvalPage = p.context().waitForEvent('page', { timeout: 60_000 });
    await publishEverythingUnpublished(p, 2);
    const approval = await approvalPage;
    await p.locator('.notifications-toasts').filter({ hasText: 'tick "skip 2FA for the next 5 minutes"' }).waitFor({ timeout: 30_000 });
    await approval.locator('input[name="skip2fa"]').check();
    await approval.locator('button', { hasText: 'Use security key (approve)' }).click();
    await p.locator('.notifications-toasts').filter({ hasText: '2 of 2 published.' }).waitFor({ timeout: 120_000 });
    assert.equal(pages.length, 1, 'one approval page for the whole release');
    const puts = suite.registry.requests.filter((r) => r.method === 'PUT').map((r) => `${decodeURIComponent(r.path.slice(1))} ${r.status}`);
    assert.deepEqual(puts, ['key-core 401', 'key-core 200', 'key-app 200']);
  });
});
