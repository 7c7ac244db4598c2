// The pure parts of the revalidated packument: what is held and for whom, and the packument reduced
// to the facts the status keeps.
import * as assert from 'node:assert/strict';
import type { PackageFacts } from '../../../../src/core/base/model';
import { PackageFactsCache, packageFactsFrom, packageFactsKey } from '../../../../src/core/status/packageFactsCache';
import type { Packument } from '../../../../src/core/status/registryAnswers';

type Published = Extract<PackageFacts, { state: 'published' }>;
const facts = (latest: string): Published => ({ state: 'published', versions: [latest], latest, maintainers: ['alice'] });

describe('package facts held with their validators', () => {
  it('the key names registry, credential fingerprint and package, each apart', () => {
    const keys = [
      packageFactsKey('https://registry.npmjs.org/', 'fp-alice', 'demo'),
      packageFactsKey('https://registry.npmjs.org/', 'fp-bob', 'demo'),
      packageFactsKey('https://npm.example.com/', 'fp-alice', 'demo'),
      packageFactsKey('https://registry.npmjs.org/', 'fp-alice', 'other'),
      // Joined naively these two would be one key.
      packageFactsKey('https://r/', 'a', 'b/c'),
      packageFactsKey('https://r/', 'a/b', 'c'),
    ];
    assert.equal(new Set(keys).size, keys.length);
  });

  const cases: { what: string; validators: { etag?: string; lastModified?: string }; held: boolean }[] = [
    { what: 'an ETag', validators: { etag: '"abc"' }, held: true },
    { what: 'a weak ETag, as a CDN sends with gzip', validators: { etag: 'W/"abc"' }, held: true },
    { what: 'only Last-Modified', validators: { lastModified: 'Wed, 01 Jan 2026 00:00:00 GMT' }, held: true },
    { what: 'no validator: nothing to revalidate with', validators: {}, held: false },
  ];
  for (const { what, validators, held } of cases) {
    it(`an answer with ${what} is ${held ? '' : 'not '}held`, () => {
      const cache = new PackageFactsCache();
      cache.hold('k', facts('1.0.0'), validators);
      assert.deepEqual(cache.held('k'), held ? { facts: facts('1.0.0'), validators } : undefined);
    });
  }

  it('a new answer without validators drops the one held before', () => {
    const cache = new PackageFactsCache();
    cache.hold('k', facts('1.0.0'), { etag: '"a"' });
    cache.hold('k', facts('1.1.0'), {});
    assert.equal(cache.held('k'), undefined);
  });

  it('beyond its size the least recently held answer goes first', () => {
    const cache = new PackageFactsCache(2);
    cache.hold('a', facts('1.0.0'), { etag: '"a"' });
    cache.hold('b', facts('1.0.0'), { etag: '"b"' });
    cache.hold('a', facts('1.0.0'), { etag: '"a"' }); // revalidated: the newest again
    cache.hold('c', facts('1.0.0'), { etag: '"c"' });
    assert.deepEqual([cache.held('a') !== undefined, cache.held('b') !== undefined, cache.held('c') !== undefined], [true, false, true]);
    assert.equal(cache.size, 2);
  });
});

describe('the packument reduced to the facts the status keeps', () => {
  const packument = (over: Partial<Packument>): Packument => ({ versions: {}, maintainers: [], time: {}, ...over });
  const rows: { what: string; doc: Packument; expect: Partial<Published> }[] = [
    {
      what: 'versions, latest, maintainers and the two times',
      doc: packument({ versions: { '1.0.0': {}, '2.0.0': {} }, latest: '2.0.0', maintainers: ['alice'], time: { created: '2024-01-01T00:00:00Z', '1.0.0': '2024-01-01T00:00:00Z', '2.0.0': '2025-01-01T00:00:00Z' } }),
      expect: { versions: ['1.0.0', '2.0.0'], latest: '2.0.0', maintainers: ['alice'], firstPublished: '2024-01-01T00:00:00Z', latestPublishedAt: '2025-01-01T00:00:00Z', trustedPublisher: undefined },
    },
    {
      what: 'the newest trusted publish by time, not by key order',
      doc: packument({
        versions: { '3.0.0': { trustedPublisher: 'github' }, '1.0.0': {}, '2.0.0': { trustedPublisher: 'gitlab' } },
        time: { '3.0.0': '2024-03-01T00:00:00Z', '2.0.0': '2025-01-01T00:00:00Z' },
      }),
      expect: { trustedPublisher: { version: '2.0.0', provider: 'gitlab' } },
    },
    {
      what: 'a trusted publish without a time still counts',
      doc: packument({ versions: { '1.0.0': { trustedPublisher: 'github' } } }),
      expect: { trustedPublisher: { version: '1.0.0', provider: 'github' }, latestPublishedAt: undefined },
    },
    {
      what: 'no latest tag: no latest time',
      doc: packument({ versions: { '1.0.0': {} }, time: { '1.0.0': '2024-01-01T00:00:00Z' } }),
      expect: { latest: undefined, latestPublishedAt: undefined },
    },
  ];
  for (const { what, doc, expect } of rows) {
    it(what, () => {
      const reduced = packageFactsFrom({ ok: true, value: doc });
      assert.equal(reduced.state, 'published');
      for (const [key, value] of Object.entries(expect)) assert.deepEqual((reduced as Record<string, unknown>)[key], value, key);
    });
  }

  it('a 404 is a package not published; any other problem leaves the facts unavailable', () => {
    assert.deepEqual(packageFactsFrom({ ok: false, problem: { kind: 'unexpected-answer', status: 404, message: 'x' } }), { state: 'unpublished' });
    const down = { kind: 'server-error' as const, status: 503, message: 'x' };
    assert.deepEqual(packageFactsFrom({ ok: false, problem: down }), { state: 'unavailable', error: down });
  });
});
