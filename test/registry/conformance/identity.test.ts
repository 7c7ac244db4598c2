// whoami and profile, through the real npm CLI.
import * as assert from 'node:assert/strict';
import { defaultScenario, demoToken, extendScenario, granularToken } from '../scenarios';
import { assertFails, assertSucceeds, npmAgainstLocalRegistry } from './npmCli';

describe('npm whoami / profile against the local registry', () => {
  const suite = npmAgainstLocalRegistry({ resetEachTest: false });

  it('whoami prints the username of a session token', async () => {
    suite.npm.useToken(demoToken('alice-session'));
    const result = await suite.npm.run(['whoami']);
    assertSucceeds(result);
    assert.equal(result.stdout.trim(), 'alice');
    const request = suite.registry.requests.at(-1)!;
    assert.deepEqual([request.method, request.path, request.npmCommand, request.authorization, request.status], ['GET', '/-/whoami', 'whoami', 'bearer', 200]);
  });

  it('whoami works with a granular token too', async () => {
    suite.npm.useToken(demoToken('alice-readonly'));
    const result = await suite.npm.run(['whoami']);
    assertSucceeds(result);
    assert.equal(result.stdout.trim(), 'alice');
  });

  it('whoami with an unknown token fails with E401', async () => {
    suite.npm.useToken('npm_' + 'x'.repeat(36));
    const result = await suite.npm.run(['whoami']);
    assertFails(result, 'E401');
    assert.match(result.stderr, /401 Unauthorized - GET http:\/\/127\.0\.0\.1:\d+\/-\/whoami/);
  });

  it('whoami with an expired token fails with E401 and the "expired or revoked" notice', async () => {
    suite.npm.useToken(demoToken('alice-expired'));
    const result = await suite.npm.run(['whoami']);
    assertFails(result, 'E401');
    assert.match(result.stderr, /npm notice Access token expired or revoked/);
  });

  it('a session token expires 2 hours after it was issued (registry clock)', async () => {
    suite.npm.useToken(demoToken('alice-session'));
    suite.registry.advanceClock(2 * 60 * 60 * 1000 + 1000);
    try {
      assertFails(await suite.npm.run(['whoami']), 'E401');
    } finally {
      suite.registry.reset();
    }
  });

  it('whoami with a revoked token fails with E401', async () => {
    suite.npm.useToken(demoToken('alice-revoked'));
    assertFails(await suite.npm.run(['whoami']), 'E401');
  });

  it('whoami without credentials fails locally with ENEEDAUTH (no request)', async () => {
    suite.npm.useToken(undefined);
    suite.registry.clearRequests();
    const result = await suite.npm.run(['whoami']);
    assertFails(result, 'ENEEDAUTH');
    assert.equal(suite.registry.requests.length, 0);
  });

  it('profile get --json shows the TOTP mode', async () => {
    suite.npm.useToken(demoToken('alice-session'));
    const result = await suite.npm.run(['profile', 'get', '--json']);
    assertSucceeds(result);
    const profile = JSON.parse(result.stdout) as Record<string, unknown>;
    assert.deepEqual(profile.tfa, { pending: false, mode: 'auth-and-writes' });
    assert.equal(profile.name, 'alice');
    assert.equal(profile.email_verified, true);
  });

  it('profile get shows 2FA "disabled" for an account without 2FA', async () => {
    suite.npm.useToken(demoToken('dave-session'));
    const human = await suite.npm.run(['profile', 'get']);
    assertSucceeds(human);
    assert.match(human.stdout, /two-factor auth:\s+disabled/);
    const json = JSON.parse((await suite.npm.run(['profile', 'get', '--json'])).stdout) as Record<string, unknown>;
    assert.equal(json.tfa, false);
  });

  it('profile get with a GAT fails with E403 when the scenario forbids it', async () => {
    suite.registry.reset(extendScenario(defaultScenario, { options: { gatProfileAccess: 'forbid' } }));
    try {
      suite.npm.useToken(demoToken('alice-readonly'));
      assertFails(await suite.npm.run(['profile', 'get']), 'E403');
    } finally {
      suite.registry.reset('default');
    }
  });

  it('whoami with a token limited to another CIDR range fails with EAUTHIP', async () => {
    suite.registry.reset(extendScenario(defaultScenario, { tokens: [granularToken('alice', 'alice-office-only', { cidr: ['10.0.0.0/8'] })] }));
    try {
      suite.npm.useToken(demoToken('alice-office-only'));
      const result = await suite.npm.run(['whoami']);
      assertFails(result, 'EAUTHIP');
      assert.match(result.stderr, /Login is not allowed from your IP address/);
    } finally {
      suite.registry.reset('default');
    }
  });
});
