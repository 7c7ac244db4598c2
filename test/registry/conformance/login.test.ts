// npm login (web flow, approved through the control API) and npm logout, through the real npm CLI.
import * as assert from 'node:assert/strict';
import { DEMO_OTP, demoToken } from '../scenarios';
import { assertFails, assertSucceeds, npmAgainstLocalRegistry } from './npmCli';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('npm login / logout against the local registry', () => {
  const suite = npmAgainstLocalRegistry();

  /**
   * Waits until npm has started a web login and polled it at least once (so the test sees the
   * 202 while pending, whatever the timing), then approves it in-process or over the HTTP control API.
   */
  async function approveLoginWhenAsked(user: string, over: 'in-process' | 'http'): Promise<void> {
    const polledWhilePending = () => suite.registry.requests.some((r) => r.path.startsWith('/-/v1/done') && r.status === 202);
    for (let i = 0; i < 200; i++) {
      const pending = suite.registry.pendingApprovals().find((p) => p.kind === 'login' && !p.approved);
      if (pending && polledWhilePending()) {
        if (over === 'in-process') suite.registry.approvePending(pending.id, user);
        else {
          const answer = await fetch(`${suite.registry.url}-/_control/approve`, { method: 'POST', body: JSON.stringify({ id: pending.id, user }) });
          assert.equal(answer.status, 200);
        }
        return;
      }
      await sleep(50);
    }
    throw new Error('npm never started a web login');
  }

  for (const over of ['in-process', 'http'] as const) {
    it(`npm login (web) polls until approved (${over}) and writes the session token to the userconfig`, async () => {
      suite.npm.useToken(undefined);
      const [result] = await Promise.all([suite.npm.run(['login']), approveLoginWhenAsked('alice', over)]);
      assertSucceeds(result);
      assert.match(result.stderr + result.stdout, /Login at:\s+http:\/\/127\.0\.0\.1:\d+\/-\/_web\/login\//);
      assert.match(result.stdout, /Logged in on http:\/\/127\.0\.0\.1:\d+\//);
      const written = new RegExp(`^${suite.npm.nerfDart.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:_authToken=(npm_[A-Za-z0-9]{36})$`, 'm').exec(suite.npm.readNpmrc());
      assert.ok(written, `no token line in the userconfig:\n${suite.npm.readNpmrc().replace(/npm_\w+/g, 'npm_***')}`);
      const token = suite.registry.state.tokens.get(written[1])!;
      assert.deepEqual([token.user, token.kind], ['alice', 'session']);
      assert.ok(suite.registry.requests.some((r) => r.path.startsWith('/-/v1/done') && r.status === 202), 'npm polled while pending');
      // The new session token works, and is not in the token list.
      const whoami = await suite.npm.run(['whoami']);
      assert.equal(whoami.stdout.trim(), 'alice');
    });
  }

  it('the login page approves with username and password (what a person does in the browser)', async () => {
    const start = await fetch(`${suite.registry.url}-/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const { loginUrl, doneUrl } = (await start.json()) as { loginUrl: string; doneUrl: string };
    assert.equal((await fetch(loginUrl)).status, 200);
    const form = new URLSearchParams({ username: 'carol', password: 'carol-password' });
    const signedIn = await fetch(loginUrl, { method: 'POST', body: form });
    assert.match(await signedIn.text(), /Signed in as carol/);
    const done = await fetch(doneUrl);
    assert.equal(done.status, 200);
    const { token } = (await done.json()) as { token: string };
    assert.equal(suite.registry.state.tokens.get(token)?.user, 'carol');
    assert.equal((await fetch(doneUrl)).status, 404, 'a done URL hands out its token once');
  });

  it('legacy (CouchDB) login: OTP challenge, then a session token', async () => {
    const put = (otp?: string) =>
      fetch(`${suite.registry.url}-/user/org.couchdb.user:alice`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'npm-auth-type': 'legacy', ...(otp ? { 'npm-otp': otp } : {}) },
        body: JSON.stringify({ _id: 'org.couchdb.user:alice', name: 'alice', password: 'alice-password', type: 'user', roles: [], date: new Date().toISOString() }),
      });
    const challenged = await put();
    assert.equal(challenged.status, 401);
    assert.equal(challenged.headers.get('www-authenticate'), 'OTP');
    const ok = await put(DEMO_OTP);
    assert.equal(ok.status, 201);
    const body = (await ok.json()) as { ok: boolean; token: string; rev: string };
    assert.equal(body.rev, '_we_dont_use_revs_any_more');
    assert.equal(suite.registry.state.tokens.get(body.token)?.kind, 'session');
  });

  it('npm logout removes the token from the userconfig and revokes it server-side', async () => {
    const token = demoToken('alice-session');
    suite.npm.writeNpmrc(['color=false', `${suite.npm.nerfDart}:_authToken=${token}`]);
    const result = await suite.npm.run(['logout']);
    assertSucceeds(result);
    assert.ok(!suite.npm.readNpmrc().includes(token), 'token still in the userconfig');
    assert.match(suite.npm.readNpmrc(), /color=false/, 'other lines are kept');
    assert.ok(suite.registry.state.tokens.get(token)!.revokedAt !== undefined);
    assert.equal(suite.registry.requests.find((r) => r.method === 'DELETE')!.path, '/-/user/token/***', 'the token in the path is not logged');
    suite.npm.useToken(token);
    assertFails(await suite.npm.run(['whoami']), 'E401');
  });
});
