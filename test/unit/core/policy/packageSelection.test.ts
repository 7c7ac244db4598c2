import * as assert from 'node:assert/strict';
import { choosePackage, manifestCandidates, sortPackages } from '../../../../src/core/policy/packageSelection';

describe('manifestCandidates', () => {
  const roots = ['/ws', '/other', '/ws/nested-root'];
  const cases: [string, string, string[]][] = [
    ['a file in a nested package: nearest first, up to its root',
      '/ws/packages/a/src/index.ts',
      ['/ws/packages/a/src/package.json', '/ws/packages/a/package.json', '/ws/packages/package.json', '/ws/package.json']],
    ['a package.json itself is its own first candidate', '/ws/packages/a/package.json', ['/ws/packages/a/package.json', '/ws/packages/package.json', '/ws/package.json']],
    ['a file of the root', '/ws/README.md', ['/ws/package.json']],
    ['the innermost workspace folder bounds the walk', '/ws/nested-root/lib/x.js', ['/ws/nested-root/lib/package.json', '/ws/nested-root/package.json']],
    ['a file inside node_modules belongs to no package', '/ws/node_modules/dep/index.js', []],
    ['a file outside every workspace folder', '/elsewhere/file.ts', []],
    ['a folder whose name only shares a prefix with a root', '/ws2/file.ts', []],
    ['another workspace folder', '/other/lib/x.js', ['/other/lib/package.json', '/other/package.json']],
  ];
  for (const [what, file, expected] of cases) {
    it(what, () => assert.deepEqual(manifestCandidates(file, roots), expected));
  }
});

describe('choosePackage', () => {
  const a = '/ws/a/package.json';
  const b = '/ws/b/package.json';
  const root = '/ws/package.json';
  const manifests = [root, a, b];
  const cases: [string, Omit<Parameters<typeof choosePackage>[0], 'manifests'>, string | undefined, boolean][] = [
    ['the active file\'s package', { editorFile: '/ws/a/x.ts', editorManifest: a, lastShown: b, firstPublishable: root }, a, false],
    ['a non-file editor (Output, Settings, a preview) keeps the package shown last', { lastShown: b, firstPublishable: root }, b, false],
    ['a file of no package keeps the package shown last', { editorFile: '/elsewhere/x.ts', lastShown: b, firstPublishable: root }, b, false],
    ['nothing shown yet: the first publishable', { firstPublishable: a }, a, false],
    ['nothing publishable: the first manifest', {}, root, false],
    ['the last shown one was deleted: the first publishable', { lastShown: '/ws/gone/package.json', firstPublishable: a }, a, false],
    ['a pick wins over the file active when it was picked', { editorFile: '/ws/a/x.ts', editorManifest: a, picked: { manifest: b, editorFileThen: '/ws/a/x.ts' } }, b, true],
    ['a pick stays in a non-file editor', { picked: { manifest: b, editorFileThen: '/ws/a/x.ts' }, lastShown: b }, b, true],
    ['a pick stays when a file of the picked package opens', { editorFile: '/ws/b/y.ts', editorManifest: b, picked: { manifest: b, editorFileThen: '/ws/a/x.ts' } }, b, true],
    ['a pick ends when a file of another package opens', { editorFile: '/ws/a/other.ts', editorManifest: a, picked: { manifest: b, editorFileThen: '/ws/a/x.ts' } }, a, false],
    ['a pick of a deleted manifest is dropped', { editorFile: '/ws/a/x.ts', editorManifest: a, picked: { manifest: '/ws/gone/package.json' } }, a, false],
  ];
  for (const [what, choice, manifest, keepPick] of cases) {
    it(what, () => assert.deepEqual(choosePackage({ manifests, ...choice }), { manifest, keepPick }));
  }
  it('no manifests: nothing', () => assert.deepEqual(choosePackage({ manifests: [] }), { manifest: undefined, keepPick: false }));
});

describe('sortPackages', () => {
  it('orders by name, then folder, whatever the scan order', () => {
    const entries = [
      { manifest: '/ws/z/package.json', name: 'zeta', folder: 'z' },
      { manifest: '/ws/b/package.json', name: '@acme/lib', folder: 'b' },
      { manifest: '/ws/a2/package.json', name: 'alpha', folder: 'a2' },
      { manifest: '/ws/a1/package.json', name: 'alpha', folder: 'a1' },
    ];
    assert.deepEqual(sortPackages(entries).map((e) => `${e.name} ${e.folder}`), ['@acme/lib b', 'alpha a1', 'alpha a2', 'zeta z']);
  });
});
