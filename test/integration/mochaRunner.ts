// Loaded by the extension host (real VS Code): runs every *.test.js of one folder with mocha.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** `layer` names the closing line (`<layer>: N passed, N failed`). */
export async function runSuitesIn(folder: string, layer: string): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 20_000,
    reporter: path.resolve(__dirname, '..', 'support', 'summaryReporter.js'),
    reporterOptions: { layer },
    ...(process.env.NPA_GREP && { grep: process.env.NPA_GREP }),
  });
  for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(folder, file));
  }
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} ${layer} test(s) failed`);
}
