// The sandbox as a newcomer walks it: every demo folder shows the case it is there for, and the
// Problems panel greets nobody with offline noise.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openWorkbench, packagedExtension, repoRoot, startCodeServer, type RunningCodeServer } from '../host/codeServer';
import { startRegistry, type LocalRegistry } from '../registry/server';
import { demoPackages, sandboxSettings, writeDemoWorkspace } from '../../scripts/sandboxDemo';
import { cutOffTexts, escapeRegExp, openFile, screenshotOnFailure, statusItem, waitForStatusLabel } from './workbench';

describe('the sandbox a newcomer walks', function () {
  let registry: LocalRegistry;
  let server: RunningCodeServer;
  let browser: Browser;
  let page: Page;
  let workspace: string;

  before(async function () {
    this.timeout(300_000);
    registry = await startRegistry({ scenario: 'default' });
    workspace = writeDemoWorkspace(registry.url);
    server = await startCodeServer({
      extensionDevelopmentPath: repoRoot, installVsix: packagedExtension(), workspace, settings: sandboxSettings(registry.url), userNpmrc: `registry=${registry.url}\n`,
    });
    browser = await launchBrowser();
    page = await openWorkbench(browser, server);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshotOnFailure(page, this.currentTest.fullTitle());
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await registry?.close();
    if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('has a folder for every credential state it lists, and neighbours differ (so each wait below sees its own folder)', () => {
    for (const state of ['logged-out', 'expired-token', 'revoked-token', 'stage-only-token']) {
      assert.ok(demoPackages.some((pkg) => pkg.folder === state), state);
    }
    demoPackages.slice(1).forEach((pkg, i) => {
      const before = demoPackages[i]!;
      assert.notEqual(`${JSON.stringify(pkg.manifest)} ${pkg.verdict}`, `${JSON.stringify(before.manifest)} ${before.verdict}`, `${before.folder} → ${pkg.folder}`);
    });
  });

  for (const pkg of demoPackages) {
    it(`opening a file of ${pkg.folder} shows: ${pkg.verdict}`, async () => {
      await openFile(page, `${pkg.folder}/index.js`);
      const spec = `${String(pkg.manifest.name)}@${String(pkg.manifest.version)}`;
      await waitForStatusLabel(page, new RegExp(`^npm publish status for ${escapeRegExp(spec)}\\..*Verdict: ${escapeRegExp(pkg.verdict)}\\b`));
      // Its menu, as a click on the item opens it: every row readable at 1280×720.
      await statusItem(page).click();
      const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
      await rows.first().waitFor();
      const cut = await cutOffTexts(page);
      const texts = await rows.allInnerTexts();
      const title = (await page.locator('.quick-input-widget .quick-input-title').innerText()).trim();
      await page.keyboard.press('Escape');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
      assert.deepEqual(cut, [], 'nothing in the menu is cut off');
      // The verdict is said once, in the title; Log Out where a token is set, Generate Token only with a credential.
      assert.ok(title.includes(pkg.verdict), `title: ${title}`);
      assert.ok(!texts.some((row) => row.includes(pkg.verdict)), `rows repeat the verdict: ${texts.join(' | ')}`);
      const loggedIn = pkg.npmrc.length > 0;
      assert.equal(texts.some((row) => /Log Out/.test(row)), loggedIn, `Log Out: ${texts.join(' | ')}`);
      if (!loggedIn) assert.ok(!texts.some((row) => /Generate Token/.test(row)), 'no Generate Token without a credential');
    });
  }

  it('Switch Package… shows each package\'s verdict, and nothing in it is cut off', async function () {
    this.timeout(180_000);
    await statusItem(page).click();
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Switch Package…' }).click();
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Which package should the status show?' }).waitFor();
    // The packages not yet shown are checked while the list is open: wait until none says "checking…".
    await page.waitForFunction(`![...document.querySelectorAll('.quick-input-widget .monaco-list-row')].some((row) => row.textContent.includes('checking…'))`, undefined, { timeout: 120_000 });
    assert.deepEqual(await cutOffTexts(page), [], 'nothing in the switcher is cut off');
    const input = page.locator('.quick-input-widget input.input');
    for (const pkg of demoPackages.filter((demo) => !demo.manifest.private)) {
      await input.fill(pkg.folder);
      const first = page.locator('.quick-input-widget .monaco-list-row').first();
      await first.filter({ hasText: pkg.folder }).waitFor();
      const text = (await first.textContent()) ?? '';
      assert.ok(text.includes(pkg.verdict) && !text.includes('checking…'), `${pkg.folder}: ${text}`);
    }
    await page.keyboard.press('Escape');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  });

  it('the Problems panel has no offline schema warning for a package.json the JSON server validated', async () => {
    await openFile(page, `${demoPackages[0]!.folder}/package.json`);
    const problems = page.locator('#status\\.problems [aria-label]').first();
    // The schema warning comes with the JSON server's validation of the file, whose end is not visible;
    // a syntax error typed at the end makes it visible: once that error is listed, the pass is done.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('x');
    const deadline = Date.now() + 30_000;
    let label = '';
    while (Date.now() < deadline && !/Errors?: 1\b/i.test(label)) label = (await problems.getAttribute('aria-label')) ?? '';
    await page.keyboard.press('Control+Z');
    assert.match(label, /Errors?: 1\b/i, 'the typed syntax error is listed');
    assert.doesNotMatch(label, /Warning/i, `no warning beside it: ${label}`);
  });
});
