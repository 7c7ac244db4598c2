// The product, runnable on a fresh machine: the local npm registry with demo accounts, and a real
// VS Code (code-server) with this extension on a demo workspace of packages covering the cases.
//   npm run sandbox                      → prints the URL to open; Ctrl+C stops everything
//   npm run sandbox -- --screenshots DIR → opens it headless, saves the tooltip of three demo packages
//                                          (OTP, version exists, ready) as DIR/tooltip-<folder>.png, exits
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser, openWorkbench, packagedExtension, repoRoot, startCodeServer } from '../test/host/codeServer';
import { startRegistry } from '../test/registry/server';
import { openFile } from '../test/e2e/workbench';
import { SANDBOX_SETTINGS, banner, writeDemoWorkspace } from './sandboxDemo';

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
    settings: { 'workbench.colorTheme': 'Default Dark Modern', ...SANDBOX_SETTINGS },
    // npm in the sandbox's terminals talks to the local registry too.
    userNpmrc: `registry=${registry.url}\n`,
  });

  const stop = async () => {
    await server.stop();
    await registry.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  };

  if (screenshots) {
    await takeScreenshots(server, workspace, ['session-totp', 'version-exists', 'bypass-token'], path.resolve(screenshots));
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

/** The tooltip of each folder's package, as a person sees it on hovering the item (1280×720). */
async function takeScreenshots(server: Awaited<ReturnType<typeof startCodeServer>>, workspace: string, folders: string[], outputDir: string): Promise<void> {
  const browser = await launchBrowser();
  try {
    const page = await openWorkbench(browser, server);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const item = page.locator('[id="npm-publish-auth.npm-publish-auth.npmPublishAuth.status"]');
    fs.mkdirSync(outputDir, { recursive: true });
    for (const folder of folders) {
      const manifest = JSON.parse(fs.readFileSync(path.join(workspace, folder, 'package.json'), 'utf8')) as { name: string; version: string };
      await openFile(page, `${folder}/index.js`);
      // The label names the exact package once its status is shown (not the previous folder's).
      await item.locator(`[aria-label^="npm publish status for ${manifest.name}@${manifest.version}."]`).waitFor({ timeout: 30_000 }).catch(async (e: Error) => {
        throw new Error(`${e.message}\nlast label: ${await item.locator('[aria-label]').first().getAttribute('aria-label')}`);
      });
      await page.mouse.move(0, 0);
      await item.hover();
      await page.locator('.workbench-hover').filter({ hasText: 'Verdict' }).first().waitFor({ timeout: 10_000 });
      const output = path.join(outputDir, `tooltip-${folder}.png`);
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
