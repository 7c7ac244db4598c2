// The product, runnable on a fresh machine: the local npm registry with demo accounts, and a real
// VS Code (code-server) with this extension on a demo workspace of packages covering the cases.
//   npm run sandbox                      → prints the URL to open; Ctrl+C stops everything
//   npm run sandbox -- --screenshots DIR → opens it headless, saves the tooltip of three demo packages
//                                          (OTP, version exists, ready) as DIR/tooltip-<folder>.png, exits
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchBrowser, openWorkbench, packagedExtension, repoRoot, startCodeServer } from '../test/host/codeServer';
import { startRegistry } from '../test/registry/server';
import { DEMO_OTP, demoToken } from '../test/registry/scenarios';
import { openFile } from '../test/e2e/workbench';

interface DemoPackage {
  folder: string;
  manifest: Record<string, unknown>;
  /** The project .npmrc lines after `registry=…`; `TOKEN(x)` is replaced by the demo token x. */
  npmrc: string[];
  what: string;
}

const demoPackages: DemoPackage[] = [
  { folder: 'session-totp', manifest: { name: 'demo-pkg', version: '1.1.0' }, npmrc: ['AUTH(alice-session)'], what: 'alice, session from npm login, TOTP 2FA (declared): OTP' },
  { folder: 'passkey-user', manifest: { name: '@alice/tools', version: '0.2.0' }, npmrc: ['AUTH(carol-session)'], what: 'carol, passkey-only account (declared): browser approval' },
  { folder: 'bypass-token', manifest: { name: 'demo-none', version: '0.2.0' }, npmrc: ['AUTH(alice-bypass)'], what: 'granular token with bypass 2FA: ready' },
  { folder: 'read-only-token', manifest: { name: 'demo-pkg', version: '1.1.0' }, npmrc: ['AUTH(alice-readonly)'], what: 'read-only granular token' },
  { folder: 'not-a-maintainer', manifest: { name: 'demo-pkg', version: '1.1.0' }, npmrc: ['AUTH(bob-session)'], what: 'bob is not a maintainer' },
  { folder: 'version-exists', manifest: { name: 'demo-pkg', version: '1.0.0' }, npmrc: ['AUTH(alice-session)'], what: '1.0.0 is already published' },
  { folder: 'private-package', manifest: { name: 'internal-tool', version: '1.0.0', private: true }, npmrc: ['AUTH(alice-session)'], what: '"private": true' },
  {
    folder: 'scoped-registry', manifest: { name: '@demo/widgets', version: '0.1.0' },
    npmrc: ['registry=http://127.0.0.1:9/', '@demo:registry=REGISTRY', 'AUTH(alice-session)'],
    what: 'scoped registry; the default registry is unreachable',
  },
];

async function main(): Promise<void> {
  const screenshots = flagValue('--screenshots');
  const registry = await startRegistry({ scenario: 'default', port: Number(flagValue('--registry-port') ?? 0) });
  const nerf = registry.url.replace(/^https?:/, '');

  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-publish-auth-sandbox-'));
  for (const pkg of demoPackages) {
    const dir = path.join(workspace, pkg.folder);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ ...pkg.manifest, description: pkg.what }, null, 2) + '\n');
    fs.writeFileSync(path.join(dir, 'index.js'), `// ${pkg.what}\nmodule.exports = {};\n`);
    const npmrc = [pkg.npmrc.some((l) => l.startsWith('registry=')) ? '' : `registry=${registry.url}`, ...pkg.npmrc]
      .filter(Boolean)
      .map((line) => line.replace('REGISTRY', registry.url).replace(/^AUTH\((.+)\)$/, (_m, label: string) => `${nerf}:_authToken=${demoToken(label)}`));
    fs.writeFileSync(path.join(dir, '.npmrc'), npmrc.join('\n') + '\n', { mode: 0o600 });
  }

  const server = await startCodeServer({
    extensionDevelopmentPath: repoRoot,
    // Installed as a user installs it, so the workbench shows notifications and dialogs as a person's
    // VS Code does (the smoke-test driver that loads development extensions hides them).
    installVsix: packagedExtension(),
    workspace,
    port: Number(flagValue('--port') ?? 0) || undefined,
    settings: {
      'workbench.colorTheme': 'Default Dark Modern',
      // npm never reveals the second factor; declared here, the demo shows "OTP" and "browser" (bob: "2FA").
      'npmPublishAuth.twoFactorMethods': { alice: 'totp', carol: 'passkey-only' },
    },
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

  console.log(`
npm Publish Auth sandbox
  VS Code:   ${server.workbenchUrl}
  registry:  ${registry.url}  (demo accounts below; npm in the sandbox's terminals uses it)
  OTP:       ${DEMO_OTP} is accepted by every TOTP demo account

Demo packages (open a file in one to see its status):
${demoPackages.map((p) => `  ${p.folder.padEnd(18)} ${p.what}`).join('\n')}

Demo accounts (for the browser's login and approval pages):
${registry.credentials().users.map((u) => `  ${u.name.padEnd(6)} password ${u.password.padEnd(16)} ${u.twoFactor === 'passkey' ? 'passkey only (approve in the browser)' : `2FA: ${u.twoFactor}`}`).join('\n')}

Demo credentials:
${registry.credentials().tokens.map((t) => `  ${t.user.padEnd(6)} ${t.kind.padEnd(9)} ${t.label ?? t.name}${t.revoked ? ' (revoked)' : ''}`).join('\n')}

Press Ctrl+C to stop.`);
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
