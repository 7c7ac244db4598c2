// The account actions as a newcomer meets them in the real workbench (packaged extension, dialogs and
// toasts shown): from a logged-out demo package, log in in the browser, see the session and its expiry,
// create a granular token and copy it, switch the package's publishing access, log out.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_OTP } from '../registry/scenarios';
import { cutOffTexts, openFile, runCommand, waitForStatusLabel, workbenchSuite } from './workbench';

describe('account actions in the real workbench', function () {
  const suite = workbenchSuite((npmrc) => ({
    'account/package.json': JSON.stringify({ name: 'demo-pkg', version: '6.0.0', license: 'MIT' }, null, 2) + '\n',
    // The project config names the registry only: the login's token goes to the user config.
    'account/.npmrc': npmrc(),
  }));
  const page = () => suite.workbench.page;
  const LABEL = /^npm publish status for demo-pkg@6\.0\.0\. /;
  const quickInput = (p: Page) => p.locator('.quick-input-widget');
  const toast = (p: Page, text: string) => p.locator('.notifications-toasts').filter({ hasText: text }).waitFor({ timeout: 60_000 });

  /** Accepts the current quick-input step as it is (a prefilled value or the active item) once `shows` (its prompt or a row) is on screen. */
  async function accept(p: Page, shows: string): Promise<void> {
    await quickInput(p).filter({ hasText: shows }).waitFor();
    await p.keyboard.press('Enter');
  }

  async function typeOneTimePassword(p: Page, title: string): Promise<void> {
    // The OTP box, not the password box before it (the same title without ": one-time password").
    await quickInput(p).filter({ hasText: title }).filter({ hasText: ': one-time password' }).waitFor({ timeout: 30_000 });
    await quickInput(p).locator('input[type="password"]').fill(DEMO_OTP);
    await p.keyboard.press('Enter');
  }

  it('logs in in the browser: the status shows the session and its expiry', async () => {
    const p = page();
    await openFile(p, 'account/package.json');
    await waitForStatusLabel(p, new RegExp(`${LABEL.source}.*Verdict: Not logged in\\.`));
    const loginPage = p.context().waitForEvent('page', { timeout: 60_000 });
    await runCommand(p, 'npm: Log In to Registry');
    const browser = await loginPage;
    // One notification for the round trip, in a login's words.
    const roundTrip = p.locator('.notifications-toasts .notification-toast', { hasText: 'Waiting for you to log in to' });
    await roundTrip.waitFor({ timeout: 30_000 });
    assert.equal(await p.locator('.notifications-toasts .notification-toast').count(), 1);
    assert.match((await roundTrip.textContent()) ?? '', /Copy Link · Open Again/);
    assert.doesNotMatch((await roundTrip.textContent()) ?? '', /approve/i);
    await browser.locator('input[name="username"]').fill('alice');
    await browser.locator('input[name="password"]').fill('alice-password');
    await browser.locator('button', { hasText: 'Sign in' }).click();
    await toast(p, 'Logged in to');
    await waitForStatusLabel(p, new RegExp(`${LABEL.source}.*as alice with a session from npm login\\. Session: (1 h 5\\d min|2 h) left\\.`));
    const userNpmrc = fs.readFileSync(path.join(suite.workbench.server.home, '.npmrc'), 'utf8');
    assert.match(userNpmrc, /^registry=http:\/\/127\.0\.0\.1:9\/\n\/\/127\.0\.0\.1:\d+\/:_authToken=npm_\w+\n$/, 'the user config keeps its line and gains the token');
    assert.equal(fs.statSync(path.join(suite.workbench.server.home, '.npmrc')).mode & 0o777, 0o600);
  });

  it('creates a granular token through the wizard and copies it', async () => {
    const p = page();
    await runCommand(p, 'npm: Generate Access Token');
    // The first step asks what the token is for (each row readable whole); this one is for the person here (the proposal).
    await quickInput(p).filter({ hasText: 'When trusted publishing is not possible' }).waitFor();
    assert.deepEqual(await cutOffTexts(p), []);
    await accept(p, 'For Me on This Machine');
    await accept(p, 'A name for the token');
    await accept(p, 'Read and write');
    await accept(p, 'Packages and @scopes');
    await accept(p, 'Days until the token expires');
    // The bypass question: each row one readable line, focused or not; its risks come in the summary.
    await quickInput(p).filter({ hasText: 'Yes — publish without 2FA' }).waitFor();
    assert.deepEqual(await cutOffTexts(p), []);
    await p.keyboard.press('ArrowDown');
    assert.deepEqual(await cutOffTexts(p), [], 'the focused bypass row too');
    await p.keyboard.press('ArrowUp');
    await accept(p, 'No — publishing asks for 2FA');
    await accept(p, 'allowed IP ranges');
    const summary = p.locator('.monaco-dialog-box').filter({ hasText: 'Create token "' });
    await summary.waitFor();
    assert.match((await summary.textContent()) ?? '', /Permission: read and write.*Packages and scopes: demo-pkg.*Expires in 7 days/s);
    await summary.locator('.dialog-buttons .monaco-button', { hasText: /^Create Token$/ }).click();
    // A wrong password is the box's validation message, as VS Code shows input errors.
    await quickInput(p).filter({ hasText: 'Your password on' }).waitFor();
    await quickInput(p).locator('input[type="password"]').fill('not-her-password');
    await p.keyboard.press('Enter');
    await quickInput(p).locator('.monaco-inputbox.error').waitFor({ timeout: 30_000 });
    await quickInput(p).filter({ hasText: 'The registry did not accept that password.' }).waitFor();
    await quickInput(p).locator('input[type="password"]').fill('alice-password');
    await p.keyboard.press('Enter');
    await typeOneTimePassword(p, 'Create token');
    const dialog = p.locator('.monaco-dialog-box').filter({ hasText: 'shown only this once' });
    await dialog.waitFor({ timeout: 30_000 });
    // The token exists whatever the answer: the modal closes with Close, not Cancel.
    // (The platform orders the buttons.)
    assert.deepEqual((await dialog.locator('.dialog-buttons .monaco-button').allTextContents()).sort(), ['Close', 'Copy', 'Use for This Registry']);
    await dialog.locator('.dialog-buttons .monaco-button', { hasText: /^Copy$/ }).click();
    await toast(p, 'The token is on the clipboard');
    assert.deepEqual(await cutOffTexts(p), [], 'the result is readable whole');
    const created = [...suite.registry.state.tokens.values()].filter((token) => token.user === 'alice' && token.name.startsWith('demo-pkg'));
    assert.equal(created.length, 1, 'one new token named after the package');
  });

  it('switches the package\'s publishing access and the status shows it', async () => {
    const p = page();
    await runCommand(p, 'npm: Set Publishing Access');
    const row = quickInput(p).locator('.monaco-list-row', { hasText: 'Require 2FA and disallow tokens' });
    await row.waitFor();
    // Every mode's explanation is readable, the focused one too.
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown']) {
      assert.deepEqual(await cutOffTexts(p), [], 'nothing in the choice is cut off');
      await p.keyboard.press(key);
    }
    await row.click();
    await typeOneTimePassword(p, 'demo-pkg');
    await toast(p, 'Publishing access of demo-pkg: 2FA, no tokens.');
    assert.deepEqual(await cutOffTexts(p), [], 'the result is readable whole');
    await waitForStatusLabel(p, new RegExp(`${LABEL.source}.*Publishing access: Require 2FA and disallow tokens`));
    assert.equal(suite.registry.state.packages.get('demo-pkg')!.publishingAccess, 'publish');
  });

  it('logs out: confirmed in a modal, the token revoked, the status logged out', async () => {
    const p = page();
    await runCommand(p, 'npm: Log Out');
    const dialog = p.locator('.monaco-dialog-box').filter({ hasText: 'alice' });
    await dialog.waitFor();
    await dialog.locator('.dialog-buttons .monaco-button', { hasText: /^Log Out$/ }).click();
    await waitForStatusLabel(p, new RegExp(`${LABEL.source}.*Verdict: Not logged in\\.`));
    assert.equal(fs.readFileSync(path.join(suite.workbench.server.home, '.npmrc'), 'utf8'), 'registry=http://127.0.0.1:9/\n', 'every other byte kept');
  });
});
