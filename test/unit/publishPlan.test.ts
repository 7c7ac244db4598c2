import * as assert from 'node:assert/strict';
import { english } from '../../src/core/base/localize';
import type { PublishAuthStatus, VerdictCode } from '../../src/core/base/model';
import { parseDryRun, renderDryRun } from '../../src/core/publish/dryRunReport';
import { confirmation, preflight, withVersion, type ExpectedChallenge } from '../../src/core/publish/publishPlan';
import { twoFactorSettingsUrl } from '../../src/core/present/statusActions';
import { credentials, input, status } from './verdict.test';

describe('preflight', () => {
  // Every verdict: does the publish go ahead, and what does the confirmation expect?
  const cases: [VerdictCode, Partial<PublishAuthStatus>, ExpectedChallenge | 'blocked', string?][] = [
    ['ready', { credential: credentials.bypassGat }, 'none'],
    ['needs-otp', {}, 'one-time-password'],
    ['needs-browser-approval', { twoFactorMethod: 'passkey-only' }, 'browser-approval'],
    ['needs-2fa', { twoFactorMethod: undefined }, 'second-factor'],
    ['stage-only-token', { credential: { ...credentials.gat, permission: 'stage-only' } }, 'none'],
    ['unknown', { credential: undefined, packageFacts: undefined }, 'unknown'],
    ['not-logged-in', { configuredCredential: { type: 'none' }, credential: undefined }, 'blocked', 'npmPublishAuth.login'],
    ['credential-invalid', { credential: { kind: 'invalid', reason: 'expired-or-revoked' } }, 'blocked', 'npmPublishAuth.login'],
    ['no-write-access', { writeAccess: 'none' }, 'blocked'],
    ['account-without-2fa', { accountTwoFactor: 'disabled' }, 'blocked', 'npmPublishAuth.setUpTwoFactor'],
    ['version-exists', { package: { ...input().package, version: '1.3.0' } }, 'blocked', 'npmPublishAuth.bumpVersion'],
    ['private-package', { package: { ...input().package, private: true } }, 'blocked'],
    ['read-only-token', { credential: { ...credentials.gat, permission: 'read-only' } }, 'blocked', 'npmPublishAuth.generateToken'],
  ];
  for (const [code, given, expected, fix] of cases) {
    it(`${code} → ${expected}${fix ? ` (fix: ${fix})` : ''}`, () => {
      const s = status(given);
      assert.equal(s.verdict.code, code);
      const check = preflight(s, {}, english);
      if (expected === 'blocked') {
        assert.equal(check.ok, false);
        assert.equal(!check.ok && check.reason, s.verdict.reason);
        assert.equal(!check.ok && check.fix?.command, fix);
      } else {
        assert.ok(check.ok);
        assert.equal(check.plan.expects, expected);
        assert.equal(check.plan.stage, code === 'stage-only-token');
        assert.equal(check.plan.id, `${s.package.name}@${s.package.version}`);
      }
    });
  }
  it('a package.json that does not parse stops with its error', () => {
    const check = preflight(status({ package: { ...input().package, parseError: 'Unexpected token } in JSON' } }), {}, english);
    assert.deepEqual(check, { ok: false, reason: 'Unexpected token } in JSON' });
  });
  it('tag and access come from npm\'s options; private access is restricted', () => {
    const check = preflight(status({ credential: credentials.bypassGat }), { tag: 'next', access: 'private' }, english);
    assert.ok(check.ok);
    assert.deepEqual([check.plan.tag, check.plan.access], ['next', 'restricted']);
  });
});

describe('confirmation', () => {
  const plan = (given: Partial<PublishAuthStatus>, options = {}) => {
    const check = preflight(status(given), options, english);
    assert.ok(check.ok);
    return check.plan;
  };
  it('names name@version, registry, tag, access and the expected prompt', () => {
    const { message, detail } = confirmation(plan({}), english);
    assert.match(message, /^Publish .+@.+\?$/);
    assert.match(detail, /Registry: https?:\/\//);
    assert.match(detail, /Tag: latest/);
    assert.match(detail, /Access: /);
    assert.match(detail, /one-time password/);
  });
  it('a stage-only token stages, and says the release waits for approval', () => {
    const { message, detail } = confirmation(plan({ credential: { ...credentials.gat, permission: 'stage-only' } }), english);
    assert.match(message, /^Stage /);
    assert.match(detail, /approve it with 2FA on the website/);
  });
  it('an unchecked status says what was not checked', () => {
    assert.match(confirmation(plan({ credential: undefined, packageFacts: undefined }), english).detail, /Not checked: /);
  });
});

describe('withVersion keeps every other byte', () => {
  const cases: [string, string, string | undefined][] = [
    ['two-space JSON', '{\n  "name": "a",\n  "version": "1.0.0"\n}\n', '{\n  "name": "a",\n  "version": "1.0.1"\n}\n'],
    ['CRLF and tabs, no final newline', '{\r\n\t"version" : "1.0.0",\r\n\t"name": "a"\r\n}', '{\r\n\t"version" : "1.0.1",\r\n\t"name": "a"\r\n}'],
    ['a nested "version" first stays', '{ "engines": { "version": "1.0.0" }, "version": "1.0.0" }', '{ "engines": { "version": "1.0.0" }, "version": "1.0.1" }'],
    ['a "version" inside a string value stays', '{ "description": "\\"version\\": \\"1.0.0\\"", "version": "1.0.0" }', '{ "description": "\\"version\\": \\"1.0.0\\"", "version": "1.0.1" }'],
    ['no top-level version', '{ "name": "a" }', undefined],
    ['a version that is not a string', '{ "version": 1 }', undefined],
  ];
  for (const [what, text, expected] of cases) it(what, () => assert.equal(withVersion(text, '1.0.1'), expected));
});

describe('dry run report', () => {
  const stdout = JSON.stringify({ 'demo-pkg': { id: 'demo-pkg@1.0.7', size: 176, unpackedSize: 2048, files: [{ path: 'package.json', size: 86 }, { path: 'index.js', size: 1962 }] } });
  it('reads npm\'s summary (keyed by name or bare)', () => {
    assert.deepEqual(parseDryRun(stdout)?.files.map((f) => f.path), ['package.json', 'index.js']);
    assert.equal(parseDryRun(JSON.stringify({ id: 'a@1.0.0', files: [] }))?.id, 'a@1.0.0');
    assert.equal(parseDryRun('not json'), undefined);
  });
  it('renders files sorted, sizes and the total', () => {
    const text = renderDryRun(parseDryRun(stdout)!, '127.0.0.1:4999', english);
    assert.match(text, /# Dry run: demo-pkg\\@1\.0\.7/, "the id, Markdown-escaped");
    assert.ok(text.indexOf('index.js') < text.indexOf('package.json'));
    assert.match(text, /\| index\.js \| 1\.9 kB \|/);
    assert.match(text, /\*\*2 files\*\* · packed 176 B · unpacked 2\.0 kB/);
  });
});

describe('twoFactorSettingsUrl (the fix of "account without 2FA")', () => {
  const cases: [string, string, string, string | undefined][] = [
    ['the public registry', 'https://registry.npmjs.org/', 'alice', 'https://www.npmjs.com/settings/alice/tfa'],
    ['a name that needs escaping', 'https://registry.npmjs.org/', 'a b/c', 'https://www.npmjs.com/settings/a%20b%2Fc/tfa'],
    ['another registry: its page is not known', 'http://127.0.0.1:4873/', 'alice', undefined],
    ['no username', 'https://registry.npmjs.org/', '', undefined],
    ['not a URL', 'registry', 'alice', undefined],
  ];
  for (const [what, registry, user, expected] of cases) it(what, () => assert.equal(twoFactorSettingsUrl(registry, user), expected));
});
