// npm trust and npm stage (approve with 2FA), through the real npm CLI.
import * as assert from 'node:assert/strict';
import { DEMO_OTP, demoToken } from '../scenarios';
import { assertFails, assertSucceeds, npmAgainstLocalRegistry } from './npmCli';

describe('npm trust / npm stage against the local registry', () => {
  const suite = npmAgainstLocalRegistry({ token: demoToken('alice-session') });

  it('trust list needs 2FA, then shows the configuration', async () => {
    assertFails(await suite.npm.run(['trust', 'list', '@alice/locked']), 'EOTP');
    const result = await suite.npm.run(['trust', 'list', '@alice/locked', `--otp=${DEMO_OTP}`, '--json']);
    assertSucceeds(result);
    assert.match(result.stdout, /alice\/locked/);
    assert.match(result.stdout, /publish\.yml/);
  });

  it('a bypass-2FA GAT cannot read trust configuration (403)', async () => {
    suite.npm.useToken(demoToken('alice-bypass'));
    assertFails(await suite.npm.run(['trust', 'list', '@alice/locked']), 'E403');
  });

  it('a staged version is published when approved with 2FA', async () => {
    suite.npm.useToken(demoToken('alice-stage'));
    assertSucceeds(await suite.npm.run(['stage', 'publish'], { cwd: suite.npm.makePackage('demo-pkg', '1.3.0') }));
    const [staged] = suite.registry.state.staged.values();
    suite.npm.useToken(demoToken('alice-session'));
    assertFails(await suite.npm.run(['stage', 'approve', staged.id]), 'EOTP');
    assertSucceeds(await suite.npm.run(['stage', 'approve', staged.id, `--otp=${DEMO_OTP}`]));
    assert.ok(suite.registry.state.packages.get('demo-pkg')!.versions.has('1.3.0'));
    assert.equal(suite.registry.state.staged.size, 0);
  });
});
