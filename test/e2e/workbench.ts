// Drives the real VS Code workbench (code-server in headless Chromium) the way a person does.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, openWorkbench, repoRoot, startCodeServer, type RunningCodeServer } from '../host/codeServer';

export const STATUS_BAR_ITEMS = '#workbench\\.parts\\.statusbar .statusbar-item';

export interface Workbench {
  page: Page;
  server: RunningCodeServer;
  workspace: string;
  close(): Promise<void>;
}

/** Starts VS Code with the extension on a workspace made from `files` (relative path → content). */
export async function openWorkbenchOn(
  files: Record<string, string>,
  env: Record<string, string> = {},
): Promise<Workbench> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'npa-e2e-ws-'));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(workspace, rel)), { recursive: true });
    fs.writeFileSync(path.join(workspace, rel), content);
  }
  const server = await startCodeServer({ extensionDevelopmentPath: repoRoot, workspace, env });
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const page = await openWorkbench(browser, server);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const opened = browser;
    return {
      page,
      server,
      workspace,
      close: async () => {
        await opened.close();
        await server.stop();
        fs.rmSync(workspace, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await browser?.close();
    await server.stop();
    throw e;
  }
}

/** The extension's status bar item; its aria-label is our accessibilityInformation.label. */
export function statusItem(page: Page): Locator {
  return page.locator(`${STATUS_BAR_ITEMS}[id="npm-publish-auth.npm-publish-auth.npmPublishAuth.status"]`);
}

/** Runs a command from the palette: F1, its title, Enter. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

export async function screenshotOnFailure(page: Page | undefined, testTitle: string): Promise<string | undefined> {
  if (!page) return undefined;
  const file = path.join(repoRoot, 'test-results', `${testTitle.replace(/[^a-z0-9]+/gi, '-')}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file }).catch(() => undefined);
  return file;
}
