// Drives the real VS Code workbench (code-server in headless Chromium) the way a person does.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { asNpmjs, startRegistry, type LocalRegistry } from '../registry/server';
import { launchBrowser, openWorkbench, packagedExtension, repoRoot, startCodeServer, type RunningCodeServer } from '../host/codeServer';

export { packagedExtension };

export const STATUS_BAR_ITEMS = '#workbench\\.parts\\.statusbar .statusbar-item';

export interface Workbench {
  page: Page;
  server: RunningCodeServer;
  workspace: string;
  close(): Promise<void>;
}

/**
 * Starts VS Code with the extension on a workspace made from `files` (relative path → content).
 * `installed`: the packaged extension in a workbench without the smoke-test driver, so modal dialogs
 * and notification toasts appear as they do for a person (needed to click a confirmation).
 */
export async function openWorkbenchOn(
  files: Record<string, string>,
  env: Record<string, string> = {},
  options: { installed?: boolean; workspaceTrust?: boolean; settings?: Record<string, unknown> } = {},
): Promise<Workbench> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'npa-e2e-ws-'));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(workspace, rel)), { recursive: true });
    fs.writeFileSync(path.join(workspace, rel), content);
  }
  const installVsix = options.installed ? packagedExtension() : undefined;
  const server = await startCodeServer({ extensionDevelopmentPath: repoRoot, workspace, env, installVsix, workspaceTrust: options.workspaceTrust, settings: options.settings });
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

/** The status item's aria-label: the whole status in words. */
export async function statusLabel(page: Page): Promise<string> {
  return (await statusItem(page).locator('[aria-label]').first().getAttribute('aria-label', { timeout: 1000 }).catch(() => null)) ?? '';
}

/** Waits until the status item's aria-label matches; on timeout the error shows the last label seen. */
export async function waitForStatusLabel(page: Page, expected: RegExp, timeout = 30_000): Promise<string> {
  return poll(() => statusLabel(page), expected, timeout, 'status label');
}

/** Waits until the status item's tooltip (hovered, as a person reads it) matches. */
export async function waitForStatusTooltip(page: Page, expected: RegExp, timeout = 15_000): Promise<string> {
  return poll(async () => {
    // Leave and re-enter the item, so the hover shows the tooltip of now.
    await page.mouse.move(0, 0);
    await statusItem(page).hover();
    const hover = page.locator('.workbench-hover').filter({ hasText: 'Verdict' }).first();
    return hover.innerText({ timeout: 3000 }).catch(() => '');
  }, expected, timeout, 'status tooltip');
}

async function poll(read: () => Promise<string>, expected: RegExp, timeout: number, what: string): Promise<string> {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = await read();
    if (expected.test(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not match ${expected} within ${timeout} ms; last: ${JSON.stringify(last)}`);
}

/** `text` as a regular expression matching exactly it. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Waits until the status item is about exactly `name@version` (not the package shown before). */
export async function waitForPackage(page: Page, spec: string): Promise<string> {
  return waitForStatusLabel(page, new RegExp(`^npm publish status for ${escapeRegExp(spec)}\\.`));
}

/** Opens a workspace file through Quick Open: Ctrl+P, its relative path, the row of exactly that file. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(relativePath);
  // A row's aria-label is "<name> <folder>", plus ", file results" on the first; other folders may share the name.
  const name = `${path.posix.basename(relativePath)} ${path.posix.dirname(relativePath)}`;
  await page.locator(`.quick-input-list .monaco-list-row[aria-label="${name}"], .quick-input-list .monaco-list-row[aria-label^="${name},"]`).first().click();
  await input.waitFor({ state: 'hidden' });
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

/**
 * The texts the workbench shows cut off right now, in the quick input (labels, descriptions, details,
 * the title) and the notification toasts: every element whose text overflows the box it is clipped to.
 * A person cannot read what is cut off, so a test asserts this list is empty.
 */
export async function cutOffTexts(page: Page): Promise<string[]> {
  // Runs in the page (a string: the tests compile without the DOM's types). VS Code clips one-line
  // texts with an ellipsis, so an element with that style whose text is wider than its box shows "…".
  return page.evaluate<string[]>(`(() => {
    const cut = [];
    for (const root of document.querySelectorAll('.quick-input-widget, .notifications-toasts')) {
      for (const element of root.querySelectorAll('*')) {
        if (element.offsetParent === null || getComputedStyle(element).textOverflow !== 'ellipsis') continue;
        const text = element.textContent.trim();
        if (text && element.scrollWidth > element.clientWidth + 1) cut.push(text);
      }
    }
    return [...new Set(cut)];
  })()`);
}

export async function screenshotOnFailure(page: Page | undefined, testTitle: string): Promise<string | undefined> {
  if (!page) return undefined;
  const file = path.join(repoRoot, 'test-results', `${testTitle.replace(/[^a-z0-9]+/gi, '-')}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file }).catch(() => undefined);
  return file;
}

/** One local registry and one workbench (the packaged extension) per suite; a screenshot of any failure. */
export function workbenchSuite(
  files: (npmrc: (token?: string) => string) => Record<string, string>,
  options: { workspaceTrust?: boolean; env?: Record<string, string>; settings?: Record<string, unknown> } = {},
) {
  const suite = {} as { registry: LocalRegistry; workbench: Workbench };
  before(async function () {
    this.timeout(300_000);
    suite.registry = await startRegistry({ scenario: 'default' });
    const nerf = suite.registry.url.replace(/^http:/, '');
    const npmrc = (token?: string) => `registry=${suite.registry.url}\n${token ? `${nerf}:_authToken=${token}\n` : ''}`;
    suite.workbench = await openWorkbenchOn(files(npmrc), options.env ?? {}, {
      installed: true, workspaceTrust: options.workspaceTrust, settings: { 'npmPublishAuth.registryKinds': asNpmjs(suite.registry), ...options.settings },
    });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await screenshotOnFailure(suite.workbench?.page, this.currentTest.fullTitle());
  });
  after(async () => {
    await suite.workbench?.close();
    await suite.registry?.close();
  });
  return suite;
}
