// The core pipeline against the local registry, in plain Node: the packument is revalidated (ETag,
// 304) instead of downloaded on every refresh; what is held never crosses credentials or registries,
// and a failed revalidation keeps the stale rules.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PublishAuthStatus } from '../../src/core/base/model';
import { computeStatus, type StatusRequest } from '../../src/core/status/computeStatus';
import { PackageFactsCache } from '../../src/core/status/packageFactsCache';
import { AccountFactsCache } from '../../src/core/status/registryFacts';
import { english } from '../../src/core/base/localize';
import { demoToken } from './scenarios';
import { startRegistry, type LocalRegistry } from './server';

describe('packument revalidated, not downloaded again (core pipeline, plain Node)', () => {
  let registry: LocalRegistry;
  let other: LocalRegistry;
  let root: string;
  let packages: PackageFactsCache;

  before(async () => {
    [registry, other] = await Promise.all([startRegistry({ scenario: 'default' }), startRegistry({ scenario: 'default' })]);
    root = mkdtempSync(path.join(os.tmpdir(), 'npa-package-cache-'));
  });
  after(async () => {
    rmSync(root, { recursive: true, force: true });
    await Promise.all([registry.close(), other.close()]);
  });
  beforeEach(() => {
    registry.reset();
    other.reset();
    packages = new PackageFactsCache();
  });

  /** A package folder of its own (its .npmrc applies), logged in with the given demo token on `on`. */
  function packageFolder(name: string, tokenLabel: string, on = registry, version = '1.0.0'): string {
    const dir = path.join(root, `${name.replace('/', '+')}-${tokenLabel}-${on.port}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version }));
    const nerf = on.url.replace(/^http:/, '');
    writeFileSync(path.join(dir, '.npmrc'), `registry=${on.url}\n${nerf}:_authToken=${demoToken(tokenLabel)}\n`);
    return dir;
  }

  function refresh(dir: string, previous?: PublishAuthStatus): Promise<PublishAuthStatus> {
    const home = path.join(root, 'home');
    const request: StatusRequest = {
      packageFolder: dir,
      config: { env: { HOME: home }, userconfig: path.join(home, '.npmrc'), globalconfig: path.join(home, 'npmrc') },
      publishingAccess: () => ({}),
      loggedInAt: () => undefined,
      accountCache: { cache: new AccountFactsCache() },
      packageCache: packages,
      previous,
      now: Date.now(),
    };
    return computeStatus(request, english);
  }

  /** The packument requests of `on`'s log: conditional or not, and the answer's status. */
  const packumentRequests = (on: LocalRegistry, name = 'demo-pkg') =>
    on.requests.filter((r) => r.path === `/${name}`).map((r) => `${r.conditional ? 'conditional' : 'plain'} ${r.status}`);

  it('an unchanged packument costs a 304, and the facts held answer as fresh', async () => {
    const dir = packageFolder('demo-pkg', 'alice-bypass');
    const first = await refresh(dir);
    const second = await refresh(dir, first);
    assert.deepEqual(packumentRequests(registry), ['plain 200', 'conditional 304']);
    assert.deepEqual(second.packageFacts, first.packageFacts);
    assert.equal(second.packageFacts?.state, 'published');
    assert.equal(second.verdict.code, first.verdict.code);
    assert.equal(second.stale, undefined);
    assert.ok(second.checkedAt !== undefined);
  });

  it('two credentials hold two answers: each asks with its own validators, never the other\'s', async () => {
    const alice = packageFolder('demo-pkg', 'alice-bypass');
    const bob = packageFolder('demo-pkg', 'bob-session');
    await refresh(alice);
    await refresh(bob);
    assert.equal(packages.size, 2);
    assert.deepEqual(packumentRequests(registry), ['plain 200', 'plain 200']);
    await refresh(alice);
    await refresh(bob);
    assert.deepEqual(packumentRequests(registry), ['plain 200', 'plain 200', 'conditional 304', 'conditional 304']);
  });

  it('another registry never gets the validators of the first', async () => {
    await refresh(packageFolder('demo-pkg', 'alice-bypass'));
    await refresh(packageFolder('demo-pkg', 'alice-bypass', other));
    assert.deepEqual(packumentRequests(registry), ['plain 200']);
    assert.deepEqual(packumentRequests(other), ['plain 200']);
    assert.equal(packages.size, 2);
  });

  it('a changed packument (new ETag) gives the new facts', async () => {
    const dir = packageFolder('demo-pkg', 'alice-bypass');
    const first = await refresh(dir);
    assert.equal(first.verdict.code, 'published');
    const pkg = registry.state.packages.get('demo-pkg')!;
    pkg.versions.set('1.1.0', { name: 'demo-pkg', version: '1.1.0' });
    pkg.time['1.1.0'] = new Date().toISOString();
    pkg.distTags.latest = '1.1.0';
    const second = await refresh(dir, first);
    assert.deepEqual(packumentRequests(registry), ['plain 200', 'conditional 200']);
    assert.ok(second.packageFacts?.state === 'published' && second.packageFacts.versions.includes('1.1.0'));
    assert.equal(second.packageFacts.latest, '1.1.0');
    assert.equal(second.verdict.code, 'version-exists');
  });

  it('a registry that sends no validators is asked in full each time, with the same verdict', async () => {
    const dir = packageFolder('demo-pkg', 'alice-bypass');
    const expected = await refresh(dir);
    packages = new PackageFactsCache();
    registry.clearRequests();
    const body = JSON.parse(JSON.stringify({
      name: 'demo-pkg', 'dist-tags': { latest: '1.0.0' }, versions: { '1.0.0': { name: 'demo-pkg', version: '1.0.0' } },
      time: registry.state.packages.get('demo-pkg')!.time, maintainers: [{ name: 'alice' }, { name: 'carol' }, { name: 'dave' }],
    }));
    registry.injectFault({ method: 'GET', path: '/demo-pkg' }, { kind: 'json-body', body });
    const first = await refresh(dir);
    const second = await refresh(dir, first);
    assert.deepEqual(registry.requests.filter((r) => r.path === '/demo-pkg').map((r) => r.conditional), [false, false]);
    assert.equal(packages.size, 0);
    assert.equal(second.verdict.code, expected.verdict.code);
  });

  it('a 304 to a request that held nothing is not understood: no verdict from it', async () => {
    const dir = packageFolder('demo-pkg', 'alice-bypass');
    registry.injectFault({ method: 'GET', path: '/demo-pkg' }, { kind: 'json-body', body: null, status: 304, headers: { etag: '"x"' } });
    const status = await refresh(dir);
    assert.equal(status.packageFacts?.state, 'unavailable');
    assert.ok(status.stale);
    assert.notEqual(status.verdict.code, 'published');
  });

  it('a failed revalidation keeps the stale rules; the next one that answers 304 is fresh again', async () => {
    const dir = packageFolder('demo-pkg', 'alice-bypass');
    const good = await refresh(dir);
    registry.injectFault({ method: 'GET', path: '/demo-pkg' }, { kind: 'server-error', status: 503 }, 1);
    const failed = await refresh(dir, good);
    assert.equal(failed.stale?.problem.kind, 'server-error');
    assert.deepEqual(failed.packageFacts, good.packageFacts);
    assert.equal(failed.checkedAt, good.checkedAt);
    const again = await refresh(dir, failed);
    assert.deepEqual(packumentRequests(registry), ['plain 200', 'conditional 503', 'conditional 304']);
    assert.equal(again.stale, undefined);
    assert.deepEqual(again.packageFacts, good.packageFacts);
  });

  it('a package that is gone (404) is unpublished, and nothing is held for it any more', async () => {
    const dir = packageFolder('demo-pkg', 'alice-bypass');
    await refresh(dir);
    registry.state.packages.delete('demo-pkg');
    const gone = await refresh(dir);
    assert.equal(gone.packageFacts?.state, 'unpublished');
    assert.equal(packages.size, 0);
    assert.deepEqual(packumentRequests(registry), ['plain 200', 'conditional 404']);
  });
});
