import * as assert from 'node:assert/strict';
import { escapePackageName } from '../../../../src/core/base/packagePath';

describe('a package name as a registry path segment', () => {
  const escaped: [string, string][] = [
    ['demo-pkg', 'demo-pkg'],
    ['@alice/tools', '@alice%2ftools'],
    ['@./x', '@.%2fx'],
    ['a b', 'a%20b'],
    ['..x', '..x'],
  ];
  for (const [name, segment] of escaped) {
    it(`${name} → ${segment}`, () => assert.equal(escapePackageName(name), segment));
  }

  // What a hostile package.json could name to reach another route of the user's registry.
  for (const name of ['', '.', '..', '../-/npm/v1/tokens', 'a/b', '@alice/x/../../-/whoami', '@alice/', '@/x', '/x', 'x/']) {
    it(`refuses ${JSON.stringify(name)}`, () => assert.throws(() => escapePackageName(name), /Not a package name/));
  }
});
