import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/base/localize';
import type { PublishAuthStatus, VerdictCode } from '../../../../src/core/base/model';
import { confirmation, preflight, withVersion, type ExpectedChallenge } from '../../../../src/core/publish/publishPlan';
import { credentials, input, status } from '../../fixtures/status';

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
    ['published', { package: { ...input().package, version: '1.3.0' } }, 'blocked', 'npmPublishAuth.bumpVersion'],
    ['version-exists', { package: { ...input().package, version: '1.3.0' }, packageFacts: { state: 'published', versions: ['1.3.0', '1.4.0'], latest: '1.4.0', maintainers: ['alice'] } }, 'blocked', 'npmPublishAuth.bumpVersion'],
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
