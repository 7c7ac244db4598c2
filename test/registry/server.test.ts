// Direct HTTP checks of protocol details the npm CLI does not show (clients of our own rely on them).
import * as assert from 'node:assert/strict';
import { startRegistry, type LocalRegistry } from './server';
import { DEMO_OTP, demoToken, emptyScenario, extendScenario, granularToken } from './scenarios';

describe('local registry protocol details', () => {
  let registry: LocalRegistry;
  before(async () => {
    registry = await startRegistry();
  });
  beforeEach(() => registry.reset('default'));
  after(() => registry.close());

  const get = (path: string, token?: string, headers: Record<string, string> = {}) =>
    fetch(`${registry.url}${path}`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });

  it('the URL has a trailing slash and the scenario loads', () => {
    assert.match(registry.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.equal(registry.state.users.size, 4);
  });

  it('scoped names are accepted as @s%2fname, @s%2Fname and @s/name', async () => {
    for (const path of ['@alice%2ftools', '@alice%2Ftools', '@alice/tools']) {
      const answer = await get(path);
      assert.equal(answer.status, 200, path);
      assert.equal(((await answer.json()) as { name: string }).name, '@alice/tools');
    }
    assert.equal((await get('-/package/@alice%2Ftools/visibility')).status, 200);
    assert.equal((await get('no-such-package')).status, 404);
    assert.deepEqual(await (await get('no-such-package')).json(), { error: 'Not found' });
  });

  it('package documents carry an ETag and Last-Modified; a matching If-None-Match or an unchanged date gets a bodiless 304', async () => {
    const first = await get('demo-pkg', undefined, { 'accept-encoding': 'gzip' });
    assert.equal(first.status, 200);
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    assert.match(etag, /^"[0-9a-f]{40}"$/);
    assert.ok(!Number.isNaN(Date.parse(lastModified)));
    const conditionals: Record<string, string>[] = [{ 'if-none-match': etag }, { 'if-none-match': `W/${etag}` }, { 'if-none-match': `"other", ${etag}` }, { 'if-modified-since': lastModified }];
    for (const conditional of conditionals) {
      const again = await get('demo-pkg', undefined, conditional);
      assert.equal(again.status, 304, JSON.stringify(conditional));
      assert.equal(again.headers.get('etag'), etag);
      assert.equal(await again.text(), '');
    }
    // If-None-Match decides when both are sent (RFC 9110 §13.1.3): an old ETag gets the new document.
    assert.equal((await get('demo-pkg', undefined, { 'if-none-match': '"old"', 'if-modified-since': lastModified })).status, 200);
    // Scoped, a version and a dist-tag name, each with its own ETag.
    const version = await get('@alice%2Ftools/latest');
    assert.equal(version.status, 200);
    assert.notEqual(version.headers.get('etag'), etag);
    assert.equal(((await version.json()) as { name: string }).name, '@alice/tools');
    assert.deepEqual(await (await get('demo-pkg/0.0.0-nope')).json(), 'version not found: 0.0.0-nope');
    assert.deepEqual(await (await get('-/package/demo-pkg/dist-tags')).json(), { latest: '1.0.0' });
    assert.equal((await get('-/package/no-such-package/dist-tags')).status, 404);
  });

  it('the classic challenge: 401, www-authenticate: OTP, the classic error and the npm-notice header', async () => {
    const answer = await fetch(`${registry.url}-/package/demo-pkg/access`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demoToken('alice-session')}`, 'npm-auth-type': 'web', 'content-type': 'application/json' },
      body: JSON.stringify({ publish_requires_tfa: true, automation_token_overrides_tfa: false }),
    });
    assert.equal(answer.status, 401);
    assert.equal(answer.headers.get('www-authenticate'), 'OTP');
    assert.match(answer.headers.get('npm-notice') ?? '', /--otp/);
    assert.deepEqual(await answer.json(), { error: 'You must provide a one-time pass. Upgrade your client to npm@latest in order to use 2FA.' });
  });

  it('token list paging: urls.next until the end, total counts all', async () => {
    const first = (await (await get('-/npm/v1/tokens?perPage=4', demoToken('alice-session'))).json()) as { objects: unknown[]; total: number; urls: { next?: string } };
    assert.equal(first.objects.length, 4);
    assert.equal(first.total, 6);
    const second = (await (await fetch(first.urls.next!, { headers: { authorization: `Bearer ${demoToken('alice-session')}` } })).json()) as typeof first;
    assert.equal(second.objects.length, 2);
    assert.equal(second.urls.next, undefined);
  });

  it('a stage-only token is listed with publish_policy stage_only; tokens for all packages with packages_all', async () => {
    const { objects } = (await (await get('-/npm/v1/tokens?perPage=100', demoToken('alice-session'))).json()) as { objects: Array<Record<string, unknown>> };
    assert.equal(objects.find((t) => t.name === 'stage-only')!.publish_policy, 'stage_only');
    assert.equal(objects.find((t) => t.name === 'laptop')!.packages_all, true);
  });

  it('granular tokens expire by the registry clock', async () => {
    assert.equal((await get('-/whoami', demoToken('alice-write'))).status, 200);
    registry.advanceClock(8 * 24 * 60 * 60 * 1000);
    assert.equal((await get('-/whoami', demoToken('alice-write'))).status, 401);
  });

  it('a token limited by CIDR answers 401 www-authenticate: ipaddress outside its range (npm EAUTHIP)', async () => {
    registry.reset(extendScenario(emptyScenario, {
      users: [{ name: 'erin', password: 'pw', twoFactor: 'none' }],
      tokens: [granularToken('erin', 'erin-cidr', { cidr: ['10.0.0.0/8'] }), granularToken('erin', 'erin-local', { cidr: ['127.0.0.0/8'] })],
    }));
    const outside = await get('-/whoami', demoToken('erin-cidr'));
    assert.equal(outside.status, 401);
    assert.equal(outside.headers.get('www-authenticate'), 'ipaddress');
    assert.equal((await get('-/whoami', demoToken('erin-local'))).status, 200);
  });

  it('a web-OTP token is accepted for a while, then expires', async () => {
    registry.mintToken({ kind: 'granular', user: 'carol', value: demoToken('carol-gat') });
    const { key } = registry.state.tokens.get(demoToken('carol-gat'))!;
    const del = (otp?: string) =>
      fetch(`${registry.url}-/npm/v1/tokens/token/${key}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${demoToken('carol-session')}`, 'npm-auth-type': 'web', ...(otp ? { 'npm-otp': otp } : {}) },
      });
    const first = await del();
    assert.equal(first.status, 401);
    const { doneUrl } = (await first.json()) as { doneUrl: string };
    registry.approvePending();
    const { token: webOtp } = (await (await fetch(doneUrl)).json()) as { token: string };
    registry.advanceClock(6 * 60 * 1000);
    assert.equal((await del(webOtp)).status, 401, 'web OTP expired after 5 minutes');
    assert.equal((await del(DEMO_OTP)).status, 401, 'a passkey-only account has no TOTP code');
  });

  it('the control API over HTTP: state, credentials, clock, publishing access, reset', async () => {
    const control = (path: string, body?: unknown) =>
      fetch(`${registry.url}-/_control/${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json());
    const state = JSON.stringify(await control('state'));
    for (const secret of registry.secrets()) assert.ok(!state.includes(secret), 'state summary holds no secret');
    const credentials = (await control('credentials')) as { otp: string; tokens: Array<{ token: string }> };
    assert.equal(credentials.otp, DEMO_OTP);
    assert.ok(credentials.tokens.some((t) => t.token === demoToken('alice-bypass')));
    await control('publishing-access', { package: 'demo-pkg', mode: 'publish' });
    assert.equal(registry.state.packages.get('demo-pkg')!.publishingAccess, 'publish');
    const { now } = (await control('clock', { set: '2030-01-01T00:00:00.000Z' })) as { now: string };
    assert.ok(now.startsWith('2030-01-01'));
    assert.equal((await get('-/whoami', demoToken('alice-session'))).status, 401, 'the session is long expired by then');
    await control('reset', {});
    assert.equal(registry.state.packages.get('demo-pkg')!.publishingAccess, 'automation');
  });
});
