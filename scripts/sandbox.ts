// The product, runnable on a fresh machine: the local npm registry with demo accounts, and a real
// VS Code (code-server) with this extension on a demo workspace of packages covering the cases.
//   npm run sandbox                      → prints the URL to open; Ctrl+C stops everything
//   npm run sandbox -- --screenshots DIR → opens it headless, takes the README's pictures (SHOTS) into
//                                          DIR, exits
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser, openWorkbench, packagedExtension, repoRoot, startCodeServer } from '../test/host/codeServer';
import { startRegistry } from '../test/registry/server';
import type { Page } from 'playwright-core';
import { openFile, runCommand, statusItem, waitForPackage, waitForStatusTooltip } from '../test/e2e/workbench';
import { banner, demoPackages, sandboxSettings, writeDemoWorkspace } from './sandboxDemo';

async function main(): Promise<void> {
  const screenshots = flagValue('--screenshots');
  const registry = await startRegistry({ scenario: 'default', port: Number(flagValue('--registry-port') ?? 0) });
  const workspace = writeDemoWorkspace(registry.url);

  const server = await startCodeServer({
    extensionDevelopmentPath: repoRoot,
    // Installed as a user installs it, so the workbench shows notifications and dialogs as a person's
    // VS Code does (the smoke-test driver that loads development extensions hides them).
    installVsix: packagedExtension(),
    workspace,
    port: Number(flagValue('--port') ?? 0) || undefined,
    settings: { 'workbench.colorTheme': 'Default Dark Modern', ...sandboxSettings(registry.url) },
    // npm in the sandbox's terminals talks to the local registry too.
    userNpmrc: `registry=${registry.url}\n`,
  });

  const stop = async () => {
    await server.stop();
    await registry.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  };

  if (screenshots) {
    await takeScreenshots(server, path.resolve(screenshots));
    await stop();
    return;
  }

  console.log(banner(registry, server.workbenchUrl));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await stop();
}

/** One picture for the README: what to do in the workbench before it is taken. */
interface Shot {
  file: string;
  take: (page: Page, show: (folder: string) => Promise<void>) => Promise<void>;
}

/** Hovers the status item until its tooltip is up. */
async function hoverTooltip(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  await statusItem(page).hover();
  await page.locator('.workbench-hover').filter({ hasText: 'Verdict' }).first().waitFor({ timeout: 10_000 });
}

async function confirmPublish(page: Page, button: RegExp): Promise<void> {
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: 30_000 });
  await dialog.locator('.dialog-buttons .monaco-button', { hasText: button }).click();
  await dialog.waitFor({ state: 'hidden' });
}

const SHOTS: Shot[] = [
  { file: 'tooltip-session-totp.png', take: async (page, show) => { await show('session-totp'); await hoverTooltip(page); } },
  { file: 'tooltip-stage-only-token.png', take: async (page, show) => { await show('stage-only-token'); await hoverTooltip(page); } },
  { file: 'tooltip-bypass-token.png', take: async (page, show) => { await show('bypass-token'); await hoverTooltip(page); } },
  {
    // The same folder right after its publish: success, with Bump Version… as the next step.
    file: 'tooltip-published-just-now.png',
    take: async (page) => {
      await runCommand(page, 'npm: Publish with OTP');
      await confirmPublish(page, /^Publish$/);
      await page.locator('.notifications-toasts').filter({ hasText: 'Published demo-none@0.2.0' }).waitFor({ timeout: 60_000 });
      await waitForStatusTooltip(page, /published/i);
      await page.keyboard.press('Escape');
      await hoverTooltip(page);
    },
  },
  {
    // A passkey-only account: the one notification of the browser round trip (then cancelled).
    file: 'notification-browser-approval.png',
    take: async (page, show) => {
      await show('passkey-user');
      const approvalPage = page.context().waitForEvent('page', { timeout: 60_000 });
      await runCommand(page, 'npm: Publish with OTP');
      await confirmPublish(page, /^Publish$/);
      await (await approvalPage).close();
      await page.bringToFront();
      await page.locator('.notifications-toasts .notification-toast', { hasText: 'approve it in your browser' }).waitFor({ timeout: 30_000 });
      await page.mouse.move(0, 0);
    },
  },
  {
    // A repository whose release workflow publishes with a token: the CI checklist in the Problems panel.
    file: 'trusted-publishing-checklist.png',
    take: async (page, show) => {
      // The previous picture's approval is still waiting: cancelled, so its toast leaves the picture.
      const waiting = page.locator('.notifications-toasts .notification-toast', { hasText: 'approve it in your browser' });
      await waiting.locator('.monaco-button', { hasText: 'Cancel' }).click();
      await waiting.waitFor({ state: 'hidden' });
      await page.locator('.notifications-toasts', { hasText: 'was cancelled' }).waitFor();
      await runCommand(page, 'Notifications: Clear All Notifications');
      await show('trusted-publishing');
      await openFile(page, 'trusted-publishing/.github/workflows/release.yml');
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel').filter({ hasText: 'NODE_AUTH_TOKEN' }).waitFor({ timeout: 30_000 });
      await page.mouse.move(0, 0);
    },
  },
];

/** The README's pictures, as a person sees them at 1280×720. */
async function takeScreenshots(server: Awaited<ReturnType<typeof startCodeServer>>, outputDir: string): Promise<void> {
  const browser = await launchBrowser();
  try {
    const page = await openWorkbench(browser, server);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    fs.mkdirSync(outputDir, { recursive: true });
    const show = async (folder: string) => {
      const { name, version } = demoPackages.find((pkg) => pkg.folder === folder)!.manifest as { name: string; version: string };
      await openFile(page, `${folder}/index.js`);
      await waitForPackage(page, `${name}@${version}`);
    };
    for (const shot of SHOTS) {
      await shot.take(page, show);
      // Toasts and hovers fade in: the picture is taken once no transition runs (a progress bar's endless one aside).
      await page.waitForFunction('document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getTiming().iterations === Infinity)');
      const output = path.join(outputDir, shot.file);
      await page.screenshot({ path: output });
      console.log(`screenshot: ${output}`);
    }
  } finally {
    await browser.close();
  }
}

function flagValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
