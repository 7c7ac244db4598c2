// Runs the trust corpus (trustCorpus.ts) through the core pipeline against the local registry, and
// checks the pipeline-wide promises: credentials stay with their origin, npm's HTTP cache is never
// used, and a failure keeps the last good status of the same package and credential only.
import * as assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { computeStatus, type StatusRequest } from '../../src/core/status/computeStatus';
import { english } from '../../src/core/base/localize';
import type { PublishAuthStatus } from '../../src/core/base/model';
import type { Fault } from './faults';
import { demoToken } from './scenarios';
import { asNpmjs, startRegistry, type LocalRegistry } from './server';
import { TRUST_CORPUS, type CorpusCase } from './trustCorpus';

describe('trust corpus: bad registry answers and package.json values (core pipeline, plain Node)', () => {
  let registry: LocalRegistry;
  let trap: Server;
  let trapUrl: string;
  const trapHeaders: IncomingHttpHeaders[] = [];
  let root: string;
  let tried = 0;

  before(async () => {
    registry = await startRegistry({ scenario: 'default' });
    root = mkdtempSync(path.join(os.tmpdir(), 'npa-trust-corpus-'));
    // Another origin on the same host: whatever reaches it would have left the registry's origin.
    trap = createServer((req, res) => {
      trapHeaders.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"username":"mallory","objects":[],"versions":{}}');
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
  });
  after(async () => {
    rmSync(root, { recursive: true, force: true });
    trap.closeAllConnections();
    await new Promise<void>((resolve) => trap.close(() => resolve()));
    await registry.close();
    console.log(`trust corpus: ${tried} cases`);
  });
  beforeEach(() => {
    registry.reset();
    trapHeaders.length = 0;
  });

  let folders = 0;
  /** A package folder of its own, logged in with a demo token; npm's cache folder pointed inside it. */
  function packageFolder(manifest: Record<string, unknown>, tokenLabel: string): string {
    const dir = path.join(root, `pkg-${folders++}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
    const nerf = registry.url.replace(/^http:/, '');
    writeFileSync(path.join(dir, '.npmrc'), `registry=${registry.url}\n${nerf}:_authToken=${demoToken(tokenLabel)}\ncache=${path.join(dir, 'npm-cache')}\n`);
    return dir;
  }

  function refresh(dir: string, options: { previous?: PublishAuthStatus; deadlineMs?: number } = {}): Promise<PublishAuthStatus> {
    const home = path.join(root, 'home');
    const request: StatusRequest = {
      packageFolder: dir,
      config: { env: { HOME: home }, userconfig: path.join(home, '.npmrc'), globalconfig: path.join(home, 'npmrc') },
      registryKinds: asNpmjs(registry),
      publishingAccess: () => ({}),
      loggedInAt: () => undefined,
      previous: options.previous,
      timeoutMs: options.deadlineMs,
      now: Date.now(),
    };
    return computeStatus(request, english);
  }

  function inject(faults: NonNullable<CorpusCase['faults']>): void {
    const localTrap = registry.url.replace('127.0.0.1', 'localhost').replace(/\/$/, '');
    for (const { path: where, fault, times } of faults) {
      const located: Fault = fault.kind === 'redirect'
        ? { ...fault, location: fault.location.replace(/^localtrap/, localTrap).replace(/^trap/, trapUrl) }
        : fault;
      registry.injectFault({ path: where }, located, times);
    }
  }

  for (const c of TRUST_CORPUS) {
    it(`${c.name} → ${c.expect.verdict}`, async () => {
      tried++;
      inject(c.faults ?? []);
      const dir = packageFolder(c.manifest ?? { name: 'demo-pkg', version: '9.9.9' }, c.token ?? 'alice-session');
      const status = await refresh(dir, { deadlineMs: c.deadlineMs });
      const { expect: want } = c;
      const seen = `${status.verdict.code}: ${status.verdict.reason} / stale: ${status.stale?.problem.message}`;
      assert.equal(status.verdict.code, want.verdict, seen);
      if (want.credential) assert.equal(status.credential?.kind, want.credential, seen);
      if (want.packageState) assert.equal(status.packageFacts?.state, want.packageState, seen);
      if (want.writeAccess) assert.equal(status.writeAccess, want.writeAccess, seen);
      if (want.accountTwoFactor) assert.equal(status.accountTwoFactor, want.accountTwoFactor, seen);
      if (want.stale) assert.match(status.stale?.problem.message ?? '(not stale)', want.stale);
      else assert.equal(status.stale, undefined, seen);
      if (want.stale) assert.equal(status.checkedAt, undefined, 'a failed refresh never looks fresh');
      if (want.reason) assert.match(status.verdict.reason, want.reason);
      if (want.noRequests) assert.equal(registry.requests.length, 0);
      assert.deepEqual(trapHeaders, [], 'nothing reached another origin');
      assert.equal(existsSync(path.join(dir, 'npm-cache')), false, "npm's HTTP cache folder is never touched");
    });
  }

  describe('the last good status is kept only for the same package and credential', () => {
    const routes: [string, string][] = [
      ['whoami', '/-/whoami'], ['profile', '/-/npm/v1/user'], ['tokens', '/-/npm/v1/tokens'],
      ['packument', '/demo-pkg'], ['collaborators', '/-/package/demo-pkg/collaborators'],
    ];
    for (const [route, where] of routes) {
      it(`${route} failing: a bypass token's "ready" stays, marked stale`, async () => {
        tried++;
        const dir = packageFolder({ name: 'demo-pkg', version: '9.9.9' }, 'alice-bypass');
        const good = await refresh(dir);
        assert.equal(good.verdict.code, 'ready');
        registry.injectFault({ path: where }, { kind: 'server-error', status: 503 });
        const kept = await refresh(dir, { previous: good });
        assert.equal(kept.verdict.code, 'ready');
        assert.equal(kept.credential?.kind, 'granular');
        assert.match(kept.stale?.problem.message ?? '', /failed with 503/);
        assert.equal(kept.checkedAt, good.checkedAt);
      });

      it(`${route} failing after another credential's status: that account's facts are not shown`, async () => {
        tried++;
        const bypassDir = packageFolder({ name: 'demo-pkg', version: '9.9.9' }, 'alice-bypass');
        const other = await refresh(bypassDir);
        assert.equal(other.verdict.code, 'ready');
        // Same package folder, credential changed to a session (a login in a terminal).
        const nerf = registry.url.replace(/^http:/, '');
        writeFileSync(path.join(bypassDir, '.npmrc'), `registry=${registry.url}\n${nerf}:_authToken=${demoToken('alice-session')}\n`);
        registry.injectFault({ path: where }, { kind: 'server-error', status: 503 });
        const status = await refresh(bypassDir, { previous: other });
        assert.notEqual(status.verdict.code, 'ready');
        assert.notEqual(status.credential?.kind, 'granular');
        assert.match(status.stale?.problem.message ?? '', /failed with 503/);
        assert.notEqual(status.credentialKey, other.credentialKey);
      });
    }
  });

  it('a packument sent with max-age=300 is asked again by the next refresh', async () => {
    tried++;
    const dir = packageFolder({ name: 'demo-pkg', version: '9.9.9' }, 'alice-session');
    registry.injectFault({ path: '/demo-pkg' }, {
      kind: 'json-body', headers: { 'cache-control': 'public, max-age=300' },
      body: { name: 'demo-pkg', versions: { '9.9.9': {} }, maintainers: [{ name: 'alice' }], time: {} },
    }, 1);
    assert.equal((await refresh(dir)).verdict.code, 'version-exists');
    assert.equal((await refresh(dir)).verdict.code, 'needs-2fa');
    assert.equal(registry.requests.filter((r) => r.path === '/demo-pkg').length, 2);
  });

  it('a failing registry is never answered from an earlier answer of the same URL', async () => {
    tried++;
    const dir = packageFolder({ name: 'demo-pkg', version: '9.9.9' }, 'alice-session');
    assert.equal((await refresh(dir)).verdict.code, 'needs-2fa');
    registry.injectFault({ path: '/demo-pkg' }, { kind: 'reset' });
    const failed = await refresh(dir);
    assert.equal(failed.verdict.code, 'unknown');
    assert.equal(failed.packageFacts?.state, 'unavailable');
    assert.equal(readdirSync(dir).includes('npm-cache'), false);
  });

  it('a same-origin redirect keeps the credential; the Bearer token never reaches another port', async () => {
    tried++;
    const dir = packageFolder({ name: 'demo-pkg', version: '9.9.9' }, 'alice-session');
    registry.injectFault({ path: '/-/whoami' }, { kind: 'redirect', location: '/-/whoami?moved=1', status: 307 }, 1);
    const followed = await refresh(dir);
    assert.equal(followed.credential?.kind, 'session');
    assert.equal(followed.writeAccess, 'write', 'whoami answered after the redirect, with the credential');
    registry.injectFault({ path: '/-/whoami' }, { kind: 'redirect', location: `${trapUrl}/-/whoami` });
    await refresh(dir);
    assert.deepEqual(trapHeaders.map((h) => h.authorization), []);
  });
});
