import { openWorkbenchOn, runCommand, screenshotOnFailure, statusItem, waitForStatusLabel, type Workbench } from './workbench';

describe('the real workbench', function () {
  let workbench: Workbench | undefined;

  before(async () => {
    workbench = await openWorkbenchOn({ 'package.json': JSON.stringify({ name: 'e2e-demo', version: '1.0.0' }) });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      const file = await screenshotOnFailure(workbench?.page, this.currentTest.fullTitle());
      console.log(`screenshot: ${file}`);
    }
  });

  after(async () => workbench?.close());

  it('shows the status bar item with its accessibility label', async () => {
    await statusItem(workbench!.page).waitFor({ timeout: 30_000 });
    // It reads "Checking…" until the first refresh ends, then names the package.
    await waitForStatusLabel(workbench!.page, /npm publish status for e2e-demo@1\.0\.0/);
  });

  it('runs "npm: Show Publish Auth Log" from the palette and shows the log', async () => {
    const page = workbench!.page;
    await runCommand(page, 'npm: Show Publish Auth Log');
    const panel = page.locator('.part.panel');
    await panel.waitFor();
    await panel.locator('.monaco-editor .view-lines').filter({ hasText: '[extension] activated' }).waitFor({ timeout: 15_000 });
  });
});
