// The private-registry user's day against a real Verdaccio 6.8.0 (scripts/install-verdaccio.sh): the
// core pipeline's status, the legacy login, a publish, a token, a logout and a publishing-access
// change — each reporting what this registry really did, with no npmjs rule claimed for it.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { classifyAccountError, describeAccountFailure } from '../../src/core/account/accountErrors';
import { createGranularToken, loginWithPassword, revokeSession, setPublishingAccessMode, startWebLogin, WebLoginUnsupported } from '../../src/core/account/accountRequests';
import { tokenBody, unappliedRestrictions, type TokenRequest } from '../../src/core/account/tokenRequest';
import { english } from '../../src/core/base/localize';
import type { PublishAuthStatus } from '../../src/core/base/model';
import { whoPhrase } from '../../src/core/present/tooltip';
import { npmRunner } from '../../src/core/publish/npmProcess';
import { publishPackage } from '../../src/core/publish/publishRunner';
import { computeStatus } from '../../src/core/status/computeStatus';
import { startVerdaccio, type Verdaccio } from '../verdaccio/server';
import { demoToken } from './scenarios';
import { asNpmjs, startRegistry, type LocalRegistry } from './server';

const PASSWORD = 'verdaccio-pass-1';

describe('a real Verdaccio 6.8.0: a private registry is not npmjs', function () {
  this.timeout(120_000);
  let verdaccio: Verdaccio;
  let root: string;
  let token: string;
  const nerf = () => verdaccio.url.replace(/^http:/, '');
  const home = () => path.join(root, 'home');
  const userconfig = () => path.join(home(), '.npmrc');

  before(async function () {
    this.timeout(300_000); // the first run installs Verdaccio
    verdaccio = await startVerdaccio();
    root = mkdtempSync(path.join(tmpdir(), 'npa-verdaccio-test-'));
    mkdirSync(home());
    await verdaccio.addUser('alice', PASSWORD);
  });
  after(async () => {
    await verdaccio?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const useToken = (value: string, extra = '') => writeFileSync(userconfig(), `registry=${verdaccio.url}\n${nerf()}:_authToken=${value}\n${extra}`, { mode: 0o600 });
  const fetchOptions = (value = token) => ({ registry: verdaccio.url, [`${nerf()}:_authToken`]: value });

  function folder(name: string, version: string): string {
    const dir = mkdtempSync(path.join(root, 'pkg-'));
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version, license: 'MIT' }, null, 2));
    writeFileSync(path.join(dir, 'index.js'), 'module.exports = 1;\n');
    return dir;
  }

  const status = (dir: string, options: { kinds?: Record<string, unknown>; loggedInAt?: number; previous?: PublishAuthStatus } = {}) => computeStatus({
    packageFolder: dir,
    config: { env: { HOME: home(), PATH: process.env.PATH }, userconfig: userconfig(), globalconfig: path.join(home(), 'global-npmrc') },
    registryKinds: options.kinds,
    publishingAccess: () => ({}),
    loggedInAt: () => options.loggedInAt,
    previous: options.previous,
    now: Date.now(),
  }, english);

  const npm = () => npmRunner('npm', {
    PATH: process.env.PATH, HOME: home(), npm_config_userconfig: userconfig(), npm_config_globalconfig: path.join(home(), 'global-npmrc'),
    npm_config_cache: path.join(root, 'npm-cache'), npm_config_update_notifier: 'false', npm_config_fetch_retries: '0',
  });

  it('has no web login: npm\'s legacy login (npm-profile) gets a token for the account', async () => {
    await assert.rejects(startWebLogin(verdaccio.url, { registry: verdaccio.url }), WebLoginUnsupported);
    token = await loginWithPassword(verdaccio.url, { registry: verdaccio.url }, 'alice', PASSWORD, undefined);
    assert.ok(token.length > 20);
  });

  it('status: ready with no prompt, not stale, no npmjs blocker (its profile says tfa: false)', async () => {
    useToken(token);
    for (const kinds of [undefined, { [verdaccio.url]: 'verdaccio' }]) {
      const s = await status(folder('vd-new', '1.0.0'), { kinds });
      assert.equal(s.verdict.code, 'ready', s.verdict.reason);
      assert.equal(s.stale, undefined);
      assert.equal(s.accountTwoFactor, 'disabled');
      assert.match(s.verdict.reason, /^127\.0\.0\.1:\d+ shows no two-factor authentication for alice, so publishing needs no prompt\.$/);
      assert.equal(s.publishingAccess.state, 'unknown');
      // Not listed in its token list, and not logged in here: a token of unknown kind, never "a 2-hour session".
      assert.equal(s.credential?.kind, 'token-unknown');
    }
  });

  it('a login done here is a token from npm login, without npmjs\'s 2-hour lifetime', async () => {
    useToken(token);
    const s = await status(folder('vd-new', '1.0.0'), { loggedInAt: Date.now() });
    assert.equal(s.credential?.kind, 'session');
    assert.equal(s.credential?.kind === 'session' ? s.credential.expiresAt : 'x', undefined);
    assert.equal(whoPhrase(s, Date.now(), english), 'alice · token from npm login');
  });

  it('publishes with no prompt, and the registry holds the exact tarball npm pack makes', async () => {
    useToken(token);
    const dir = folder('vd-pkg', '1.0.0');
    const asked: string[] = [];
    const result = await publishPackage({ folder: dir, run: npm() }, {
      step: () => undefined, output: () => undefined,
      oneTimePassword: async () => (asked.push('otp'), undefined),
      browserApproval: async () => (asked.push('browser'), undefined),
    });
    assert.equal(result.kind, 'published', JSON.stringify(result));
    assert.deepEqual(asked, []);
    const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', root], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: home() } }).trim();
    const local = createHash('sha1').update(readFileSync(path.join(root, packed))).digest('hex');
    const doc = (await (await fetch(`${verdaccio.url}vd-pkg`, { headers: { authorization: `Bearer ${token}` } })).json()) as { versions: Record<string, { dist: { shasum: string } }> };
    assert.equal(doc.versions['1.0.0']!.dist.shasum, local);

    // After the publish: its latest. Verdaccio has no collaborators route and its packument names no
    // maintainers, so write access is unknown — said as such, not guessed.
    const after = await status(dir);
    assert.equal(after.verdict.code, 'published', after.verdict.reason);
    assert.equal(after.stale, undefined);
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'vd-pkg', version: '1.0.1', license: 'MIT' }));
    const next = await status(dir);
    assert.equal(next.verdict.code, 'ready', next.verdict.reason);
    assert.equal(next.writeAccess, 'unknown');
    assert.match(next.verdict.reason, /Your write access to vd-pkg could not be checked\.$/);
  });

  it('a token: created, and the restrictions Verdaccio ignored are named', async () => {
    const request: TokenRequest = { name: 'ci', permission: 'read-write', packagesAndScopes: ['vd-pkg'], expiresDays: 7, bypass2fa: false, cidr: [] };
    const created = await createGranularToken(verdaccio.url, fetchOptions(), tokenBody(request, PASSWORD), undefined);
    assert.deepEqual(unappliedRestrictions(request, created.answer), ['expiry', 'packages']);
    assert.ok(!JSON.stringify(created.answer).includes(created.token));
  });

  it('publishing access: the 404 is named as a missing setting, not as "you do not maintain it"', async () => {
    const error = await setPublishingAccessMode(verdaccio.url, fetchOptions(), 'vd-pkg', 'publish', undefined).then(() => undefined, (e: unknown) => e);
    const failure = classifyAccountError(error);
    assert.equal(failure.kind, 'not-found');
    assert.match(describeAccountFailure(failure, 'set-access', '127.0.0.1', english, false), /has no publishing-access setting/);
  });

  it('logout: Verdaccio answers the DELETE and the token still works — and that is what is reported', async () => {
    const spare = await loginWithPassword(verdaccio.url, { registry: verdaccio.url }, 'alice', PASSWORD, undefined);
    assert.equal(await revokeSession(verdaccio.url, fetchOptions(spare), spare), 'still-valid');
  });

  describe('beside npmjs: a scope on Verdaccio', () => {
    let npmjs: LocalRegistry;
    before(async () => { npmjs = await startRegistry({ scenario: 'default' }); });
    after(async () => npmjs?.close());

    it('@acme goes to Verdaccio with its own token; the npmjs token never travels there, nor Verdaccio\'s to npmjs', async () => {
      const npmjsNerf = npmjs.url.replace(/^http:/, '');
      writeFileSync(userconfig(), `registry=${npmjs.url}\n${npmjsNerf}:_authToken=${demoToken('alice-session')}\n@acme:registry=${verdaccio.url}\n${nerf()}:_authToken=${token}\n`, { mode: 0o600 });
      const before = npmjs.requests.length;
      const s = await status(folder('@acme/lib', '1.0.0'), { kinds: asNpmjs(npmjs) });
      assert.equal(s.registry?.url, verdaccio.url);
      assert.equal(s.registry?.rule, 'scope-registry');
      assert.equal(s.verdict.code, 'ready', s.verdict.reason);
      assert.equal(npmjs.requests.length, before);
      // The unscoped package beside it is npmjs's, with npmjs's rules.
      const unscoped = await status(folder('plain-lib', '1.0.0'), { kinds: asNpmjs(npmjs) });
      assert.equal(unscoped.registry?.url, npmjs.url);
      assert.equal(unscoped.verdict.code, 'needs-2fa');
    });
  });

  it('registry down: the last status stays, marked stale; without one the verdict is unknown — never another', async () => {
    useToken(token);
    const dir = folder('vd-down', '1.0.0');
    const good = await status(dir);
    assert.equal(good.verdict.code, 'ready');
    await verdaccio.stop();
    try {
      const kept = await status(dir, { previous: good });
      assert.equal(kept.verdict.code, 'ready');
      assert.equal(kept.stale?.problem.kind, 'offline');
      const fresh = await status(dir);
      assert.equal(fresh.verdict.code, 'unknown');
      assert.match(fresh.verdict.reason, /cannot be reached/);
    } finally {
      await verdaccio.start();
    }
  });
});
