// A package's first status from the registry's small documents (dist-tags, the latest and this
// version), its packument read behind them and handed to the next refresh; any doubt about a small
// route falls back to the packument (core pipeline against the local registry, plain Node).
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { english } from '../../src/core/base/localize';
import type { PublishAuthStatus } from '../../src/core/base/model';
import { computeStatus } from '../../src/core/status/computeStatus';
import { PackageFactsCache } from '../../src/core/status/packageFactsCache';
import { AccountFactsCache } from '../../src/core/status/registryFacts';
import { demoToken } from './scenarios';
import { asNpmjs, startRegistry, type LocalRegistry } from './server';

describe('the first status of a package from the small documents (core pipeline, plain Node)', () => {
  let registry: LocalRegistry;
  let root: string;
  let packages: PackageFactsCache;
  let refined: Promise<void>;
  let onRefined: () => void;

  before(async () => {
    registry = await startRegistry({ scenario: 'default' });
    root = mkdtempSync(path.join(os.tmpdir(), 'npa-quick-facts-'));
  });
  after(async () => {
    rmSync(root, { recursive: true, force: true });
    await registry.close();
  });
  beforeEach(() => {
    registry.reset();
    packages = new PackageFactsCache();
    refined = new Promise<void>((resolve) => (onRefined = resolve));
  });

  function folder(name: string, version: string): string {
    const dir = path.join(root, `${name.replace('/', '+')}-${version}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version }));
    writeFileSync(path.join(dir, '.npmrc'), `registry=${registry.url}\n${registry.url.replace(/^http:/, '')}:_authToken=${demoToken('alice-session')}\n`);
    return dir;
  }

  const refresh = (dir: string, previous?: PublishAuthStatus) => computeStatus({
    packageFolder: dir,
    config: { env: { HOME: path.join(root, 'home') }, userconfig: path.join(root, 'home', '.npmrc'), globalconfig: path.join(root, 'home', 'npmrc') },
    registryKinds: asNpmjs(registry),
    publishingAccess: () => ({}),
    loggedInAt: () => undefined,
    accountCache: { cache: new AccountFactsCache() },
    packageCache: packages,
    onPackageFactsRefined: () => onRefined(),
    previous,
    now: Date.now(),
  }, english);

  const gets = (route: string) => registry.requests.filter((r) => r.method === 'GET' && r.path.toLowerCase() === route).length;
  const packumentGets = (name: string) => gets(`/${name.replace('/', '%2f')}`);

  it('answers from the small documents, then the packument read behind them fills in the rest', async () => {
    const dir = folder('@alice/locked', '1.2.0');
    const first = await refresh(dir);
    assert.equal(first.verdict.code, 'needs-2fa', first.verdict.reason);
    assert.equal(first.packageFacts?.state === 'published' && first.packageFacts.partial, true);
    assert.deepEqual(first.packageFacts?.state === 'published' && first.packageFacts.versions, ['1.1.0']);
    // The latest's publisher is known at once (trusted publishing); its time is not.
    assert.equal(first.packageFacts?.state === 'published' && first.packageFacts.trustedPublisher?.version, '1.1.0');
    assert.equal(gets('/-/package/@alice%2flocked/dist-tags'), 1);

    await refined;
    assert.equal(packumentGets('@alice/locked'), 1, 'the packument was read once, behind');
    const second = await refresh(dir, first);
    assert.equal(packumentGets('@alice/locked'), 1, 'handed over: not asked again');
    assert.equal(second.packageFacts?.state === 'published' && second.packageFacts.partial, undefined);
    assert.deepEqual(second.packageFacts?.state === 'published' && second.packageFacts.versions, ['1.0.0', '1.1.0']);
    assert.ok(second.packageFacts?.state === 'published' && second.packageFacts.latestPublishedAt);
    assert.equal(second.verdict.code, first.verdict.code);

    // The third refresh revalidates what is held: a 304, as before this change.
    await refresh(dir, second);
    assert.equal(packumentGets('@alice/locked'), 2);
    assert.equal(gets('/-/package/@alice%2flocked/dist-tags'), 1, 'small documents only for the first');
  });

  it('a version that is out but not the latest, and the latest itself, are told at once', async () => {
    const older = await refresh(folder('@alice/locked', '1.0.0'));
    assert.equal(older.verdict.code, 'version-exists');
    assert.equal(older.packageFacts?.state === 'published' && older.packageFacts.partial, true);
    const latest = await refresh(folder('demo-pkg', '1.0.0'));
    assert.equal(latest.verdict.code, 'published');
    assert.equal(latest.packageFacts?.state === 'published' && latest.packageFacts.partial, true);
  });

  it('a package nobody published: dist-tags 404, so the packument decides (404: the first publish creates it)', async () => {
    const s = await refresh(folder('brand-new-pkg', '1.0.0'));
    assert.equal(s.packageFacts?.state, 'unpublished');
    assert.equal(packumentGets('brand-new-pkg'), 1);
  });

  it('a registry without the small routes (404 on dist-tags, or a latest that is not the tag\'s) gets the packument\'s verdict', async () => {
    registry.injectFault({ method: 'GET', path: '/-/package/demo-pkg/dist-tags' }, { kind: 'json-body', status: 404, body: { error: 'Not found' } }, 1);
    const noRoute = await refresh(folder('demo-pkg', '1.0.0'));
    assert.equal(noRoute.verdict.code, 'published');
    assert.equal(noRoute.packageFacts?.state === 'published' && noRoute.packageFacts.partial, undefined);

    packages = new PackageFactsCache();
    // A route that answers the packument's first version whatever is asked: not proof, so not used.
    registry.injectFault({ method: 'GET', path: '/demo-pkg/latest' }, { kind: 'json-body', body: { name: 'demo-pkg', version: '0.9.0' } }, 1);
    const odd = await refresh(folder('demo-pkg', '1.0.0'));
    assert.equal(odd.verdict.code, 'published');
    assert.equal(odd.packageFacts?.state === 'published' && odd.packageFacts.partial, undefined);
  });
});
