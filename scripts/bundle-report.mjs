// `npm run bundle-report`: the top modules by bytes in each output file, from esbuild's metafile
// (dist/meta.json, written by `node esbuild.mjs --production --metafile`). Packages are summed.
import { readFileSync } from 'node:fs';

const TOP = Number(process.argv[2] ?? 15);
const meta = JSON.parse(readFileSync('dist/meta.json', 'utf8'));
const kb = (bytes) => `${(bytes / 1024).toFixed(1).padStart(7)} KB`;

for (const [file, output] of Object.entries(meta.outputs)) {
  if (!file.endsWith('.js')) continue;
  const groups = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    const key = pkg ? pkg[1] : input.replace(/^(src\/[^/]+)\/.*/, '$1/');
    groups.set(key, (groups.get(key) ?? 0) + bytesInOutput);
  }
  const sorted = [...groups].sort((a, b) => b[1] - a[1]);
  console.log(`\n${file}  ${kb(output.bytes)}  (${output.entryPoint ?? ''})`);
  for (const [name, bytes] of sorted.slice(0, TOP)) console.log(`  ${kb(bytes)}  ${name}`);
  const rest = sorted.slice(TOP).reduce((sum, [, bytes]) => sum + bytes, 0);
  if (rest) console.log(`  ${kb(rest)}  (${sorted.length - TOP} more)`);
}
