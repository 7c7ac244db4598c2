// The words npm 11 uses for a package.json it will not publish.
import * as assert from 'node:assert/strict';
import { manifestProblem } from '../../../../src/core/status/manifestValidity';

describe('manifestProblem: npm 11 messages', () => {
  const cases: [{ name?: string; version?: string }, string | undefined][] = [
    [{ name: 'probe pkg', version: '1.0.0' }, 'Invalid name: "probe pkg"'],
    [{ name: '@probe', version: '1.0.0' }, 'Invalid name: "@probe"'],
    [{ name: '.probe', version: '1.0.0' }, 'Invalid name: ".probe"'],
    [{ name: 'probe', version: '1.0' }, 'Invalid version: "1.0"'],
    [{ name: 'probe', version: 'not-a-version' }, 'Invalid version: "not-a-version"'],
    [{ name: 'Probe', version: '1.0.0' }, undefined],
    [{ name: '@scope/probe', version: 'v1.0.0' }, undefined],
    [{ name: 'probe' }, undefined],
  ];
  for (const [manifest, message] of cases) {
    it(`${JSON.stringify(manifest)} → ${message ?? 'accepted'}`, () => assert.equal(manifestProblem(manifest), message));
  }
});
