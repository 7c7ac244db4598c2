// What the code-server shim runs: maps @vscode/test-electron's command line
// (`--extensionDevelopmentPath=… --extensionTestsPath=… [folder]`) onto code-server + headless Chromium,
// and exits with the code the in-host test run reports.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser, openWorkbench, startCodeServer } from './codeServer';

const RUN_TIMEOUT_MS = Number(process.env.NPA_TEST_TIMEOUT_MS ?? 10 * 60_000);

function parseArgs(argv: string[]): { developmentPath: string; testsPath: string; workspace: string } {
  const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const positional = argv.filter((a) => !a.startsWith('-'));
  const developmentPath = flag('extensionDevelopmentPath');
  const testsPath = flag('extensionTestsPath');
  if (!developmentPath || !testsPath) throw new Error('usage: --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [WORKSPACE]');
  return { developmentPath, testsPath, workspace: positional[0] ?? developmentPath };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const server = await startCodeServer({
    extensionDevelopmentPath: args.developmentPath,
    extensionTestsPath: args.testsPath,
    workspace: args.workspace,
    // Restricted Mode without the startup question (which the smoke-test driver would answer).
    ...(process.env.NPA_WORKSPACE_TRUST === 'restricted' && { workspaceTrust: true, settings: { 'security.workspace.trust.startupPrompt': 'never' } }),
  });
  const browser = await launchBrowser();
  try {
    let timer: NodeJS.Timeout | undefined;
    const exitCode = await new Promise<number>((resolve) => {
      timer = setTimeout(() => resolve(-1), RUN_TIMEOUT_MS);
      openWorkbench(browser, server, { onLog: (line) => console.log(line), onExit: resolve }).then(
        (page) => page.on('pageerror', (e) => console.error(`[workbench] ${e.message}`)),
        (e) => {
          console.error(e);
          resolve(3);
        },
      );
    });
    clearTimeout(timer);
    if (exitCode === -1) {
      const shot = path.resolve('test-results', 'integration-timeout.png');
      fs.mkdirSync(path.dirname(shot), { recursive: true });
      await browser.contexts()[0]?.pages()[0]?.screenshot({ path: shot }).catch(() => undefined);
      console.error(`The in-host tests did not finish within ${RUN_TIMEOUT_MS / 1000} s; screenshot: ${shot}`);
      return 2;
    }
    return exitCode;
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
