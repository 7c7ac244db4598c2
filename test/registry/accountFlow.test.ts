// The account calls (src/core/account) in plain Node against the local registry, with the options
// npm's config loader resolves from real .npmrc files: web login approved, the legacy login with a
// wrong then right code, logout, granular token creation (classic and browser 2FA, refusals) and
// publishing access. Every error text is checked for every secret the registry holds.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { classifyAccountError, describeAccountFailure, type AccountFailureKind } from '../../src/core/account/accountErrors';
import {
  createGranularToken, loginWithPassword, revokeSession, setPublishingAccessMode, startWebLogin, WebLoginUnsupported,
} from '../../src/core/account/accountRequests';
import { withSecondFactor, type SecondFactorHooks } from '../../src/core/account/secondFactor';
import { tokenBody } from '../../src/core/account/tokenRequest';
import { english } from '../../src/core/base/localize';
import { resolvePublishConfig } from '../../src/core/status/npmConfig';
import { authTokenKey, setNpmrcValue } from '../../src/core/account/npmrcEdit';
import { editNpmrc } from '../../src/core/account/npmrcFile';
import { pollForWebToken } from '../../src/core/account/webAuthPoll';
import { DEMO_OTP, demoToken } from './scenarios';
import { startRegistry, type LocalRegistry } from './server';

describe('account actions against the local registry (core, plain Node)', () => {
  let registry: LocalRegistry;
  let root: string;
  let home: string;
  let pkg: string;
  const texts: string[] = [];

  before(async () => {
    registry = await startRegistry({ scenario: 'default' });
    root = mkdtempSync(path.join(os.tmpdir(), 'npa-account-flow-'));
  });
  after(async () => {
    rmSync(root, { recursive: true, force: true });
    await registry.close();
  });
  beforeEach(() => {
    registry.reset();
    home = mkdtempSync(path.join(root, 'home-'));
    pkg = path.join(home, 'pkg');
    mkdirSync(pkg);
    writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'demo-pkg', version: '9.9.9' }));
  });
  afterEach(() => {
    for (const secret of registry.secrets()) {
      for (const text of texts) assert.ok(!text.includes(secret), `a secret reached a text: ${text.slice(0, 80)}`);
    }
    texts.length = 0;
  });

  const userconfig = () => path.join(home, '.npmrc');
  const nerf = () => registry.url.replace(/^http:/, '');
  function loginAs(label: string | undefined): void {
    writeFileSync(userconfig(), `registry=${registry.url}\r\n${label ? `${nerf()}:_authToken=${demoToken(label)}\r\n` : ''}`, { mode: 0o600 });
  }
  const config = () => resolvePublishConfig({ packageFolder: pkg, env: { HOME: home }, userconfig: userconfig(), globalconfig: path.join(home, 'npmrc') });

  /** Hooks that answer with the given codes, approve browser challenges, and record what was asked. */
  function hooks(codes: (string | undefined)[], asked: string[]): SecondFactorHooks {
    return {
      oneTimePassword: async (rejected) => (asked.push(rejected ? 'otp again' : 'otp'), codes.shift()),
      browserApproval: async ({ doneUrl }) => {
        asked.push('browser');
        registry.approvePending();
        return pollForWebToken(doneUrl, registry.url, {}, new AbortController().signal); // the extension's own poll
      },
    };
  }

  async function failure(promise: Promise<unknown>, kind: AccountFailureKind): Promise<void> {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    assert.ok(error, `expected ${kind}, but it succeeded`);
    const classified = classifyAccountError(error);
    texts.push(classified.said, describeAccountFailure(classified, 'create-token', 'host', english), String((error as Error).message));
    assert.equal(classified.kind, kind, `${classified.kind}: ${classified.said}`);
  }

  it('web login: approved in the browser, the session token written to the user npmrc (CRLF kept, 0600) is what npm then sends', async () => {
    loginAs(undefined);
    const before = await config();
    const start = await startWebLogin(before.registry.url, before.fetchOptions);
    assert.match(start.loginUrl, /\/-\/_web\/login\//);
    registry.approvePending(undefined, 'carol');
    const token = await pollForWebToken(start.doneUrl, before.registry.url, before.fetchOptions, new AbortController().signal);
    assert.equal(before.userconfig, userconfig());
    await editNpmrc(before.userconfig, (text) => setNpmrcValue(text, authTokenKey(before.registry.nerfDart), token));
    assert.equal(readFileSync(userconfig(), 'utf8'), `registry=${registry.url}\r\n${nerf()}:_authToken=${token}\r\n`);
    assert.equal(statSync(userconfig()).mode & 0o777, 0o600);
    const after = await config();
    assert.equal(after.credential.type, 'token');
    assert.deepEqual([registry.state.tokens.get(token)?.user, registry.state.tokens.get(token)?.kind], ['carol', 'session']);
  });

  it('no web login (404): the legacy login with a wrong code, then the right one', async () => {
    loginAs(undefined);
    registry.injectFault({ method: 'POST', path: '/-/v1/login' }, { kind: 'json-body', status: 404, body: { error: 'Not found' } });
    const { registry: target, fetchOptions } = await config();
    await assert.rejects(startWebLogin(target.url, fetchOptions), WebLoginUnsupported);
    const asked: string[] = [];
    const result = await withSecondFactor((otp) => loginWithPassword(target.url, fetchOptions, 'alice', 'alice-password', otp), hooks(['111111', DEMO_OTP], asked));
    assert.equal(result.kind, 'done');
    assert.deepEqual(asked, ['otp', 'otp again']);
    const token = result.kind === 'done' ? result.value : '';
    assert.deepEqual([registry.state.tokens.get(token)?.user, registry.state.tokens.get(token)?.kind], ['alice', 'session']);
  });

  it('legacy login: a wrong password is named as such; Escape at the code sends nothing more', async () => {
    loginAs(undefined);
    const { registry: target, fetchOptions } = await config();
    await failure(loginWithPassword(target.url, fetchOptions, 'alice', 'wrong-password', undefined), 'wrong-password');
    const puts = () => registry.requests.filter((r) => r.method === 'PUT').length;
    const result = await withSecondFactor((otp) => loginWithPassword(target.url, fetchOptions, 'alice', 'alice-password', otp), hooks([undefined], []));
    assert.equal(result.kind, 'cancelled');
    assert.equal(puts(), 2);
  });

  it('logout revokes the session; a second logout finds it already invalid', async () => {
    loginAs('alice-session');
    const { registry: target, fetchOptions } = await config();
    assert.equal(await revokeSession(target.url, fetchOptions, demoToken('alice-session')), 'revoked');
    assert.ok(registry.state.tokens.get(demoToken('alice-session'))!.revokedAt !== undefined);
    assert.equal(registry.requests.find((r) => r.method === 'DELETE')?.path, '/-/user/token/***');
    assert.equal(await revokeSession(target.url, fetchOptions, demoToken('alice-session')), 'already-invalid');
  });

  const request = { name: 'ci-demo', permission: 'read-write', packagesAndScopes: ['demo-pkg', '@alice'], expiresDays: 30, bypass2fa: true, cidr: ['10.0.0.0/8'] } as const;

  it('token create (TOTP): a wrong code, then the right one; the token has what was asked', async () => {
    loginAs('alice-session');
    const { registry: target, fetchOptions } = await config();
    const asked: string[] = [];
    const result = await withSecondFactor(
      (otp) => createGranularToken(target.url, fetchOptions, tokenBody({ ...request, packagesAndScopes: [...request.packagesAndScopes], cidr: [...request.cidr] }, 'alice-password'), otp),
      hooks(['111111', DEMO_OTP], asked),
    );
    assert.deepEqual(asked, ['otp', 'otp again']);
    assert.equal(result.kind, 'done');
    const created = registry.state.tokens.get(result.kind === 'done' ? result.value.token : '')!;
    assert.deepEqual(
      [created.user, created.kind, created.name, created.permission, created.packages, created.scopes, created.bypass2fa, created.cidr],
      ['alice', 'granular', 'ci-demo', 'read-write', ['demo-pkg'], ['@alice'], true, ['10.0.0.0/8']],
    );
    assert.equal(Math.round((created.expiresAt - registry.now()) / 86_400_000), 30);
  });

  it('token create (passkey): browser approval, no code asked', async () => {
    loginAs('carol-session');
    const { registry: target, fetchOptions } = await config();
    const asked: string[] = [];
    const body = tokenBody({ name: 'carol-ro', permission: 'read-only', packagesAndScopes: ['demo-pkg'], expiresDays: 7, bypass2fa: false, cidr: [] }, 'carol-password');
    const result = await withSecondFactor((otp) => createGranularToken(target.url, fetchOptions, body, otp), hooks([], asked));
    assert.deepEqual(asked, ['browser']);
    assert.equal(result.kind === 'done' && registry.state.tokens.get(result.value.token)?.permission, 'read-only');
  });

  it('token create refusals: wrong password, a bypass token, over 90 days', async () => {
    loginAs('alice-session');
    let { registry: target, fetchOptions } = await config();
    const body = (password: string, expiresDays = 7) => tokenBody({ ...request, packagesAndScopes: ['demo-pkg'], cidr: [], expiresDays }, password);
    await failure(createGranularToken(target.url, fetchOptions, body('nope'), undefined), 'wrong-password');
    await failure(createGranularToken(target.url, fetchOptions, body('alice-password', 91), DEMO_OTP), 'invalid-request');
    loginAs('alice-bypass');
    ({ registry: target, fetchOptions } = await config());
    await failure(createGranularToken(target.url, fetchOptions, body('alice-password'), DEMO_OTP), 'bypass-refused');
  });

  it('publishing access: set to "publish" after a code; a bypass token refused; a non-maintainer gets 404', async () => {
    loginAs('alice-session');
    let { registry: target, fetchOptions } = await config();
    const asked: string[] = [];
    const result = await withSecondFactor((otp) => setPublishingAccessMode(target.url, fetchOptions, 'demo-pkg', 'publish', otp), hooks([DEMO_OTP], asked));
    assert.deepEqual([result.kind, asked], ['done', ['otp']]);
    assert.equal(registry.state.packages.get('demo-pkg')!.publishingAccess, 'publish');
    loginAs('alice-bypass');
    ({ registry: target, fetchOptions } = await config());
    await failure(setPublishingAccessMode(target.url, fetchOptions, 'demo-pkg', 'automation', undefined), 'bypass-refused');
    loginAs('bob-session');
    ({ registry: target, fetchOptions } = await config());
    await failure(setPublishingAccessMode(target.url, fetchOptions, 'demo-pkg', 'none', DEMO_OTP), 'not-found');
    assert.equal(registry.state.packages.get('demo-pkg')!.publishingAccess, 'publish');
  });
});
