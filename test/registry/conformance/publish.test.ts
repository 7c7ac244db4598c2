// npm publish: the 2FA challenge, the publishing-access modes, the token kinds — through the real npm CLI.
import * as assert from 'node:assert/strict';
import { DEMO_OTP, defaultScenario, demoToken, extendScenario } from '../scenarios';
import { assertFails, assertLogHasNoSecrets, assertSucceeds, jsonError, npmAgainstLocalRegistry } from './npmCli';

describe('npm publish against the local registry', () => {
  const suite = npmAgainstLocalRegistry();

  const publish = (token: string, name: string, version: string, ...args: string[]) => {
    suite.npm.useToken(token);
    return suite.npm.run(['publish', ...args], { cwd: suite.npm.makePackage(name, version) });
  };

  it('a session token without an OTP gets EOTP (classic challenge + npm-notice)', async () => {
    const result = await publish(demoToken('alice-session'), 'demo-pkg', '1.1.0');
    assertFails(result, 'EOTP');
    assert.match(result.stderr, /This operation requires a one-time password from your authenticator/);
    assert.match(result.stderr, /npm notice You must provide a one-time pass/);
    const put = suite.registry.requests.find((r) => r.method === 'PUT')!;
    assert.deepEqual([put.path, put.status, put.npmCommand, put.npmAuthType, put.otp], ['/demo-pkg', 401, 'publish', 'web', false]);
    assert.ok(!suite.registry.state.packages.get('demo-pkg')!.versions.has('1.1.0'));
  });

  it('with --otp the publish succeeds and the packument and tarball show the version', async () => {
    const result = await publish(demoToken('alice-session'), '@alice/tools', '0.2.0', `--otp=${DEMO_OTP}`);
    assertSucceeds(result);
    assert.match(result.stdout, /\+ @alice\/tools@0\.2\.0/);
    assert.equal(suite.registry.requests.find((r) => r.method === 'PUT')!.path, '/@alice%2ftools', 'npm escapes scoped names as @scope%2fname');
    const view = await suite.npm.run(['view', '@alice/tools', 'versions', 'dist-tags.latest', '_npmUser.name', '--json']);
    assertSucceeds(view);
    const facts = JSON.parse(view.stdout) as Record<string, unknown>;
    assert.deepEqual(facts.versions, ['0.1.0', '0.2.0']);
    assert.equal(facts['dist-tags.latest'], '0.2.0');
    assert.equal(facts['_npmUser.name'], 'alice');
    const tarballUrl = JSON.parse((await suite.npm.run(['view', '@alice/tools@0.2.0', 'dist.tarball', '--json'])).stdout) as string;
    const tarball = await fetch(tarballUrl);
    assert.equal(tarball.status, 200);
    assert.ok((await tarball.arrayBuffer()).byteLength > 100);
  });

  it('a wrong OTP gets the same EOTP', async () => {
    assertFails(await publish(demoToken('alice-session'), 'demo-pkg', '1.1.0', '--otp=654321'), 'EOTP');
  });

  it('a passkey-only user gets the browser challenge; --json keeps authUrl and doneUrl', async () => {
    const result = await publish(demoToken('carol-session'), 'demo-pkg', '1.1.0', '--json');
    assertFails(result, 'EOTP');
    const challenge = jsonError(result);
    assert.match(challenge.summary, /This operation requires a one-time password\./);
    assert.match(challenge.authUrl!, /^http:\/\/127\.0\.0\.1:\d+\/-\/_web\/auth\/[0-9a-f-]{36}$/);
    assert.match(challenge.doneUrl!, /^http:\/\/127\.0\.0\.1:\d+\/-\/v1\/done\?authId=[0-9a-f-]{36}$/);
    // The text output redacts the UUIDs (doc §7.4): the URLs there are unusable.
    assert.match(result.stderr, /Open this URL in your browser to authenticate/);

    // The done URL answers 202 until the browser approves, then hands out a web-OTP token.
    const pending = await fetch(challenge.doneUrl!);
    assert.equal(pending.status, 202);
    assert.equal(pending.headers.get('retry-after'), '1');
    assert.deepEqual(await pending.json(), {});
    suite.registry.approvePending();
    const done = await fetch(challenge.doneUrl!);
    assert.equal(done.status, 200);
    const { token: webOtp } = (await done.json()) as { token: string };
    // Re-sending with that token publishes (we accept it under auth-type legacy too; doc §13 #8).
    assertSucceeds(await publish(demoToken('carol-session'), 'demo-pkg', '1.1.0', `--otp=${webOtp}`));
    assert.ok(suite.registry.state.packages.get('demo-pkg')!.versions.has('1.1.0'));
    assertLogHasNoSecrets(suite.registry, [webOtp]);
  });

  it('a passkey-only user with --auth-type=legacy gets the classic challenge', async () => {
    const result = await publish(demoToken('carol-session'), 'demo-pkg', '1.1.0', '--auth-type=legacy', '--json');
    assertFails(result, 'EOTP');
    assert.equal(jsonError(result).authUrl, undefined);
  });

  it('a TOTP user set to get the web challenge (webChallengeForCli) sees authUrl from the CLI', async () => {
    const alice = defaultScenario.users.find((u) => u.name === 'alice')!;
    suite.registry.reset(extendScenario(defaultScenario, { users: [{ ...alice, webChallengeForCli: true }] }));
    const result = await publish(demoToken('alice-session'), 'demo-pkg', '1.1.0', '--json');
    assertFails(result, 'EOTP');
    assert.ok(jsonError(result).authUrl);
    assertSucceeds(await publish(demoToken('alice-session'), 'demo-pkg', '1.1.0', `--otp=${DEMO_OTP}`));
  });

  it('a bypass-2FA GAT publishes without any challenge under the default mode', async () => {
    const result = await publish(demoToken('alice-bypass'), 'demo-pkg', '1.1.0');
    assertSucceeds(result);
    assert.equal(suite.registry.requests.find((r) => r.method === 'PUT')!.credential, 'granular');
  });

  it('a bypass-2FA GAT gets 403 on a "disallow tokens" package (mfa=publish)', async () => {
    const result = await publish(demoToken('alice-bypass'), '@alice/locked', '2.0.0');
    assertFails(result, 'E403');
    assert.match(result.stderr, /403 Forbidden - PUT http:\/\/127\.0\.0\.1:\d+\/@alice%2flocked - Two-factor authentication is required to publish this package but a granular access token was specified/);
  });

  it('a session token on a "disallow tokens" package is challenged, then publishes with --otp', async () => {
    assertFails(await publish(demoToken('alice-session'), '@alice/locked', '2.0.0'), 'EOTP');
    assertSucceeds(await publish(demoToken('alice-session'), '@alice/locked', '2.0.0', `--otp=${DEMO_OTP}`));
  });

  it('a GAT without bypass is challenged for 2FA', async () => {
    assertFails(await publish(demoToken('alice-write'), 'demo-pkg', '1.1.0'), 'EOTP');
    assertSucceeds(await publish(demoToken('alice-write'), 'demo-pkg', '1.1.0', `--otp=${DEMO_OTP}`));
  });

  it('a stage-only GAT is refused with E_STAGE_REQUIRED (npm 11 shows it as E403)', async () => {
    // npm 12 prints the same 403; E_STAGE_REQUIRED is the registry's code in the body, not a CLI error code.
    const result = await publish(demoToken('alice-stage'), 'demo-pkg', '1.1.0');
    assertFails(result, 'E403');
    assert.match(result.stderr, /E_STAGE_REQUIRED/);
  });

  it('a stage-only GAT can stage with `npm stage publish`', async () => {
    suite.npm.useToken(demoToken('alice-stage'));
    const staged = await suite.npm.run(['stage', 'publish'], { cwd: suite.npm.makePackage('demo-pkg', '1.2.0') });
    assertSucceeds(staged);
    assert.equal([...suite.registry.state.staged.values()][0]?.version, '1.2.0');
  });

  it('a read-only GAT gets 403', async () => {
    assertFails(await publish(demoToken('alice-readonly'), 'demo-pkg', '1.1.0'), 'E403');
  });

  it('a GAT scoped to another package gets 404', async () => {
    assertFails(await publish(demoToken('alice-other'), 'demo-pkg', '1.1.0'), 'E404');
  });

  it('a user who is not a maintainer gets 404', async () => {
    const result = await publish(demoToken('bob-session'), 'demo-pkg', '1.1.0', `--otp=${DEMO_OTP}`);
    assertFails(result, 'E404');
    assert.match(result.stderr, /could not be found or you do not have permission to access it/);
  });

  it('an account without 2FA gets the "Two-factor authentication … is required" 403', async () => {
    const result = await publish(demoToken('dave-session'), 'demo-pkg', '1.1.0');
    assertFails(result, 'E403');
    assert.match(result.stderr, /Two-factor authentication or granular access token with bypass 2fa enabled is required to publish packages\./);
  });

  it('an existing version is refused (by the CLI first, and by the suite.registry)', async () => {
    const result = await publish(demoToken('alice-session'), 'demo-pkg', '1.0.0', `--otp=${DEMO_OTP}`);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /npm error You cannot publish over the previously published versions: 1\.0\.0/);
    assert.ok(!suite.registry.requests.some((r) => r.method === 'PUT'), 'npm 11 checks the packument and never sends the PUT');
    // The registry's own answer, for clients that skip the check:
    const put = await fetch(`${suite.registry.url}demo-pkg`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${demoToken('alice-bypass')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'demo-pkg', versions: { '1.0.0': { name: 'demo-pkg', version: '1.0.0' } }, _attachments: {} }),
    });
    assert.equal(put.status, 403);
  });

  it('a new unscoped package is created, with the user as maintainer and the default publishing access', async () => {
    assertSucceeds(await publish(demoToken('alice-session'), 'brand-new-pkg', '0.0.1', `--otp=${DEMO_OTP}`));
    const pkg = suite.registry.state.packages.get('brand-new-pkg')!;
    assert.equal(pkg.publishingAccess, 'automation');
    assert.equal(pkg.collaborators.get('alice'), 'write');
  });

  it('a scoped package in someone else\'s scope gets 404', async () => {
    assertFails(await publish(demoToken('bob-session'), '@alice/intruder', '0.0.1', `--otp=${DEMO_OTP}`), 'E404');
  });

  it('the packument carries trusted-publishing evidence (_npmUser.trustedPublisher)', async () => {
    suite.npm.useToken(undefined);
    const view = await suite.npm.run(['view', '@alice/locked@1.1.0', '_npmUser']);
    assertSucceeds(view);
    assert.equal(view.stdout.trim(), 'GitHub Actions <npm-oidc-no-reply@github.com>', 'npm view flattens _npmUser');
    const packument = (await (await fetch(`${suite.registry.url}@alice%2flocked`)).json()) as {
      versions: Record<string, { _npmUser: { trustedPublisher?: { id: string } } }>;
    };
    assert.equal(packument.versions['1.1.0']._npmUser.trustedPublisher?.id, 'github');
    assert.equal(packument.versions['1.0.0']._npmUser.trustedPublisher, undefined);
  });
});
