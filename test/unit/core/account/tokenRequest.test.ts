// The account actions' pure parts: the token request npm sends, the wizard's checks, the wizard
// runner (Back keeps answers, conditional steps, the counter), 2FA challenge handling and error words.
import * as assert from 'node:assert/strict';
import {
  checkCidrs, checkExpiryDays, checkPackagesAndScopes, checkTokenName, suggestTokenName, tokenBody, tokenSummary,
  unappliedRestrictions, unappliedSentence, type TokenRequest,
} from '../../../../src/core/account/tokenRequest';
import { english } from '../../../../src/core/base/localize';

describe('token request', () => {
  it('sends the body npm token create sends, keys in npm\'s order, only what is set', () => {
    const body = tokenBody({ name: 'ci', permission: 'read-write', packagesAndScopes: ['@alice/foo', 'bar', '@alice'], expiresDays: 30, bypass2fa: true, cidr: ['10.0.0.0/8'] }, 'hunter2');
    assert.equal(JSON.stringify(body), '{"name":"ci","password":"hunter2","packages":["@alice/foo","bar"],"scopes":["@alice"],"packages_and_scopes_permission":"read-write","expires":30,"cidr_whitelist":["10.0.0.0/8"],"bypass_2fa":true}');
    assert.deepEqual(Object.keys(tokenBody({ name: 'r', permission: 'read-only', packagesAndScopes: ['@s'], expiresDays: 7, bypass2fa: false, cidr: [] }, 'p')),
      ['name', 'password', 'scopes', 'packages_and_scopes_permission', 'expires']);
  });

  it('suggests a name from the package and the day', () => {
    assert.equal(suggestTokenName('@acme/lib', new Date('2026-11-29T10:00:00Z')), 'acme-lib-2026-11-29');
    assert.equal(suggestTokenName(undefined, new Date('2026-11-29T10:00:00Z')), 'npm-2026-11-29');
  });

  const checks: [string, () => string | undefined, boolean][] = [
    ['name ok', () => checkTokenName('ci token', english), true],
    ['name empty', () => checkTokenName('  ', english), false],
    ['name with a newline', () => checkTokenName('a\nb', english), false],
    ['packages ok', () => checkPackagesAndScopes('demo-pkg, @alice/tools @alice', english), true],
    ['packages empty', () => checkPackagesAndScopes(' , ', english), false],
    ['a capitalised name (old packages only) is accepted', () => checkPackagesAndScopes('JSONStream', english), true],
    ['an invalid name', () => checkPackagesAndScopes('demo-pkg .hidden', english), false],
    ['an invalid scope', () => checkPackagesAndScopes('@Bad', english), false],
    ['special characters npm no longer allows', () => checkPackagesAndScopes('demo-pkg, Bad Name!', english), false],
    ['a core module name npm no longer allows', () => checkPackagesAndScopes('http', english), false],
    ['51 packages', () => checkPackagesAndScopes(Array.from({ length: 51 }, (_, i) => `p${i}`).join(' '), english), false],
    ['7 days write', () => checkExpiryDays('7', 'read-write', english), true],
    ['90 days write', () => checkExpiryDays('90', 'read-write', english), true],
    ['91 days write', () => checkExpiryDays('91', 'read-write', english), false],
    ['91 days read-only', () => checkExpiryDays('91', 'read-only', english), true],
    ['0 days', () => checkExpiryDays('0', 'read-only', english), false],
    ['1.5 days', () => checkExpiryDays('1.5', 'read-only', english), false],
    ['no CIDR', () => checkCidrs('', english), true],
    ['IPv4 and IPv6 CIDRs', () => checkCidrs('10.0.0.0/8, 192.0.2.1/32 2001:db8::/32 ::1/128', english), true],
    ['an address without a prefix', () => checkCidrs('10.0.0.1', english), false],
    ['an IPv4 prefix over 32', () => checkCidrs('10.0.0.0/33', english), false],
    ['an octet over 255', () => checkCidrs('10.0.0.256/8', english), false],
    ['two :: in IPv6', () => checkCidrs('2001::db8::/32', english), false],
  ];
  for (const [what, check, ok] of checks) {
    it(`check: ${what}`, () => assert.equal(check() === undefined, ok, check()));
  }
});

describe('tokenSummary', () => {
  const request = { name: 'ci', permission: 'read-write', packagesAndScopes: ['demo-pkg', '@alice'], expiresDays: 30, bypass2fa: false, cidr: [] } as const;
  it('says what the token will be, one line each', () => {
    assert.deepEqual(tokenSummary({ ...request, packagesAndScopes: [...request.packagesAndScopes], cidr: [] }, 'registry.npmjs.org', english), {
      message: 'Create token "ci" on registry.npmjs.org?',
      detail: 'Permission: read and write\nPackages and scopes: demo-pkg, @alice\nExpires in 30 days\nAllowed IP ranges: any\nPublishing with it asks for 2FA.',
    });
  });
  it('a bypass-2FA token lists each risk on its own line', () => {
    const { detail } = tokenSummary({ ...request, packagesAndScopes: ['demo-pkg'], cidr: ['10.0.0.0/8'], bypass2fa: true }, 'registry.npmjs.org', english);
    const lines = detail.split('\n');
    assert.ok(lines.includes('Allowed IP ranges: 10.0.0.0/8'));
    assert.deepEqual(lines.slice(lines.indexOf('Bypasses 2FA when publishing. That means:') + 1).map((line) => line.slice(0, 30)), [
      '• anyone holding the token can',
      '• packages set to "disallow to',
      '• it may not create or delete ',
      '• npm plans to end direct publ',
    ]);
  });
  it('a read-only token says nothing of publishing', () => {
    assert.doesNotMatch(tokenSummary({ ...request, packagesAndScopes: ['x'], cidr: [], permission: 'read-only' }, 'h', english).detail, /2FA/);
  });
});

describe('what the registry did not apply to a new token', () => {
  const asked: TokenRequest = { name: 'ci', permission: 'read-only', packagesAndScopes: ['demo-pkg', '@alice'], expiresDays: 7, bypass2fa: false, cidr: ['127.0.0.0/8'] };
  const npmAnswer = {
    key: 'k', expires: '2026-12-09T00:00:00.000Z', cidr_whitelist: ['127.0.0.0/8'],
    permissions: [{ name: 'package', action: 'read' }], scopes: [{ name: 'demo-pkg', type: 'package' }, { name: '@alice', type: 'scope' }],
  };
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['npm\'s answer: everything applied', npmAnswer, []],
    ['npm\'s answer without a package', { ...npmAnswer, scopes: [{ name: 'demo-pkg', type: 'package' }] }, ['packages']],
    ['npm\'s answer naming the scope without "@"', { ...npmAnswer, scopes: [{ name: 'demo-pkg', type: 'package' }, { name: 'alice', type: 'scope' }] }, []],
    ['an answer without "expires"', { ...npmAnswer, expires: undefined }, ['expiry']],
    ['an answer that does not list scopes: not claimed', { key: 'k', expires: npmAnswer.expires, cidr_whitelist: ['127.0.0.0/8'] }, []],
    // Verdaccio 6.8.0's answer, as the real server sends it.
    ['Verdaccio\'s classic token', { user: 'alice', key: 'k', cidr: ['127.0.0.0/8'], readonly: false, created: '2026-12-02T16:15:49.569Z' }, ['expiry', 'packages', 'permission']],
    ['Verdaccio, read-only honoured', { user: 'alice', key: 'k', cidr: ['127.0.0.0/8'], readonly: true }, ['expiry', 'packages']],
    ['IP ranges dropped', { ...npmAnswer, cidr_whitelist: [] }, ['cidr']],
  ];
  for (const [what, answer, expected] of cases) {
    it(what, () => assert.deepEqual(unappliedRestrictions(asked, answer), expected));
  }
  it('says which, by the registry\'s name, in one sentence', () => {
    assert.equal(unappliedSentence([], 'h', english), undefined);
    assert.equal(unappliedSentence(['expiry', 'packages'], 'localhost:4873', english),
      'localhost:4873 did not apply the expiry (it may never expire), the package and scope limits (it works for every package you can write).');
  });
});
