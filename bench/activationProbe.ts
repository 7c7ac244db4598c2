// Run in a fresh Node process by bench/run.ts: requires the shipped bundle with a stub `vscode`,
// activates it on a workspace folder and waits for the first status. Prints one JSON line.
//   node out/bench/activationProbe.js <dist folder> <workspace folder>
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { installVscodeStub, memento, stubState } from './vscodeStub';

interface Api {
  status: { verdict: { code: string } } | undefined;
  whenIdle(): Promise<void>;
  onDidChangeStatus(listener: (status: unknown) => void): { dispose(): void };
}

async function main(): Promise<void> {
  const [dist, workspace] = process.argv.slice(2);
  installVscodeStub();
  stubState.workspaceFolders = [workspace];
  const before = new Set(Object.keys(require.cache));

  const t0 = performance.now();
  const extension = createRequire(__filename)(path.join(dist, 'extension.js')) as { activate(context: unknown): Api };
  const t1 = performance.now();
  const loadedAtActivation = Object.keys(require.cache).filter((f) => !before.has(f));
  const context = { subscriptions: [] as { dispose(): void }[], globalState: memento(), workspaceState: memento() };
  const api = extension.activate(context);
  const t2 = performance.now();
  const first = new Promise<void>((resolve) => api.onDidChangeStatus((s) => s && resolve()));
  await first;
  const t3 = performance.now();
  const loadedLater = Object.keys(require.cache).filter((f) => f.endsWith('.js') && !before.has(f) && !loadedAtActivation.includes(f));
  const size = (files: string[]) => files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
  const result = {
    requireMs: t1 - t0,
    activateMs: t2 - t1,
    firstStatusMs: t3 - t0,
    verdict: api.status?.verdict.code,
    activationFiles: loadedAtActivation.map((f) => path.relative(dist, f)),
    activationBytes: size(loadedAtActivation),
    laterFiles: loadedLater.map((f) => path.relative(dist, f)),
    laterBytes: size(loadedLater),
    /** The tracker's scan: the cap it asked for and what the workspace holds. */
    scan: stubState.findFiles[0],
    warnings: stubState.logLines.filter((l) => l.startsWith('warn')),
  };
  for (const d of context.subscriptions) d.dispose();
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
