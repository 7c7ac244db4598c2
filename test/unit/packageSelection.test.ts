import * as assert from 'node:assert/strict';
import { manifestCandidates } from '../../src/core/packageSelection';

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
