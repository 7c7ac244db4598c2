// Bundles the extension into CommonJS files; `tsc --noEmit` checks the types separately.
// - dist/extension.js: what `activate` loads — the status bar, the watchers, the commands.
// - dist/pipeline.js: the status pipeline with npm's config and HTTP libraries, required by the
//   status controller on the first refresh (src/ui/lazyModules.ts).
// - dist/commands.js: the action commands (publish, bump, account; tar, semver, npm-profile,
//   libnpmaccess), required when one is first run.
// - dist/workspace.js: the packages view's list, rows and background statuses, required when the
//   view first shows or a release starts.
// - dist/webAuth.js: npm-profile's web-login polling (npm-registry-fetch's whole HTTP stack), only
//   required while a publish waits for browser approval.
// Each is a complete bundle (esbuild's `splitting` needs ESM, and VS Code loads extensions as CJS);
// what they share is duplicated, and state that must be one per process (the session's secrets)
// lives on globalThis. `--metafile` writes dist/meta.json for `npm run bundle-report`.
import * as esbuild from 'esbuild';
import { writeFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const metafile = process.argv.includes('--metafile');
// `--outdir=DIR`: build elsewhere than dist/ (the bundle budget test builds into a temporary folder).
const outdir = process.argv.find((arg) => arg.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';

/**
 * iconv-lite (480 KB minified, its code-page tables) is reached only through minipass-fetch's
 * optional `try { require('iconv-lite') }` for `Body.textConverted()`, which nothing in the bundle
 * calls (npm-profile and npm-registry-fetch read `json()`/`buffer()`). Replaced by a module that
 * throws on load, which minipass-fetch already catches: the same as iconv-lite not being installed.
 */
const withoutIconv = {
  name: 'without-iconv-lite',
  setup(build) {
    build.onResolve({ filter: /^iconv-lite$/ }, () => ({ path: 'iconv-lite', namespace: 'not-bundled' }));
    build.onLoad({ filter: /.*/, namespace: 'not-bundled' }, () => ({
      contents: "throw new Error('iconv-lite is not bundled: minipass-fetch textConverted() is unused');",
      loader: 'js',
    }));
  },
};

const context = await esbuild.context({
  entryPoints: {
    extension: 'src/extension.ts',
    pipeline: 'src/bundles/pipeline.ts',
    webAuth: 'src/bundles/webAuth.ts',
    commands: 'src/bundles/commands.ts',
    workspace: 'src/bundles/workspace.ts',
  },
  outdir,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  plugins: [withoutIconv],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  metafile,
  logLevel: 'warning',
});

if (watch) {
  await context.watch();
  console.log('[esbuild] watching src/ …');
} else {
  const result = await context.rebuild();
  if (metafile) writeFileSync(`${outdir}/meta.json`, JSON.stringify(result.metafile));
  await context.dispose();
}
