// The status as a person sees it: the real workbench, the local registry, a demo package.
import * as assert from 'node:assert/strict';
import { startRegistry, type LocalRegistry } from '../registry/server';
import { demoToken } from '../registry/scenarios';
import { openWorkbenchOn, runCommand, screenshotOnFailure, statusItem, type Workbench } from './workbench';

describe('the status bar against the local registry', function () {
  let registry: LocalRegistry;
  let workbench: Workbench | undefined;

  before(async () => {
    registry = await startRegistry({ scenario: 'default' });
    const nerf = registry.url.replace(/^http:/, '');
    workbench = await openWorkbenchOn({
      'bypass/package.json': JSON.stringify({ name: 'demo-none', version: '0.2.0' }),
      'bypass/.npmrc': `registry=${registry.url}\n${nerf}:_authToken=${demoToken('alice-bypass')}\n`,
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') console.log(`screenshot: ${await screenshotOnFailure(workbench?.page, this.currentTest.fullTitle())}`);
  });

  after(async () => {
    await workbench?.close();
    await registry.close();
  });

  it('shows who is logged in and that publishing is ready, spelled out for screen readers', async () => {
    const item = statusItem(workbench!.page);
    await item.filter({ hasText: 'alice' }).waitFor({ timeout: 30_000 });
    const label = (await item.locator('[aria-label]').first().getAttribute('aria-label')) ?? '';
    assert.match(label, /alice/);
    assert.match(label, /ready|without a prompt|no prompt/i);
    for (const secret of registry.secrets()) assert.ok(!label.includes(secret), 'no secret in the label');
  });

  it('opens the actions that fit the state when the item is clicked', async () => {
    const page = workbench!.page;
    await statusItem(page).click();
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor();
    const labels = await rows.allInnerTexts();
    assert.ok(labels.some((l) => /Publish/.test(l)), `a publish action is offered: ${labels.join(' | ')}`);
    await page.keyboard.press('Escape');
  });

  it('"npm: Show Publish Auth Details" opens the report without secrets', async () => {
    const page = workbench!.page;
    await runCommand(page, 'npm: Show Publish Auth Details');
    const editor = page.locator('.editor-instance .view-lines');
    await editor.filter({ hasText: 'demo-none' }).first().waitFor({ timeout: 15_000 });
    const text = await editor.first().innerText();
    for (const secret of registry.secrets()) assert.ok(!text.includes(secret), 'no secret in the report');
  });
});
