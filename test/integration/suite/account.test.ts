// The account commands inside the real extension host, against the local registry, with the prompts
// injected (accountHarness.ts): web login writing the user npmrc, the legacy fallback, a login
// shadowed by a project .npmrc, logout, publishing access with a wrong then right code, a bypass
// token refused — and no secret in the log or a notification. The token wizard: tokens.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { accountHarness, userNpmrc } from '../accountHarness';
import { DEMO_OTP } from '../../registry/scenarios';

describe('account commands (log in, log out, publishing access)', function () {
  const h = accountHarness('account-cases');

  it('web login: approved in the browser; the session token is written to the user npmrc (CRLF kept, 0600) and the status shows the session', async () => {
    fs.writeFileSync(userNpmrc, `# my settings\r\nregistry=${h.registry.url}\r\ncolor=false\r\n`, { mode: 0o644 });
    fs.chmodSync(userNpmrc, 0o644);
    await h.openPackage('demo-pkg');
    assert.equal(h.api.status?.verdict.code, 'not-logged-in');
    h.answer({ approveAs: 'alice' });
    await vscode.commands.executeCommand('npmPublishAuth.login');
    assert.deepEqual(h.asked, ['browser: Waiting for you to log in to ' + new URL(h.registry.url).host + ' in the browser…']);
    const written = fs.readFileSync(userNpmrc, 'utf8');
    const match = new RegExp(`^${h.nerf().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:_authToken=(npm_\\w+)\\r$`, 'm').exec(written);
    assert.ok(match, 'a token line');
    assert.equal(written, `# my settings\r\nregistry=${h.registry.url}\r\ncolor=false\r\n${h.nerf()}:_authToken=${match[1]}\r\n`);
    assert.equal(fs.statSync(userNpmrc).mode & 0o777, 0o600);
    h.secrets.add(match[1]!);
    const credential = h.api.status?.credential;
    assert.equal(credential?.kind, 'session');
    assert.ok(credential?.kind === 'session' && credential.expiresAt !== undefined, 'the 2-hour expiry is known');
    assert.deepEqual(h.told, [`info: Logged in to ${new URL(h.registry.url).host} as alice. []`]);
  });

  it('no web login on the registry: username, password and a code (the legacy login)', async () => {
    fs.writeFileSync(userNpmrc, `registry=${h.registry.url}\n`);
    await h.openPackage('demo-pkg');
    h.registry.injectFault({ method: 'POST', path: '/-/v1/login' }, { kind: 'json-body', status: 404, body: { error: 'Not found' } });
    h.answer({ text: 'alice', passwords: ['alice-password'], codes: [DEMO_OTP] });
    await vscode.commands.executeCommand('npmPublishAuth.login');
    assert.deepEqual(h.asked.map((a) => a.split(':')[0]), ['text', 'password', 'otp']);
    assert.match(fs.readFileSync(userNpmrc, 'utf8'), new RegExp(`^registry=.*\\n//127\\.0\\.0\\.1:\\d+/:_authToken=npm_\\w+\\n$`));
    assert.equal(h.api.status?.credential?.kind, 'session');
  });

  it('a registry naming a login page over plain http elsewhere, or a command: URI: nothing opens, nothing is polled, the error says why', async () => {
    fs.writeFileSync(userNpmrc, `registry=${h.registry.url}\n`);
    await h.openPackage('demo-pkg');
    const cases: [string, RegExp][] = [
      ['http://login.evil.example/cli/1', /login\.evil\.example over plain http/],
      ['command:workbench.action.terminal.new', /Invalid response from the web login endpoint/],
    ];
    for (const [loginUrl, why] of cases) {
      h.registry.injectFault({ method: 'POST', path: '/-/v1/login' }, { kind: 'json-body', body: { loginUrl, doneUrl: `${h.registry.url}-/v1/done?sessionId=1` } }, 1);
      h.answer({ approveAs: 'alice' });
      await vscode.commands.executeCommand('npmPublishAuth.login');
      assert.deepEqual(h.asked, [], 'no browser approval was h.asked');
      assert.match(h.told.join('\n'), /^error: Logging in to .* failed/);
      assert.match(h.told.join('\n'), why);
    }
    assert.equal(h.registry.requests.filter((r) => r.path.startsWith('/-/v1/done')).length, 0);
    assert.equal(fs.readFileSync(userNpmrc, 'utf8'), `registry=${h.registry.url}\n`);
  });

  it('a login shadowed by a project .npmrc says which line npm uses instead, with the fix as its button', async () => {
    fs.writeFileSync(userNpmrc, `registry=${h.registry.url}\n`);
    await h.openPackage('demo-pkg', `# project\n${h.nerf()}:_authToken=${h.token('bob-session')}\n`);
    h.answer({ approveAs: 'alice' });
    await vscode.commands.executeCommand('npmPublishAuth.login');
    assert.deepEqual(h.told, [
      `warning: Logged in to ${new URL(h.registry.url).host}, but npm uses another credential for this package: line 2 of this package's .npmrc. [Remove Project Credential…]`,
    ]);
  });

  it('a revoked project token hides a good one in the user npmrc: the verdict offers removing it (not Log In); taken, the status turns ready', async () => {
    fs.writeFileSync(userNpmrc, `registry=${h.registry.url}\n${h.nerf()}:_authToken=${h.token('alice-bypass')}\n`);
    const projectNpmrc = `# shared settings\r\nsave-exact=true\r\n${h.nerf()}:_authToken=${h.token('alice-revoked')}\r\ncolor=false\r\n`;
    const folder = await h.openPackage('demo-pkg', projectNpmrc);
    const before = h.api.status!;
    assert.equal(before.verdict.code, 'credential-invalid');
    assert.equal(before.verdict.fix?.command, 'npmPublishAuth.removeProjectCredential', 'Log In would write the user npmrc, which npm does not read for this credential');
    assert.match(before.verdict.reason, /from line 3 of this package's \.npmrc, ahead of your user \.npmrc/);
    h.answer({ confirm: 'Remove Line' });
    await vscode.commands.executeCommand(before.verdict.fix!.command);
    assert.deepEqual(h.asked, [
      `confirm: Remove the credential for ${new URL(h.registry.url).host} from line 3 of this package's .npmrc? | npm then uses the credential in your user .npmrc, where Log In and Generate Token write. The token is not revoked. Undo brings the line back. [Remove Line]`,
    ]);
    assert.equal(fs.readFileSync(path.join(folder, '.npmrc'), 'utf8'), '# shared settings\r\nsave-exact=true\r\ncolor=false\r\n', 'only that line is gone, CRLF kept');
    assert.equal(h.api.status?.verdict.code, 'ready', h.api.status?.verdict.reason);
    assert.equal(h.api.status?.configuredCredential.type === 'token' && h.api.status.configuredCredential.source.layer, 'user');
  });

  it('Remove Project Credential does not follow a project .npmrc that is a link', async () => {
    const outside = path.join(os.tmpdir(), `outside-${Date.now()}.npmrc`);
    const content = `${h.nerf()}:_authToken=${h.token('alice-revoked')}\n`;
    fs.writeFileSync(outside, content);
    fs.writeFileSync(userNpmrc, `registry=${h.registry.url}\n`);
    const folder = await h.openPackage('demo-pkg');
    fs.symlinkSync(outside, path.join(folder, '.npmrc'));
    await h.api.refresh();
    assert.equal(h.api.status?.verdict.fix?.command, 'npmPublishAuth.removeProjectCredential');
    h.answer({ confirm: 'Remove Line' });
    await vscode.commands.executeCommand('npmPublishAuth.removeProjectCredential');
    assert.deepEqual(h.asked, [], 'no confirmation: nothing will be changed');
    assert.match(h.told.join('\n'), /is not a plain file \(a link or missing\), so it is not changed/);
    assert.equal(fs.readFileSync(outside, 'utf8'), content);
    fs.rmSync(outside);
  });

  it('log out: confirmed, revoked on the registry, its line removed (the rest kept); the status says logged out', async () => {
    fs.writeFileSync(userNpmrc, `registry=${h.registry.url}\r\n; keep me\r\n${h.nerf()}:_authToken=${h.token('alice-session')}\r\ncolor=false`, { mode: 0o600 });
    await h.openPackage('demo-pkg');
    h.answer({ confirm: 'Log Out' });
    await vscode.commands.executeCommand('npmPublishAuth.logout');
    assert.equal(h.asked.length, 1);
    assert.match(h.asked[0]!, /^confirm: Log out alice from 127\.0\.0\.1:\d+\? \| The token \(npm_\w{4}\.\.\.\w{4}\) is revoked on the registry and removed from line 3 of .*\.npmrc\. \[Log Out\]$/);
    assert.equal(fs.readFileSync(userNpmrc, 'utf8'), `registry=${h.registry.url}\r\n; keep me\r\ncolor=false`);
    assert.ok(h.registry.state.tokens.get(h.token('alice-session'))!.revokedAt !== undefined);
    assert.equal(h.api.status?.verdict.code, 'not-logged-in');
    assert.match(h.told[0]!, /^info: alice is logged out of/);
  });

  it('log out cancelled: nothing revoked, nothing removed', async () => {
    const text = `registry=${h.registry.url}\n${h.nerf()}:_authToken=${h.token('alice-session')}\n`;
    fs.writeFileSync(userNpmrc, text, { mode: 0o600 });
    await h.openPackage('demo-pkg');
    h.answer({ confirm: undefined });
    await vscode.commands.executeCommand('npmPublishAuth.logout');
    assert.equal(fs.readFileSync(userNpmrc, 'utf8'), text);
    assert.equal(h.registry.state.tokens.get(h.token('alice-session'))!.revokedAt, undefined);
  });

  it('web login with a read-only user npmrc: the session token is offered to copy or revoke; revoked, nothing written', async () => {
    const text = `registry=${h.registry.url}\n`;
    fs.writeFileSync(userNpmrc, text);
    fs.chmodSync(userNpmrc, 0o444);
    try {
      await h.openPackage('demo-pkg');
      const prompts = h.answer({ approveAs: 'alice', newToken: 'Revoke It' });
      await vscode.commands.executeCommand('npmPublishAuth.login');
      const session = prompts.shownToken();
      assert.ok(session, 'the session token was offered');
      h.secrets.add(session);
      assert.match(h.asked.at(-1)!, /^new token: The new token from .* was not saved: .*\.npmrc is read-only; .* \[Copy Token, Revoke It\]$/);
      assert.ok(h.registry.state.tokens.get(session)!.revokedAt !== undefined, 'revoked');
      assert.equal(fs.readFileSync(userNpmrc, 'utf8'), text);
    } finally {
      fs.chmodSync(userNpmrc, 0o600);
    }
  });

  it('web login answered with a hostile token ($(touch PWNED)): written nowhere, not shown or copied, only revoking offered', async () => {
    fs.writeFileSync(userNpmrc, `registry=${h.registry.url}\n`);
    await h.openPackage('demo-pkg');
    h.registry.injectFault({ method: 'GET', path: /^\/-\/v1\/done/ }, { kind: 'json-body', status: 200, body: { token: '$(touch PWNED)' } });
    const prompts = h.answer({ approveAs: 'alice', newToken: 'Revoke It' });
    await vscode.commands.executeCommand('npmPublishAuth.login');
    assert.equal(prompts.shownToken(), undefined, 'not shown');
    assert.match(h.asked.at(-1)!, /^new token: The new token from .* was not saved: the registry sent a token with characters npm tokens never contain.*\[Revoke It\]$/);
    assert.equal(fs.readFileSync(userNpmrc, 'utf8'), `registry=${h.registry.url}\n`);
    assert.ok(!fs.existsSync(path.join(os.homedir(), 'PWNED')) && !fs.existsSync(path.join(h.root, '..', 'PWNED')));
  });

  it('set publishing access: a wrong code, then the right one; remembered as set from here', async () => {
    fs.writeFileSync(userNpmrc, `registry=${h.registry.url}\n${h.nerf()}:_authToken=${h.token('alice-session')}\n`, { mode: 0o600 });
    await h.openPackage('demo-pkg');
    h.answer({ pick: 'Require 2FA and disallow tokens', codes: ['111111', DEMO_OTP] });
    await vscode.commands.executeCommand('npmPublishAuth.setPublishingAccess');
    assert.deepEqual(h.asked.map((a) => a.split(':')[0]), ['pick', 'otp', 'otp again']);
    assert.equal(h.registry.state.packages.get('demo-pkg')!.publishingAccess, 'publish');
    const access = h.api.status?.publishingAccess;
    assert.ok(access?.state === 'known' && access.mode === 'publish' && access.source.kind === 'set-by-extension', JSON.stringify(access));
    assert.equal(h.told[0], 'info: Publishing access of demo-pkg: 2FA, no tokens. []');
  });

  it('a bypass token is refused for publishing access: explained, with Log In offered; nothing changed', async () => {
    fs.writeFileSync(userNpmrc, `registry=${h.registry.url}\n${h.nerf()}:_authToken=${h.token('alice-bypass')}\n`, { mode: 0o600 });
    await h.openPackage('demo-pkg');
    h.answer({ pick: 'Require 2FA and disallow tokens' });
    await vscode.commands.executeCommand('npmPublishAuth.setPublishingAccess');
    assert.equal(h.registry.state.packages.get('demo-pkg')!.publishingAccess, 'automation');
    assert.match(h.told[0]!, /^error: Setting the publishing access on .* failed: your credential is a granular access token with bypass 2FA.*\[Log In, Show Log\]$/);
  });

  it('no secret reached the log or a notification', () => {
    assert.ok(h.everythingTold.length >= 7 && h.secrets.size > 10, 'there was something to check');
    h.noSecretLeaked();
  });
});
