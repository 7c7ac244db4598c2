import { strict as assert } from 'node:assert';
import type { PackageFacts } from '../../../../src/core/base/model';
import { nextVersions } from '../../../../src/core/publish/versionChoice';

const published = (versions: string[], latest = versions.at(-1)): PackageFacts => ({ state: 'published', versions, latest, maintainers: ['alice'] });

describe('nextVersions', () => {
  const cases: { name: string; local: string; facts: PackageFacts; expected: string[] }[] = [
    { name: 'unpublished: from the local version', local: '1.0.0', facts: { state: 'unpublished' }, expected: ['1.0.1', '1.1.0', '2.0.0', '1.0.1-0'] },
    { name: 'local is the latest: the next ones', local: '1.1.0', facts: published(['1.0.0', '1.1.0']), expected: ['1.1.1', '1.2.0', '2.0.0', '1.1.1-0'] },
    { name: 'local behind the registry: from the latest', local: '1.0.0', facts: published(['1.0.0', '1.4.0']), expected: ['1.4.1', '1.5.0', '2.0.0', '1.4.1-0'] },
    { name: 'local ahead of the registry: from the local', local: '2.0.0', facts: published(['1.0.0']), expected: ['2.0.1', '2.1.0', '3.0.0', '2.0.1-0'] },
    { name: 'a published version not tagged latest is skipped', local: '1.0.0', facts: published(['1.0.0', '1.0.1', '1.0.2', '2.0.0-beta.1'], '1.0.0'), expected: ['1.0.3', '1.1.0', '2.0.0', '1.0.1-0'] },
    { name: 'prereleases already out are skipped', local: '1.0.1-0', facts: published(['1.0.0', '1.0.1-0', '1.0.1-1'], '1.0.0'), expected: ['1.0.1', '1.1.0', '2.0.0', '1.0.1-2'] },
    { name: 'the registry is unreachable: from the local version', local: '1.0.0', facts: { state: 'unavailable', error: { kind: 'offline', message: 'offline' } }, expected: ['1.0.1', '1.1.0', '2.0.0', '1.0.1-0'] },
    { name: 'a latest that is not a version is ignored', local: '1.0.0', facts: published(['1.0.0'], 'garbage'), expected: ['1.0.1', '1.1.0', '2.0.0', '1.0.1-0'] },
    { name: 'not a version: nothing to offer', local: 'one', facts: { state: 'unpublished' }, expected: [] },
  ];
  for (const { name, local, facts, expected } of cases) {
    it(name, () => assert.deepEqual(nextVersions(local, facts).map((choice) => choice.version), expected));
  }

  it('names the release kind of each version', () => {
    assert.deepEqual(nextVersions('1.0.0', { state: 'unpublished' }).map((choice) => choice.release), ['patch', 'minor', 'major', 'prerelease']);
  });
});
