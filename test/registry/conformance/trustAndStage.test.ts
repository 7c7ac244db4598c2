// npm trust and npm stage (approve with 2FA), through the real npm CLI.
import * as assert from 'node:assert/strict';
import { startRegistry, type LocalRegistry } from '../server';
import { DEMO_OTP, demoToken } from '../scenarios';
import { assertFails, assertLogHasNoSecrets, assertSucceeds, NpmWorkspace } from './npmCli';

describe('npm trust / npm stage against the local registry', () => {
  let registry: LocalRegistry;
  let npm: NpmWorkspace;

  before(async () => {
    registry = await startRegistry({ scenario: 'default' });
    npm = new NpmWorkspace(registry);
  });
  beforeEach(() => {
    registry.reset('default');
    npm.useToken(demoToken('alice-session'));
  });
  afterEach(() => assertLogHasNoSecrets(registry));
  after(async () => {
    npm.cleanup();
    await registry.close();
  });

  it('trust list needs 2FA, then shows the configuration', async () => {
    assertFails(await npm.run(['trust', 'list', '@alice/locked']), 'EOTP');
    const result = await npm.run(['trust', 'list', '@alice/locked', `--otp=${DEMO_OTP}`, '--json']);
    assertSucceeds(result);
    assert.match(result.stdout, /alice\/locked/);
    assert.match(result.stdout, /publish\.yml/);
  });

  it('a bypass-2FA GAT cannot read trust configuration (403)', async () => {
    npm.useToken(demoToken('alice-bypass'));
    assertFails(await npm.run(['trust', 'list', '@alice/locked']), 'E403');
  });

  it('a staged version is published when approved with 2FA', async () => {
    npm.useToken(demoToken('alice-stage'));
    assertSucceeds(await npm.run(['stage', 'publish'], { cwd: npm.makePackage('demo-pkg', '1.3.0') }));
    const [staged] = registry.state.staged.values();
    npm.useToken(demoToken('alice-session'));
    assertFails(await npm.run(['stage', 'approve', staged.id]), 'EOTP');
    assertSucceeds(await npm.run(['stage', 'approve', staged.id, `--otp=${DEMO_OTP}`]));
    assert.ok(registry.state.packages.get('demo-pkg')!.versions.has('1.3.0'));
    assert.equal(registry.state.staged.size, 0);
  });
});
