// The core pipeline against the local registry, in plain Node: account answers (whoami, profile,
// token list) are shared by registry + credential, reused while fresh and asked again on demand.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { computeStatus, type StatusRequest } from '../../src/core/status/computeStatus';
import { AccountFactsCache } from '../../src/core/status/registryFacts';
import { english } from '../../src/core/base/localize';
import { demoToken } from './scenarios';
import { asNpmjs, startRegistry, type LocalRegistry } from './server';

describe('account answers shared across packages (core pipeline, plain Node)', () => {
  let registry: LocalRegistry;
  let root: string;
  let now: number;
  let cache: AccountFactsCache;

  before(async () => {
    registry = await startRegistry({ scenario: 'default' });
    root = mkdtempSync(path.join(os.tmpdir(), 'npa-account-cache-'));
  });
  after(async () => {
    rmSync(root, { recursive: true, force: true });
    await registry.close();
  });
  beforeEach(() => {
    registry.reset();
    now = Date.now();
    cache = new AccountFactsCache(60_000, () => now);
  });

  /** A package folder of its own (its .npmrc applies) logged in with the given demo token. */
  function packageFolder(name: string, tokenLabel: string): string {
    const dir = path.join(root, `${name}-${tokenLabel}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '9.9.9' }));
    const nerf = registry.url.replace(/^http:/, '');
    writeFileSync(path.join(dir, '.npmrc'), `registry=${registry.url}\n${nerf}:_authToken=${demoToken(tokenLabel)}\n`);
    return dir;
  }

  function refresh(dir: string, revalidate = false) {
    const home = path.join(root, 'home');
    const request: StatusRequest = {
      packageFolder: dir,
      config: { env: { HOME: home }, userconfig: path.join(home, '.npmrc'), globalconfig: path.join(home, 'npmrc') },
      registryKinds: asNpmjs(registry),
      publishingAccess: () => ({}),
      loggedInAt: () => undefined,
      accountCache: { cache, revalidate },
      now,
    };
    return computeStatus(request, english);
  }

  const asked = (route: string) => registry.requests.filter((r) => r.path.toLowerCase().startsWith(route)).length;

  it('a second package with the same credential asks only for its packument', async () => {
    const first = await refresh(packageFolder('demo-pkg', 'alice-session'));
    const second = await refresh(packageFolder('@alice/tools', 'alice-session'));
    assert.deepEqual([first.verdict.code, second.verdict.code], ['needs-2fa', 'needs-2fa']);
    assert.equal(second.credential?.kind, 'session');
    assert.deepEqual([asked('/-/whoami'), asked('/-/npm/v1/user'), asked('/-/npm/v1/tokens')], [1, 1, 1]);
    assert.equal(asked('/@alice%2ftools'), 1);
  });

  it('another credential on the same registry is asked about separately', async () => {
    await refresh(packageFolder('demo-pkg', 'alice-session'));
    const bypass = await refresh(packageFolder('demo-pkg', 'alice-bypass'));
    assert.equal(bypass.verdict.code, 'ready');
    assert.equal(asked('/-/whoami'), 2);
  });

  it('an explicit refresh revalidates, and so does the first refresh after the answers go stale', async () => {
    const dir = packageFolder('demo-pkg', 'alice-session');
    await refresh(dir);
    await refresh(dir, true);
    assert.equal(asked('/-/whoami'), 2);
    now += 61_000;
    await refresh(dir);
    assert.equal(asked('/-/whoami'), 3);
  });

  it('a revoked token shows as invalid on revalidation, not from the cache', async () => {
    const dir = packageFolder('demo-pkg', 'alice-session');
    assert.equal((await refresh(dir)).verdict.code, 'needs-2fa');
    registry.state.tokens.get(demoToken('alice-session'))!.revokedAt = registry.now();
    assert.equal((await refresh(dir)).verdict.code, 'needs-2fa', 'fresh answers are reused');
    assert.equal((await refresh(dir, true)).verdict.code, 'credential-invalid');
  });

  it('refreshes at the same moment share one set of requests', async () => {
    await Promise.all([refresh(packageFolder('demo-pkg', 'alice-session')), refresh(packageFolder('@alice/tools', 'alice-session'))]);
    assert.equal(asked('/-/whoami'), 1);
  });

  it('answers from a failing registry are not kept: the next refresh asks again', async () => {
    const dir = packageFolder('demo-pkg', 'alice-session');
    registry.injectFault({ path: '/-/whoami' }, { kind: 'server-error', status: 503 });
    await refresh(dir);
    registry.clearFaults();
    const recovered = await refresh(dir);
    assert.equal(asked('/-/whoami'), 2);
    assert.equal(recovered.credential?.kind, 'session');
    assert.equal(recovered.verdict.code, 'needs-2fa');
  });
});
