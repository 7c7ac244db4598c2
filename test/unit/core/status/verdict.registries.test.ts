// npmjs's rules on other registries: only what the registry's own answers show.
import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/base/localize';
import type { AccountTwoFactor, PublishingAccess, RegistryTarget, VerdictCode } from '../../../../src/core/base/model';
import type { RegistryFamily } from '../../../../src/core/base/registries';
import { decideVerdict } from '../../../../src/core/status/verdict';
import { credentials, input } from '../../fixtures/status';

const registry = (family: RegistryFamily | undefined): RegistryTarget => ({ url: 'http://localhost:4873/', rule: 'registry', nerfDart: '//localhost:4873/', ...(family && { family }) });
const publishMode: PublishingAccess = { state: 'known', mode: 'publish', source: { kind: 'declared' } };

describe('decideVerdict on registries other than npmjs', () => {
  //                  account 2FA →        disabled  unknown   auth-and-writes
  const rows: [keyof typeof credentials, VerdictCode[]][] = [
    ['session', /*                    */ ['ready', 'ready', 'needs-otp']],
    ['basic', /*                      */ ['ready', 'ready', 'needs-otp']],
    ['gat', /*                        */ ['ready', 'ready', 'needs-otp']],
    ['tokenUnknown', /*               */ ['ready', 'ready', 'needs-otp']],
    ['bypassGat', /*                  */ ['ready', 'ready', 'ready']],
  ];
  const columns: AccountTwoFactor[] = ['disabled', 'unknown', 'auth-and-writes'];
  for (const family of ['verdaccio', 'github', 'other', undefined] as const) {
    for (const [credential, expected] of rows) {
      columns.forEach((accountTwoFactor, column) => {
        it(`${family ?? 'unnamed'} · ${credential} · 2FA ${accountTwoFactor} → ${expected[column]}`, () => {
          const verdict = decideVerdict(input({ registry: registry(family), credential: credentials[credential], accountTwoFactor, twoFactorMethod: 'totp' }), english);
          assert.equal(verdict.code, expected[column]);
          assert.doesNotMatch(verdict.reason, /npmjs|npm requires 2FA|publishing access/i);
        });
      });
    }
  }

  it('says the registry shows no 2FA, by name and account', () => {
    const verdict = decideVerdict(input({ registry: registry('verdaccio'), accountTwoFactor: 'disabled' }), english);
    assert.equal(verdict.reason, 'localhost:4873 shows no two-factor authentication for alice, so publishing needs no prompt.');
    assert.equal(verdict.blocked, false);
  });

  it('says when the registry does not show 2FA at all, and that Publish asks if a code is wanted', () => {
    const verdict = decideVerdict(input({ registry: registry('github'), accountTwoFactor: 'unknown' }), english);
    assert.match(verdict.reason, /does not show two-factor authentication for this account.*Publish asks you/);
  });

  it('a challenge the profile shows is named as the registry\'s, not npm login\'s rule', () => {
    const verdict = decideVerdict(input({ registry: registry('other'), accountTwoFactor: 'auth-and-writes', twoFactorMethod: 'totp' }), english);
    assert.match(verdict.reason, /The registry shows two-factor authentication on this account\./);
    assert.doesNotMatch(verdict.reason, /Sessions from npm login/);
  });

  it('a declared "publish" mode does not refuse tokens there (publishing access is an npmjs setting)', () => {
    const verdict = decideVerdict(input({ registry: registry('verdaccio'), credential: credentials.gat, publishingAccess: publishMode, accountTwoFactor: 'disabled' }), english);
    assert.equal(verdict.code, 'ready');
  });

  it('on npmjs the same facts still block (the table did not loosen npmjs)', () => {
    assert.equal(decideVerdict(input({ accountTwoFactor: 'disabled' }), english).code, 'account-without-2fa');
    assert.equal(decideVerdict(input({ credential: credentials.gat, publishingAccess: publishMode }), english).code, 'tokens-disallowed');
  });
});
