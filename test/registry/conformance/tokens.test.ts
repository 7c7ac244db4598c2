// npm token list / create / revoke, through the real npm CLI.
import * as assert from 'node:assert/strict';
import { DEMO_OTP, defaultScenario, demoToken, extendScenario } from '../scenarios';
import { assertFails, assertSucceeds, jsonError, npmAgainstLocalRegistry } from './npmCli';

interface ListedToken {
  id: string;
  key: string;
  token: string;
  name: string;
  expiry: string;
  cidr: string[];
  bypass_2fa: boolean;
  permissions: Array<{ name: string; action: string }>;
  scopes: Array<{ name: string; type: string }>;
}

describe('npm token against the local registry', () => {
  const suite = npmAgainstLocalRegistry({ token: demoToken('alice-session') });

  const listTokens = async (): Promise<ListedToken[]> => {
    const result = await suite.npm.run(['token', 'list', '--json']);
    assertSucceeds(result);
    return JSON.parse(result.stdout) as ListedToken[];
  };

  it('token list --json shows granular fields, masked tokens, and not the session token', async () => {
    const tokens = await listTokens();
    assert.deepEqual(tokens.map((t) => t.name).sort(), ['ci-publish', 'laptop', 'old-ci', 'read-only', 'stage-only', 'tools-only']);
    const bypass = tokens.find((t) => t.name === 'ci-publish')!;
    const full = demoToken('alice-bypass');
    assert.equal(bypass.token, `npm_${full.slice(4, 8)}...${full.slice(-4)}`);
    assert.equal(bypass.bypass_2fa, true);
    assert.deepEqual(bypass.permissions, [{ name: 'package', action: 'write' }]);
    assert.deepEqual(bypass.scopes.map((s) => s.name), ['demo-pkg', 'demo-none', '@alice/tools', '@alice/locked']);
    assert.deepEqual(bypass.cidr, []);
    assert.ok(Date.parse(bypass.expiry) > Date.now());
    assert.ok(bypass.key.startsWith(bypass.id), 'the CLI computes id as a prefix of key');
    const readOnly = tokens.find((t) => t.name === 'read-only')!;
    assert.deepEqual(readOnly.permissions, [{ name: 'package', action: 'read' }]);
    const session = demoToken('alice-session');
    assert.ok(!tokens.some((t) => t.token === `npm_${session.slice(4, 8)}...${session.slice(-4)}`));
  });

  it('token list follows urls.next across pages', async () => {
    suite.registry.reset(extendScenario(defaultScenario, { options: { tokensPerPage: 2 } }));
    assert.equal((await listTokens()).length, 6);
    const pages = suite.registry.requests.filter((r) => r.path.startsWith('/-/npm/v1/tokens'));
    assert.equal(pages.length, 3);
    assert.match(pages[1].path, /page=1&perPage=2/);
  });

  it('token create without an OTP fails with EOTP', async () => {
    const result = await suite.npm.run(['token', 'create', '--name', 'ci', '--password', 'alice-password', '--json']);
    assertFails(result, 'EOTP');
    assert.match(jsonError(result).summary, /one-time password from your authenticator/);
    assert.match(result.stderr, /npm notice You must provide a one-time pass/);
  });

  it('token create with --otp and --password creates a GAT; the human output shows it in full', async () => {
    const result = await suite.npm.run([
      'token', 'create', '--name', 'ci', '--token-description', 'from the CLI', '--packages', 'demo-pkg',
      '--packages-and-scopes-permission', 'read-write', '--bypass-2fa', '--expires', '30',
      '--password', 'alice-password', `--otp=${DEMO_OTP}`,
    ]);
    assertSucceeds(result);
    const printed = /npm_[A-Za-z0-9]{36}/.exec(result.stdout)?.[0];
    assert.ok(printed, `no token in:\n${result.stdout}`);
    const created = suite.registry.state.tokens.get(printed)!;
    assert.equal(created.name, 'ci');
    assert.equal(created.bypass2fa, true);
    assert.deepEqual(created.packages, ['demo-pkg']);
    assert.equal(created.permission, 'read-write');
    const request = suite.registry.requests.find((r) => r.method === 'POST' && r.path === '/-/npm/v1/tokens')!;
    assert.equal(request.otp, true);
    assert.equal(request.npmAuthType, 'legacy', '--otp forces auth-type legacy (doc §1.2)');
    // Newly created: visible in the list, masked.
    assert.ok((await listTokens()).some((t) => t.name === 'ci' && t.token.includes('...')));
  });

  it('token create --json redacts the new token (npm CLI behaviour, doc §4.2)', async () => {
    const result = await suite.npm.run(['token', 'create', '--name', 'ci', '--password', 'alice-password', `--otp=${DEMO_OTP}`, '--json']);
    assertSucceeds(result);
    assert.match(result.stdout, /"token": "npm_\*\*\*"/);
  });

  it('token create with a wrong password fails with E401 "Incorrect or missing password"', async () => {
    const result = await suite.npm.run(['token', 'create', '--name', 'ci', '--password', 'nope', `--otp=${DEMO_OTP}`]);
    assertFails(result, 'E401');
    assert.match(result.stderr, /Incorrect or missing password/);
  });

  it('token create with a wrong OTP gives the same EOTP', async () => {
    assertFails(await suite.npm.run(['token', 'create', '--name', 'ci', '--password', 'alice-password', '--otp=000000']), 'EOTP');
  });

  it('a bypass-2FA GAT cannot create tokens (403, Aug 2026 rule)', async () => {
    suite.npm.useToken(demoToken('alice-bypass'));
    const result = await suite.npm.run(['token', 'create', '--name', 'ci', '--password', 'alice-password']);
    assertFails(result, 'E403');
    assert.match(result.stderr, /bypass two-factor authentication may not perform this action/);
  });

  it('token revoke with --otp deletes the token by key', async () => {
    const before = await listTokens();
    const laptop = before.find((t) => t.name === 'laptop')!;
    const result = await suite.npm.run(['token', 'revoke', laptop.id, `--otp=${DEMO_OTP}`]);
    assertSucceeds(result);
    assert.match(result.stdout, /Removed 1 token/);
    assert.ok(suite.registry.state.tokens.get(demoToken('alice-write'))!.revokedAt !== undefined);
    assert.ok(!(await listTokens()).some((t) => t.name === 'laptop'));
  });

  it('token revoke without an OTP fails with EOTP', async () => {
    const laptop = (await listTokens()).find((t) => t.name === 'laptop')!;
    assertFails(await suite.npm.run(['token', 'revoke', laptop.id]), 'EOTP');
  });
});
