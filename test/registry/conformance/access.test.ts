// npm access (publishing access mode, visibility, collaborators) through the real npm CLI.
import * as assert from 'node:assert/strict';
import { DEMO_OTP, demoToken } from '../scenarios';
import { assertFails, assertSucceeds, npmAgainstLocalRegistry } from './npmCli';

describe('npm access against the local registry', () => {
  const suite = npmAgainstLocalRegistry({ token: demoToken('alice-session') });

  const mode = (name: string): string | undefined => suite.registry.state.packages.get(name)?.publishingAccess;

  it('access set mfa=publish --otp sets "require 2FA and disallow tokens"', async () => {
    const result = await suite.npm.run(['access', 'set', 'mfa=publish', 'demo-pkg', `--otp=${DEMO_OTP}`]);
    assertSucceeds(result);
    assert.equal(mode('demo-pkg'), 'publish');
    const post = suite.registry.requests.find((r) => r.method === 'POST')!;
    assert.deepEqual([post.path, post.npmCommand, post.otp, post.status], ['/-/package/demo-pkg/access', 'access', true, 200]);
  });

  it('access set mfa=automation and mfa=none map to the other two modes', async () => {
    assertSucceeds(await suite.npm.run(['access', 'set', 'mfa=none', '@alice/locked', `--otp=${DEMO_OTP}`]));
    assert.equal(mode('@alice/locked'), 'none');
    assert.equal(suite.registry.requests.find((r) => r.method === 'POST')!.path, '/-/package/@alice%2flocked/access');
    assertSucceeds(await suite.npm.run(['access', 'set', 'mfa=automation', '@alice/locked', `--otp=${DEMO_OTP}`]));
    assert.equal(mode('@alice/locked'), 'automation');
  });

  it('access set without an OTP fails with EOTP and changes nothing', async () => {
    assertFails(await suite.npm.run(['access', 'set', 'mfa=publish', 'demo-pkg']), 'EOTP');
    assert.equal(mode('demo-pkg'), 'automation');
  });

  it('a bypass-2FA GAT may not change publishing access (403, Aug 2026 rule)', async () => {
    suite.npm.useToken(demoToken('alice-bypass'));
    assertFails(await suite.npm.run(['access', 'set', 'mfa=publish', 'demo-pkg']), 'E403');
  });

  it('a non-maintainer gets 404', async () => {
    suite.npm.useToken(demoToken('bob-session'));
    assertFails(await suite.npm.run(['access', 'set', 'mfa=publish', 'demo-pkg', `--otp=${DEMO_OTP}`]), 'E404');
  });

  it('there is no way to read the mode: `npm access get mfa` is a usage error', async () => {
    const result = await suite.npm.run(['access', 'get', 'mfa', 'demo-pkg']);
    assertFails(result, 'EUSAGE');
  });

  it('access list collaborators --json maps read/write to read-only/read-write', async () => {
    const result = await suite.npm.run(['access', 'list', 'collaborators', 'demo-pkg', '--json']);
    assertSucceeds(result);
    assert.deepEqual(JSON.parse(result.stdout), { alice: 'read-write', carol: 'read-write', dave: 'read-write', bob: 'read-only' });
  });

  it('access list packages falls back from the org to the user endpoint', async () => {
    const result = await suite.npm.run(['access', 'list', 'packages', 'alice', '--json']);
    assertSucceeds(result);
    assert.deepEqual(JSON.parse(result.stdout), { 'demo-pkg': 'read-write', 'demo-none': 'read-write', '@alice/tools': 'read-write', '@alice/locked': 'read-write' });
    assert.deepEqual(suite.registry.requests.map((r) => [r.path, r.status]), [['/-/org/alice/package', 404], ['/-/user/alice/package', 200]]);
  });

  it('access set status=private restricts a scoped package; anonymous reads then get 404', async () => {
    assertSucceeds(await suite.npm.run(['access', 'set', 'status=private', '@alice/tools', `--otp=${DEMO_OTP}`]));
    const status = await suite.npm.run(['access', 'get', 'status', '@alice/tools', '--json']);
    assertSucceeds(status);
    assert.deepEqual(JSON.parse(status.stdout), { '@alice/tools': 'private' });
    suite.npm.useToken(undefined);
    assertFails(await suite.npm.run(['view', '@alice/tools']), 'E404');
  });
});
