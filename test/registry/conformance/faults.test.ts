// Injected faults, seen through the real npm CLI. npm retries 5xx/429 on GETs with a 10 s minimum
// backoff (doc §1.4), so these runs pass --fetch-retries=0 unless a test is about retrying.
import * as assert from 'node:assert/strict';
import { DEMO_OTP, demoToken } from '../scenarios';
import { assertFails, assertLogHasNoSecrets, assertSucceeds, npmAgainstLocalRegistry } from './npmCli';

describe('fault injection, seen by the npm CLI', () => {
  const suite = npmAgainstLocalRegistry({ token: demoToken('alice-session') });

  const whoami = (...args: string[]) => suite.npm.run(['whoami', '--fetch-retries=0', ...args]);

  it('a 500 with an HTML body makes whoami fail with E500', async () => {
    suite.registry.injectFault({ path: '/-/whoami' }, { kind: 'server-error' });
    const result = await whoami();
    assertFails(result, 'E500');
    assert.match(result.stderr, /500 Internal Server Error - GET http:\/\/127\.0\.0\.1:\d+\/-\/whoami/);
    assert.equal(suite.registry.requests.at(-1)!.fault, 'server-error');
  });

  it('a 429 with an HTML body and retry-after fails with E429', async () => {
    suite.registry.injectFault({ method: 'GET', path: '/-/whoami' }, { kind: 'rate-limit', retryAfterSeconds: 1934 });
    assertFails(await whoami(), 'E429');
  });

  it('a 429 with a JSON body on the publish PUT shows the registry text', async () => {
    suite.registry.injectFault({ method: 'PUT', path: '/demo-pkg' }, { kind: 'rate-limit', body: 'json' });
    const result = await suite.npm.run(['publish', `--otp=${DEMO_OTP}`, '--fetch-retries=0'], { cwd: suite.npm.makePackage('demo-pkg', '1.1.0') });
    assertFails(result, 'E429');
    assert.match(result.stderr, /429 Too Many Requests - PUT .*rate limited exceeded/);
  });

  it('a reset connection fails with ECONNRESET', async () => {
    suite.registry.injectFault({ path: '/-/whoami' }, { kind: 'reset' });
    assertFails(await whoami(), 'ECONNRESET');
  });

  it('malformed JSON fails the command', async () => {
    suite.registry.injectFault({ path: '/-/whoami' }, { kind: 'malformed-json' });
    const result = await whoami();
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /invalid json|Unexpected token|JSON/i);
  });

  it('latency delays the answer but the command succeeds', async () => {
    suite.registry.injectFault({ path: '/-/whoami' }, { kind: 'latency', ms: 700 });
    const started = Date.now();
    const result = await whoami();
    assertSucceeds(result);
    assert.ok(Date.now() - started >= 700);
    assert.equal(result.stdout.trim(), 'alice');
  });

  it('a fault limited to one request lets npm\'s retry succeed', async () => {
    suite.registry.injectFault({ path: '/-/whoami' }, { kind: 'server-error', status: 503 }, 1);
    const result = await suite.npm.run(['whoami', '--fetch-retries=1', '--fetch-retry-mintimeout=50', '--fetch-retry-maxtimeout=100']);
    assertSucceeds(result);
    assert.deepEqual(suite.registry.requests.map((r) => r.status), [503, 200]);
  });

  it('faults are also driven over HTTP (/-/_control/faults), with a path pattern', async () => {
    const injected = await fetch(`${suite.registry.url}-/_control/faults`, {
      method: 'POST',
      body: JSON.stringify({ pathPattern: '^/-/who', fault: { kind: 'server-error' } }),
    });
    assert.equal(injected.status, 201);
    assertFails(await whoami(), 'E500');
    assert.equal((await fetch(`${suite.registry.url}-/_control/faults`, { method: 'DELETE' })).status, 200);
    assertSucceeds(await whoami());
    const log = (await (await fetch(`${suite.registry.url}-/_control/requests`)).json()) as Array<{ path: string; status: number }>;
    assert.deepEqual(log.map((r) => r.status), [500, 200], 'control requests are not logged');
  });

  it('the request log records npm\'s headers but no secret, across login, publish, token and logout flows', async () => {
    await suite.npm.run(['publish', `--otp=${DEMO_OTP}`], { cwd: suite.npm.makePackage('demo-pkg', '1.1.0') });
    await suite.npm.run(['token', 'create', '--name', 'x', '--password', 'alice-password', `--otp=${DEMO_OTP}`]);
    await suite.npm.run(['logout']);
    const entries = suite.registry.requests;
    assert.ok(entries.some((r) => r.npmCommand === 'publish' && r.otp && r.authorization === 'bearer'));
    assert.ok(entries.some((r) => r.npmCommand === 'logout'));
    assert.ok(entries.every((r) => r.userAgent?.startsWith('npm/')));
    assertLogHasNoSecrets(suite.registry, [DEMO_OTP, 'alice-password']);
  });
});
