import * as assert from 'node:assert/strict';
import type { RegistryProblem } from '../../../../src/core/base/model';
import { quickFactsFrom } from '../../../../src/core/status/quickPackageFacts';
import type { Answer } from '../../../../src/core/status/registryHttp';

const ok = <T>(value: T): Answer<T> => ({ ok: true, value });
const fail = (status: number | undefined, kind: RegistryProblem['kind'] = status === 404 ? 'not-found' : 'server-error'): Answer<never> =>
  ({ ok: false, problem: { kind, status, message: `status ${status}` } });
const manifest = (version: string, trustedPublisher?: string) => ok({ version, maintainers: ['alice'], ...(trustedPublisher && { trustedPublisher }) });

describe('quickFactsFrom: the small documents, used only when they prove their routes', () => {
  const tags = ok({ latest: '2.0.0', next: '3.0.0-rc.1' });
  const cases: [string, Parameters<typeof quickFactsFrom>, string[] | undefined][] = [
    ['this version is the latest', [tags, manifest('2.0.0'), manifest('2.0.0'), '2.0.0'], ['2.0.0']],
    ['this version is out, not the latest', [tags, manifest('2.0.0'), manifest('1.0.0'), '1.0.0'], ['2.0.0', '1.0.0']],
    ['this version is not out (404, the latest proves the route)', [tags, manifest('2.0.0'), fail(404), '2.1.0'], ['2.0.0']],
    ['dist-tags 404: a new package, or no such route → the packument decides', [fail(404), fail(404), fail(404), '1.0.0'], undefined],
    ['no latest tag', [ok({ next: '3.0.0-rc.1' }), manifest('2.0.0'), manifest('2.0.0'), '2.0.0'], undefined],
    ['the latest manifest is another version (a route that ignores the version)', [tags, manifest('1.0.0'), manifest('1.0.0'), '2.1.0'], undefined],
    ['this version\'s answer is another version', [tags, manifest('2.0.0'), manifest('2.0.0'), '2.1.0'], undefined],
    ['this version failed (503)', [tags, manifest('2.0.0'), fail(503), '2.1.0'], undefined],
    ['the latest failed', [tags, fail(500), manifest('1.0.0'), '1.0.0'], undefined],
  ];
  for (const [what, args, versions] of cases) {
    it(what, () => {
      const facts = quickFactsFrom(...args);
      assert.deepEqual(facts?.versions, versions);
      if (facts) assert.equal(facts.partial, true);
    });
  }

  it('the publisher and maintainers are the latest\'s; no times are claimed', () => {
    const facts = quickFactsFrom(tags, manifest('2.0.0', 'github'), fail(404), '2.1.0');
    assert.deepEqual(facts, {
      state: 'published', versions: ['2.0.0'], latest: '2.0.0', maintainers: ['alice'],
      trustedPublisher: { version: '2.0.0', provider: 'github' }, partial: true,
    });
  });
});
