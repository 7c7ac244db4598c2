// Bundles the extension into one CommonJS file; `tsc --noEmit` checks the types separately.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const context = await esbuild.context({
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
});

if (watch) {
  await context.watch();
  console.log('[esbuild] watching src/ …');
} else {
  await context.rebuild();
  await context.dispose();
}
