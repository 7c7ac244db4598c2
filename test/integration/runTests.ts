// The one entry point for the in-host tests. With VSCODE_EXECUTABLE set (here: test/host/code-server-shim)
// @vscode/test-electron runs that executable; without it, on a machine with internet, it downloads
// desktop VS Code as usual.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'npa-integration-ws-'));
  // Two workspace folders (the suites write their packages into them); a package.json in each makes
  // the extension activate as it would for a user.
  const folders = ['first', 'second'].map((name) => path.join(workspace, name));
  for (const folder of folders) {
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: `${path.basename(folder)}-root`, version: '1.0.0', private: true }));
  }
  const workspaceFile = path.join(workspace, 'integration.code-workspace');
  fs.writeFileSync(workspaceFile, JSON.stringify({ folders: folders.map((folder) => ({ path: folder })) }));
  try {
    const executable = process.env.VSCODE_EXECUTABLE;
    const run = (suite: string, extensionTestsEnv?: Record<string, string>) => runTests({
      vscodeExecutablePath: executable ? path.resolve(executable) : undefined,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', suite, 'index.js'),
      launchArgs: [workspaceFile, '--disable-extensions'],
      // NPA_GREP runs only the tests whose title matches (for working on one suite; CI runs all).
      extensionTestsEnv: { ...extensionTestsEnv, ...(process.env.NPA_GREP && { NPA_GREP: process.env.NPA_GREP }) },
    });
    await run('suite');
    // A second window on a folder nobody trusted: VS Code's Restricted Mode (the shim turns trust on).
    await run('restricted', { NPA_WORKSPACE_TRUST: 'restricted' });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
