// The secrets suite: recognisable secrets of every shape the pipeline meets are planted in .npmrc
// files (and echoed back by the local registry in an npm-notice), then every text the pipeline and
// the presentation produce — status bar text, accessibility label, tooltip, quick pick, expiry
// notification, details report, config problems, error messages and log lines — is scanned for
// every one of them. Plain Node: the core pipeline against the local registry.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { computeStatus } from '../../src/core/status/computeStatus';
import { renderDetailsReport } from '../../src/core/present/detailsReport';
import { english } from '../../src/core/base/localize';
import type { PublishAuthStatus } from '../../src/core/base/model';
import { presentFailure, presentStatus } from '../../src/core/present/presentation';
import { expiryWarning } from '../../src/core/present/sentences';
import { actionsFor } from '../../src/core/present/statusActions';
import { logLine } from '../../src/core/base/text';
import { demoToken } from './scenarios';
import { asNpmjs, startRegistry, type LocalRegistry } from './server';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

// One recognisable value per shape; none of them may appear in any text.
const S = {
  npm36: demoToken('alice-session'), // npm_ + 36: the shape npm's redactor knows
  tok34: 'Zq8xR2vN5tLw9KcP3mYb7HdF1sJg4QaE6u', // 34 characters, no known shape
  opaque20: 'p4Wn8Rt2Yq6Ls1Jd9Hx3',
  uuid: '3f2504e0-4f89-11d3-9a0c-0305e82c3301', // a legacy UUID token
  authPassword: 'alice-password',
  pastedInAuth: 'Ht5Kp2Wq9Zx4Mv7Nb3Rc', // a token pasted into _auth (base64 without a colon)
  password: 'bob-password',
  urlPassword: 'Pw-9xK2mQ7vL',
  pathToken: 'Gq7Lm2Xr9Tk4Wn8Pv3Zb', // Gemfury-style: the token is a path segment of the registry URL
  pastedLine: 'Vb8Nc3Xz6Lk1Jh5Gf2Ds9Aq', // a whole `//host/:_authToken=…` line pasted as the registry
  malformedLine: 'Mq3Wz8Kx1Lp6Rt4Vn9Bc', // a credential line without `=`
};

interface Plant {
  what: string;
  npmrc: (host: string, url: string) => string;
  /** Secrets only this plant holds beyond the values above (derived forms such as base64). */
  extra?: string[];
}

const PLANTS: Plant[] = [
  { what: 'npm_ token', npmrc: (h) => `//${h}/:_authToken=${S.npm36}\n` },
  { what: '34-character token', npmrc: (h) => `//${h}/:_authToken=${S.tok34}\n` },
  { what: 'opaque 20-character token', npmrc: (h) => `//${h}/:_authToken=${S.opaque20}\n` },
  { what: 'UUID token', npmrc: (h) => `//${h}/:_authToken=${S.uuid}\n` },
  { what: '_auth user:password', npmrc: (h) => `//${h}/:_auth=${b64(`alice:${S.authPassword}`)}\n`, extra: [b64(`alice:${S.authPassword}`)] },
  { what: '_auth without a colon', npmrc: (h) => `//${h}/:_auth=${b64(S.pastedInAuth)}\n`, extra: [b64(S.pastedInAuth)] },
  { what: 'username + _password', npmrc: (h) => `//${h}/:username=bob\n//${h}/:_password=${b64(S.password)}\n`, extra: [b64(S.password)] },
  { what: 'URL userinfo', npmrc: (h) => `registry=http://carol:${S.urlPassword}@${h}/\n//${h}/:_authToken=${S.npm36}\n` },
  { what: 'path token (Gemfury)', npmrc: (h) => `registry=http://${h}/${S.pathToken}/\n//${h}/${S.pathToken}/:_authToken=${S.opaque20}\n` },
  { what: 'pasted credential line as registry', npmrc: (h) => `registry=//${h}/:_authToken=${S.pastedLine}\n` },
  { what: 'line without "="', npmrc: (h) => `//${h}/:_authToken ${S.malformedLine}\${UNSET_SUFFIX}\n//${h}/:_authToken=${S.tok34}\n` },
];

describe('secrets suite: no planted secret reaches any text (core pipeline, plain Node)', () => {
  let registry: LocalRegistry;
  let root: string;
  const secrets = [...Object.values(S), ...PLANTS.flatMap((p) => p.extra ?? [])];
  let scanned = 0;

  before(async () => {
    registry = await startRegistry({ scenario: 'default' });
    root = mkdtempSync(path.join(os.tmpdir(), 'npa-secrets-'));
  });
  after(async () => {
    rmSync(root, { recursive: true, force: true });
    await registry.close();
    console.log(`secrets suite: ${secrets.length} secrets × ${scanned} texts`);
  });
  beforeEach(() => {
    registry.reset();
    // The planted tokens are real on the registry, so the happy path (token list, names) is rendered too.
    registry.mintToken({ kind: 'granular', user: 'alice', value: S.tok34, name: 'ci-34', permission: 'read-write', packages: ['demo-pkg'], expiresInDays: 2 });
    registry.mintToken({ kind: 'session', user: 'alice', value: S.opaque20 });
    registry.mintToken({ kind: 'granular', user: 'alice', value: S.uuid, name: 'legacy', permission: 'read-only', allPackages: true });
  });

  /** Every text one refresh of the plant produces, as the extension would show or log it. */
  async function textsOf(plant: Plant, index: number): Promise<string[]> {
    const host = registry.url.replace(/^http:\/\//, '').replace(/\/$/, '');
    const dir = path.join(root, `plant-${index}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'demo-pkg', version: '9.9.9' }));
    const npmrc = plant.npmrc(host, registry.url);
    // Every plant talks to the local registry, unless it sets the registry itself.
    writeFileSync(path.join(dir, '.npmrc'), /^registry=/m.test(npmrc) ? npmrc : `registry=${registry.url}\n${npmrc}`);
    const home = path.join(root, 'home');
    const now = Date.now();
    let status: PublishAuthStatus;
    try {
      status = await computeStatus({
        packageFolder: dir,
        config: { env: { HOME: home }, userconfig: path.join(home, '.npmrc'), globalconfig: path.join(home, 'npmrc') },
        registryKinds: asNpmjs(registry),
        publishingAccess: () => ({}),
        loggedInAt: () => undefined,
        now,
      }, english);
    } catch (error) {
      // What the status controller does with a failed refresh: a log line and the failure item.
      const message = error instanceof Error ? error.message : String(error);
      const failure = presentFailure('plant', message, english);
      return [message, logLine('status', `refresh failed: ${message}`), failure.text, failure.accessibilityLabel, ...failure.tooltipSections.flatMap((s) => s.lines)];
    }
    const shown = presentStatus(status, now, english);
    return [
      shown.text, shown.accessibilityLabel, ...shown.tooltipSections.flatMap((s) => [s.title, ...s.lines]),
      ...actionsFor(status, english).flatMap((a) => [a.label, a.description ?? '']),
      ...[0, 3, 10].map((days) => expiryWarning(status, now + days * 86_400_000, english)?.message ?? ''),
      renderDetailsReport(status, now, english),
      ...status.configProblems,
      logLine('status', `${status.package.name}: ${status.verdict.code}${status.stale ? ` (stale: ${status.stale.problem.message})` : ''}`),
      ...status.configProblems.map((problem) => logLine('config', problem)),
    ];
  }

  function assertClean(texts: string[], context: string): void {
    for (const text of texts) {
      scanned++;
      for (const secret of secrets) assert.ok(!text.includes(secret), `${context}: a secret (${secret.slice(0, 3)}…) in ${JSON.stringify(text.slice(0, 300))}`);
    }
  }

  PLANTS.forEach((plant, index) => {
    it(`${plant.what}: every text is clean`, async () => {
      assertClean(await textsOf(plant, index), plant.what);
    });
    it(`${plant.what}: every text is clean when the registry echoes the credential in an npm-notice`, async () => {
      registry.injectFault({ path: /\/-\/whoami$/ }, { kind: 'echo-credential' });
      const texts = await textsOf(plant, index);
      assertClean(texts, `${plant.what}, echoed`);
    });
  });

  it('the echo reaches the report (redacted), so the scan above looks where the secret would be', async () => {
    registry.injectFault({ path: /\/-\/whoami$/ }, { kind: 'echo-credential' });
    const texts = await textsOf(PLANTS[1], 1);
    assert.ok(texts.some((text) => text.includes('Access token expired or revoked: \\*\\*\\*')), 'the notice, redacted, is in the report');
  });

  it('the plants are what they claim: a path token and an unreadable registry are met', async () => {
    const gemfury = await textsOf(PLANTS[8], 8);
    assert.ok(gemfury.some((text) => text.includes('/\\*\\*\\*/') || text.includes('/***/')), 'the path token is shown masked');
    const pasted = await textsOf(PLANTS[9], 9);
    assert.match(pasted[0], /is not a valid URL\.$/);
  });
});
