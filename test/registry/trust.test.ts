// Trusted-publisher configuration through the real npm CLI (`npm trust list|github|gitlab|revoke`, doc §8.1):
// the stored configs, the exact bodies npm sends (kept for a later differential test of the extension),
// and npm's rules: maintainers only, 2FA on every call, no bypass GATs, one config, published packages only.
import * as assert from 'node:assert/strict';
import { DEMO_OTP, defaultScenario, demoToken, extendScenario } from './scenarios';
import { assertFails, assertSucceeds, jsonError, npmAgainstLocalRegistry } from './conformance/npmCli';
import { BYPASS_REFUSED } from './rules';
import { TRUST_NO_BASIC_AUTH } from './trustRoutes';

const ALICE = demoToken('alice-session');
const OTP = `--otp=${DEMO_OTP}`;
const GITHUB = ['--file', 'publish.yml', '--repo', 'owner/repo', '--env', 'prod', '--allow-publish', '--yes'];

describe('npm trust against the local registry (real npm)', () => {
  const suite = npmAgainstLocalRegistry({ token: ALICE });
  const trust = (...args: string[]) => suite.npm.run(['trust', ...args]);
  const trustRequests = () => suite.registry.requests.filter((r) => r.path.includes('/trust')).map((r) => `${r.method} ${r.path} ${r.status}`);

  it('list shows the scenario\'s config of @alice/locked, with its id, after the 2FA code', async () => {
    const [config] = suite.registry.trustOf('@alice/locked');
    const result = await trust('list', '@alice/locked', OTP);
    assertSucceeds(result);
    assert.match(result.stdout, new RegExp(`type: github\\s+id: ${config.id}\\s+file: publish\\.yml\\s+repository: alice/locked\\s+permissions: publish`));
    assert.deepEqual(trustRequests(), ['GET /-/package/@alice%2flocked/trust 200']);
    assert.equal(suite.registry.requests[0].npmCommand, 'trust');
  });

  it('github: creates the config npm describes, and the exact body npm sent is kept', async () => {
    const result = await trust('github', 'demo-pkg', ...GITHUB, OTP);
    assertSucceeds(result);
    const sent = [{ type: 'github', claims: { repository: 'owner/repo', workflow_ref: { file: 'publish.yml' }, environment: 'prod' }, permissions: ['createPackage'] }];
    assert.deepEqual(suite.registry.trustBodies().map((b) => [b.package, b.body]), [['demo-pkg', sent]]);
    const stored = suite.registry.trustOf('demo-pkg');
    assert.equal(stored.length, 1);
    assert.deepEqual({ ...stored[0], id: undefined }, { ...sent[0], id: undefined });
    assert.match(stored[0].id, /^[0-9a-f-]{36}$/);
    assert.match(result.stdout, new RegExp(`Trust configuration created successfully[^]*id: ${stored[0].id}[^]*repository: owner/repo[^]*environment: prod`));
    assert.deepEqual(trustRequests(), ['POST /-/package/demo-pkg/trust 201']);
    // And list reads it back.
    assert.match((await trust('list', 'demo-pkg', OTP)).stdout, new RegExp(`id: ${stored[0].id}`));
  });

  it('gitlab: project path, pipeline file, environment and both permissions', async () => {
    const args = ['--file', '.gitlab-ci.yml', '--project', 'group/sub/project', '--env', 'prod', '--allow-publish', '--allow-stage-publish', '--yes'];
    assertSucceeds(await trust('gitlab', '@alice/tools', ...args, OTP));
    const sent = {
      type: 'gitlab',
      claims: { project_path: 'group/sub/project', ci_config_ref_uri: { file: '.gitlab-ci.yml' }, environment: 'prod' },
      permissions: ['createPackage', 'createStagedPackage'],
    };
    assert.deepEqual(suite.registry.trustBodies().map((b) => b.body), [[sent]]);
    const [stored] = suite.registry.trustOf('@alice/tools');
    assert.deepEqual({ type: stored.type, claims: stored.claims, permissions: stored.permissions }, sent);
    assert.deepEqual(trustRequests(), ['POST /-/package/@alice%2ftools/trust 201']);
  });

  it('revoke removes the config; list then finds none', async () => {
    const [config] = suite.registry.trustOf('@alice/locked');
    const result = await trust('revoke', '@alice/locked', '--id', config.id, OTP);
    assertSucceeds(result);
    // npm's redaction hides every UUID in this line (doc §9), so the id shows as ***.
    assert.match(result.stdout, /Revoked trusted configuration for package @alice\/locked with id \*\*\*/);
    assert.deepEqual(suite.registry.trustOf('@alice/locked'), []);
    assert.match((await trust('list', '@alice/locked', OTP)).stdout, /No trust configurations found for package \(@alice\/locked\)/);
    assert.deepEqual(trustRequests().slice(0, 1), [`DELETE /-/package/@alice%2flocked/trust/${config.id} 204`]);
  });

  it('revoke of an unknown id is a 404, and the config stays', async () => {
    assertFails(await trust('revoke', '@alice/locked', '--id', '00000000-0000-4000-8000-000000000000', OTP), 'E404');
    assert.equal(suite.registry.trustOf('@alice/locked').length, 1);
  });

  it('one config per package: a second one is refused until the first is revoked', async () => {
    const before = suite.registry.trustOf('@alice/locked');
    assertFails(await trust('github', '@alice/locked', ...GITHUB, OTP), 'E409');
    assert.deepEqual(suite.registry.trustOf('@alice/locked'), before);
    assertSucceeds(await trust('revoke', '@alice/locked', '--id', before[0].id, OTP));
    assertSucceeds(await trust('github', '@alice/locked', ...GITHUB, OTP));
    assert.equal(suite.registry.trustOf('@alice/locked')[0].claims.repository, 'owner/repo');
  });

  it('without a code: the OTP challenge (EOTP) on list, create and revoke, and nothing changes', async () => {
    const [config] = suite.registry.trustOf('@alice/locked');
    assertFails(await trust('list', '@alice/locked'), 'EOTP');
    assertFails(await trust('github', 'demo-pkg', ...GITHUB), 'EOTP');
    assertFails(await trust('revoke', '@alice/locked', '--id', config.id), 'EOTP');
    assert.deepEqual(suite.registry.trustOf('demo-pkg'), []);
    assert.equal(suite.registry.trustOf('@alice/locked').length, 1);
    assert.ok(trustRequests().every((r) => r.endsWith(' 401')), trustRequests().join('\n'));
  });

  it('a bypass-2FA GAT is refused with 403 (since Aug 2026), even with a code', async () => {
    suite.npm.useToken(demoToken('alice-bypass'));
    for (const args of [['list', '@alice/locked'], ['github', 'demo-pkg', ...GITHUB, OTP]]) {
      const result = await trust(...args);
      assertFails(result, 'E403');
      assert.ok(result.stderr.includes(BYPASS_REFUSED), result.stderr);
    }
    assert.deepEqual(suite.registry.trustOf('demo-pkg'), []);
  });

  it('a non-maintainer (bob, a reader of demo-pkg) is refused, even with a code', async () => {
    suite.npm.useToken(demoToken('bob-session'));
    assertFails(await trust('github', 'demo-pkg', ...GITHUB, OTP), 'E404');
    assertFails(await trust('list', '@alice/locked', OTP), 'E404');
    assert.deepEqual(suite.registry.trustOf('demo-pkg'), []);
  });

  it('a package that was never published cannot have one (unknown name, or a name without versions)', async () => {
    suite.registry.reset(extendScenario(defaultScenario, { packages: [{ name: 'alice-unpublished', maintainers: ['alice'], publishingAccess: 'automation' }] }));
    assertFails(await trust('github', 'alice-never-published', ...GITHUB, OTP), 'E404');
    assertFails(await trust('github', 'alice-unpublished', ...GITHUB, OTP), 'E404');
    assert.deepEqual(suite.registry.trustOf('alice-unpublished'), []);
  });

  it('Basic auth (username and password) is refused', async () => {
    suite.npm.writeNpmrc([`${suite.npm.nerfDart}:_auth=${Buffer.from('alice:alice-password').toString('base64')}`]);
    const result = await trust('list', '@alice/locked', OTP);
    assertFails(result, 'E403');
    assert.ok(result.stderr.includes(TRUST_NO_BASIC_AUTH), result.stderr);
  });

  it('a browser approval that skips 2FA for 5 minutes lets the next trust calls through (npm-trust docs, bulk usage)', async () => {
    suite.npm.useToken(demoToken('carol-session'));
    const challenged = await trust('list', '@alice/locked', '--auth-type=web', '--json');
    assertFails(challenged, 'EOTP');
    assert.ok(jsonError(challenged).authUrl, 'a web challenge');
    suite.registry.approvePending(undefined, undefined, { skip2fa: true });
    assertSucceeds(await trust('list', '@alice/locked', '--auth-type=web'));
    assertSucceeds(await trust('github', 'demo-pkg', ...GITHUB, '--auth-type=web'));
    assert.equal(suite.registry.trustOf('demo-pkg').length, 1);
    suite.registry.endSkip2faWindow();
    assertFails(await trust('list', 'demo-pkg', '--auth-type=web', '--json'), 'EOTP');
  });
});
