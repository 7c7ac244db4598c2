import * as assert from 'node:assert/strict';
import { english, humanDuration } from '../../../../src/core/base/localize';
import type { PublishAuthStatus } from '../../../../src/core/base/model';
import { presentStatus } from '../../../../src/core/present/presentation';
import { accountTwoFactorSentence, expiryWarning } from '../../../../src/core/present/sentences';
import { credentials, NOW, status } from '../../fixtures/status';

const automation = { state: 'known', mode: 'automation', source: { kind: 'set-by-extension', at: NOW - 60_000 } } as const;

describe('accountTwoFactorSentence', () => {
  const cases: [Partial<PublishAuthStatus>, string][] = [
    [{ accountTwoFactor: 'disabled' }, 'Account two-factor authentication: disabled.'],
    [{ accountTwoFactor: 'unknown' }, 'Account two-factor authentication: not visible to this credential.'],
    [{ twoFactorMethod: undefined }, 'Account two-factor authentication: auth-and-writes, with a second factor of unknown kind.'],
    [{ twoFactorMethod: 'totp', twoFactorMethodSource: 'declared' }, 'Account two-factor authentication: auth-and-writes, with an authenticator app. (declared in the settings)'],
    [{ twoFactorMethod: 'passkey-only', twoFactorMethodSource: 'registry-answer' }, 'Account two-factor authentication: auth-and-writes, with passkeys only. (seen in a registry challenge)'],
  ];
  for (const [overrides, expected] of cases) {
    it(expected, () => assert.equal(accountTwoFactorSentence(status(overrides), english), expected));
  }
});

describe('time left and expiry warnings', () => {
  const minutes = (n: number) => n * 60_000;
  const days = (n: number) => n * 86_400_000;
  const durations: [number, string][] = [
    [30_000, 'less than a minute'], [minutes(12), '12 min'], [minutes(60), '1 h'], [minutes(72), '1 h 12 min'],
    [days(1), '1 day'], [days(1) + minutes(300), '1 day 5 h'], [days(3) + minutes(30), '3 days'],
  ];
  for (const [ms, words] of durations) it(`${ms} ms → ${words}`, () => assert.equal(humanDuration(ms, english), words));

  const session = (leftMs: number) => status({ credential: { ...credentials.session, loggedInAt: undefined, expiresAt: NOW + leftMs } });
  const token = (leftMs: number) => status({ credential: { ...credentials.bypassGat, expiresAt: NOW + leftMs }, publishingAccess: automation });
  const cases: [string, PublishAuthStatus, string | undefined][] = [
    ['session with 1 h left', session(minutes(60)), undefined],
    ['session with 14 min left', session(minutes(14)), 'Your npm session on registry.npmjs.org ends in 14 min. Log in again to keep publishing.'],
    ['session ended', session(-minutes(3)), 'Your npm session on registry.npmjs.org has ended. Log in again to publish.'],
    ['token with 10 days left', token(days(10)), undefined],
    ['token with 2 days left', token(days(2)), 'The npm token "release" for registry.npmjs.org expires in 2 days. Generate a new one before it runs out.'],
    ['token expired', token(-minutes(1)), 'The npm token "release" for registry.npmjs.org has expired. Generate a new one to publish.'],
    ['session of unknown start', status({ credential: { kind: 'session', username: 'alice' } }), undefined],
  ];
  for (const [name, s, message] of cases) {
    it(`${name} → ${message ? 'warns' : 'no warning'}`, () => {
      const warning = expiryWarning(s, NOW, english);
      assert.equal(warning?.message, message);
      if (warning) {
        assert.equal(expiryWarning(s, NOW + 30_000, english)?.id, warning.id, 'same id while the credential is the same');
        const shown = presentStatus(s, NOW, english);
        assert.match(shown.text, /\$\(watch\)/);
        if (!s.verdict.blocked) assert.equal(shown.severity, 'warning');
      }
    });
  }

  it('says the time left in the tooltip and label', () => {
    assert.match(presentStatus(status(), NOW, english).accessibilityLabel, /Session: 1 h 12 min left\./);
    assert.match(presentStatus(token(days(10)), NOW, english).accessibilityLabel, /The token expires in 10 days\./);
  });
});
