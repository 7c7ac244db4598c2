// A registry whose web-login or 2FA answer names a `doneUrl` on another host (issue 15 point 5), in
// plain Node: the local registry on 127.0.0.1 and a recording server on 127.0.0.2 (Linux routes all of
// 127.0.0.0/8 to lo) for which the user also has a token, as for a second registry. The poll there
// must carry no credential at all; on the registry's own origin the login still works.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { webAuthCheckLogin } from 'npm-profile';
import { createGranularToken, startWebLogin } from '../../src/core/account/accountRequests';
import { withSecondFactor } from '../../src/core/account/secondFactor';
import { tokenBody } from '../../src/core/account/tokenRequest';
import { resolvePublishConfig } from '../../src/core/status/npmConfig';
import { pollForWebToken } from '../../src/core/account/webAuthPoll';
import { WebAuthRefused } from '../../src/core/account/webAuthUrls';
import { DEMO_OTP, demoToken } from './scenarios';
import { startRecordingHost, type RecordingHost } from '../support/recordingHost';
import { startRegistry, type LocalRegistry } from './server';

describe('web auth: a doneUrl on another origin (core, plain Node)', () => {
  let registry: LocalRegistry;
  let foreign: RecordingHost;
  let root: string;
  let pkg: string;
  const FOREIGN_TOKEN = 'npm_secondRegistryToken0000000000000000';

  before(async () => {
    registry = await startRegistry({ scenario: 'default' });
    // Answers every done poll with a token, and records each request's headers.
    foreign = await startRecordingHost({ answer: { status: 200, body: { token: 'foreign-web-token' } } });
    root = mkdtempSync(path.join(os.tmpdir(), 'npa-web-origin-'));
  });
  after(async () => {
    rmSync(root, { recursive: true, force: true });
    await Promise.all([registry.close(), foreign.close()]);
  });
  beforeEach(() => {
    registry.reset();
    foreign.requests.length = 0;
    const home = mkdtempSync(path.join(root, 'home-'));
    pkg = path.join(home, 'pkg');
    mkdirSync(pkg);
    writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'demo-pkg', version: '9.9.9' }));
    // The registry's token, and another registry's (basic auth and a token) on the foreign host.
    const nerf = (url: string) => url.replace(/^http:/, '');
    writeFileSync(path.join(home, '.npmrc'), [
      `registry=${registry.url}`,
      `${nerf(registry.url)}:_authToken=${demoToken('alice-session')}`,
      `${nerf(foreign.url)}:_authToken=${FOREIGN_TOKEN}`,
      `${nerf(foreign.url)}:username=me`,
      `${nerf(foreign.url)}:_password=${Buffer.from('foreign-password').toString('base64')}`,
      '',
    ].join('\n'), { mode: 0o600 });
    config = () => resolvePublishConfig({ packageFolder: pkg, env: { HOME: home }, userconfig: path.join(home, '.npmrc'), globalconfig: path.join(home, 'npmrc') });
  });
  let config: () => ReturnType<typeof resolvePublishConfig>;
  const signal = () => new AbortController().signal;

  it('control: npm-profile with the config\'s options sends the second registry\'s token to that host', async () => {
    const { fetchOptions, registry: target } = await config();
    await webAuthCheckLogin(`${foreign.url}-/v1/done?sessionId=x`, { ...fetchOptions, registry: target.url });
    assert.equal(foreign.requests[0]?.headers.authorization, `Bearer ${FOREIGN_TOKEN}`);
  });

  it('web login whose doneUrl is on 127.0.0.2: polled there with no authorization, no npm-otp', async () => {
    registry.injectFault({ method: 'POST', path: '/-/v1/login' }, {
      kind: 'json-body', body: { loginUrl: `${foreign.url}login/1`, doneUrl: `${foreign.url}-/v1/done?sessionId=1` },
    });
    const { fetchOptions, registry: target } = await config();
    const start = await startWebLogin(target.url, fetchOptions);
    assert.equal(start.doneUrl, `${foreign.url}-/v1/done?sessionId=1`, 'not rewritten: only registry.npmjs.org is');
    assert.equal(await pollForWebToken(start.doneUrl, target.url, { ...fetchOptions, otp: '123456' }, signal()), 'foreign-web-token');
    assert.equal(foreign.requests.length, 1);
    assert.deepEqual([foreign.requests[0]!.headers.authorization, foreign.requests[0]!.headers['npm-otp']], [undefined, undefined]);
    assert.ok(!foreign.seen().includes(FOREIGN_TOKEN) && !foreign.seen().includes(demoToken('alice-session')));
  });

  it('a web 2FA challenge whose doneUrl is on 127.0.0.2: no credential there; the registry then asks for a code', async () => {
    registry.injectFault({ method: 'POST', path: '/-/npm/v1/tokens' }, {
      kind: 'json-body', status: 401, headers: { 'www-authenticate': 'OTP' },
      body: { authUrl: `${foreign.url}auth/2`, doneUrl: `${foreign.url}-/v1/done?authId=2` },
    }, 1);
    const { fetchOptions, registry: target } = await config();
    const asked: string[] = [];
    const result = await withSecondFactor(
      (otp) => createGranularToken(target.url, fetchOptions, tokenBody({ name: 'ci', permission: 'read-only', packagesAndScopes: ['demo-pkg'], expiresDays: 7, bypass2fa: false, cidr: [] }, 'alice-password'), otp),
      {
        browserApproval: async ({ doneUrl }) => (asked.push('browser'), pollForWebToken(doneUrl, target.url, fetchOptions, signal())),
        oneTimePassword: async () => (asked.push('otp'), DEMO_OTP),
      },
    );
    assert.equal(result.kind, 'done');
    assert.deepEqual(asked, ['browser', 'otp'], 'the foreign token is not a code the registry accepts');
    assert.equal(foreign.requests.length, 1);
    assert.equal(foreign.requests[0]!.headers.authorization, undefined);
  });

  it('a doneUrl over plain http to a host that is not loopback is refused before any request', async () => {
    const { fetchOptions, registry: target } = await config();
    await assert.rejects(pollForWebToken('http://npm.evil.example/-/v1/done?sessionId=1', target.url, fetchOptions, signal()), (error: unknown) =>
      error instanceof WebAuthRefused && /npm\.evil\.example over plain http/.test(error.message));
    await assert.rejects(pollForWebToken('file:///etc/passwd', target.url, fetchOptions, signal()), WebAuthRefused);
  });

  it('same origin: the poll carries the registry\'s credential and the login completes', async () => {
    const { fetchOptions, registry: target } = await config();
    const start = await startWebLogin(target.url, fetchOptions);
    registry.approvePending(undefined, 'carol');
    const token = await pollForWebToken(start.doneUrl, target.url, fetchOptions, signal());
    assert.deepEqual([registry.state.tokens.get(token)?.user, registry.state.tokens.get(token)?.kind], ['carol', 'session']);
    const polls = registry.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/-/v1/done'));
    assert.deepEqual(polls.map((r) => r.authorization), ['bearer']);
    assert.equal(foreign.requests.length, 0);
  });
});
