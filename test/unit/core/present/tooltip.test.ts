import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/base/localize';
import type { PublishAuthStatus } from '../../../../src/core/base/model';
import { accountTwoFactorPhrase, packagePhrase, tooltipSections, trustPhrase, whoPhrase } from '../../../../src/core/present/tooltip';
import { credentials, input, NOW, status } from '../../fixtures/status';

const lines = (s: PublishAuthStatus) => tooltipSections(s, NOW, english).flatMap((section) => section.lines);

describe('tooltip: the glance in plain words', () => {
  it('a whole tooltip, verdict first', () => {
    assert.deepEqual(lines(status()), [
      '$(key) **Publishing will ask for a one-time password**',
      'Publishing will ask for a one-time password from your authenticator app. Sessions from npm login always meet a 2FA challenge. → [Publish](command:npmPublishAuth.publish)',
      'Package: **left-pad\\@1.4.0** · not published yet · latest 1.3.0',
      '$(watch) Who: alice · session from npm login · 1 h 12 min left',
      'Account: 2FA for login and publishing, with an authenticator app',
      '$(package) Publishing access: Unknown · npm does not reveal it · [Set](command:npmPublishAuth.setPublishingAccess)',
      'Verdict checked just now · [Refresh](command:npmPublishAuth.refresh) · [Show Details](command:npmPublishAuth.showDetails)',
    ]);
  });

  const who: [string, Partial<PublishAuthStatus>, string][] = [
    ['session', {}, 'alice · session from npm login · 1 h 12 min left'],
    ['session of unknown start', { credential: { kind: 'session', username: 'alice' } }, 'alice · session from npm login · lasts 2 h from login'],
    ['session ended', { credential: { kind: 'session', username: 'alice', expiresAt: NOW - 180_000 } }, 'alice · session from npm login · ended 3 min ago'],
    // A login token on Verdaccio: its lifetime is the registry's own, not npmjs's 2 hours.
    ['login token on Verdaccio', { registry: { url: 'http://localhost:4873/', rule: 'registry', nerfDart: '//localhost:4873/', family: 'verdaccio' } }, 'alice · token from npm login'],
    ['bypass token', { credential: credentials.bypassGat }, 'alice · token "release" (bypass 2FA) · expires in 10 days'],
    ['read-only token', { credential: { ...credentials.gat, permission: 'read-only' } }, 'alice · token "ci" (read-only) · expires in 10 days'],
    ['token of unknown kind', { credential: credentials.tokenUnknown }, 'alice · a token of unknown kind'],
    ['not logged in', { configuredCredential: { type: 'none' }, credential: undefined }, 'not logged in'],
    ['expired token', { credential: { kind: 'invalid', reason: 'expired-or-revoked' } }, 'a credential that expired or was revoked'],
    ['unset variable', { configuredCredential: { type: 'unset-variable', variables: ['NPM_TOKEN'], source: { layer: 'user', key: 'k' } } }, 'nobody: the credential needs ${NPM_TOKEN}, which is not set'],
    ['unreadable config', { configuredCredential: { type: 'none', unreadable: ['/home/u/.npmrc'] } }, 'unknown: an npm config file cannot be read'],
  ];
  for (const [what, given, expected] of who) it(`who: ${what}`, () => assert.equal(whoPhrase(status(given), NOW, english), expected));

  const accounts: [Partial<PublishAuthStatus>, string | undefined][] = [
    [{ accountTwoFactor: 'auth-and-writes', twoFactorMethod: 'totp' }, '2FA for login and publishing, with an authenticator app'],
    [{ accountTwoFactor: 'auth-only', twoFactorMethod: 'passkey-only' }, '2FA for login only, with passkeys'],
    [{ accountTwoFactor: 'auth-and-writes', twoFactorMethod: undefined }, '2FA for login and publishing'],
    [{ accountTwoFactor: 'disabled' }, 'no 2FA'],
    [{ accountTwoFactor: 'unknown' }, undefined],
  ];
  for (const [given, expected] of accounts) {
    it(`account: ${given.accountTwoFactor} → ${expected}`, () => {
      assert.equal(accountTwoFactorPhrase(status(given), english), expected);
      assert.doesNotMatch(lines(status(given)).join('\n'), /auth-and-writes|auth-only/, 'npm\'s term stays in the details');
    });
  }

  const packages: [string, Partial<PublishAuthStatus>, string][] = [
    ['new', { packageFacts: { state: 'unpublished' } }, '**left-pad\\@1.4.0** · new: the first publish creates it'],
    ['private', { package: { ...input().package, private: true } }, '**left-pad\\@1.4.0** · private'],
    ['mid-edit', { package: { ...input().package, parseError: 'Unexpected end of JSON input' } }, '**left-pad\\@1.4.0** · not published yet · latest 1.3.0 · package.json does not parse: Unexpected end of JSON input'],
    ['nameless', { package: { ...input().package, name: undefined, version: undefined } }, '**package.json without a name** · published · latest 1.3.0'],
    ['this version is the latest', { package: { ...input().package, version: '1.3.0' } }, '**left-pad\\@1.3.0** · published, the latest version'],
    ['an older version, published', { package: { ...input().package, version: '1.2.0' }, packageFacts: { state: 'published', versions: ['1.2.0', '1.3.0'], latest: '1.3.0', maintainers: [] } }, '**left-pad\\@1.2.0** · published · latest 1.3.0'],
  ];
  for (const [what, given, expected] of packages) it(`package: ${what}`, () => assert.equal(packagePhrase(status(given), english), expected));

  it('names the registry only when it is not the public one', () => {
    assert.ok(!lines(status()).some((l) => l.startsWith('Registry:')));
    const scoped = status({ registry: { url: 'https://npm.acme.dev/', rule: 'scope-registry', nerfDart: '//npm.acme.dev/' } });
    assert.ok(lines(scoped).includes('Registry: npm.acme.dev'));
  });

  it('counts config problems and leaves them to the details', () => {
    const shown = lines(status({ configProblems: ['/home/u/.npmrc: cannot read', 'x'] }));
    assert.ok(shown.includes('$(warning) 2 problems in the npm config: see details.'));
  });

  it('trusted publishing: what was read or set here, else the packument\'s evidence, else nothing', () => {
    const config = { id: 'c1', provider: 'github', repository: 'owner/repo', file: 'publish.yml', environment: 'npm', permissions: { publish: true, stage: false } };
    const read = status({ trustedPublishing: { state: 'configured', config, at: NOW - 120_000, how: 'read' } });
    assert.ok(lines(read).includes('$(verified) Trusted publishing: GitHub Actions · owner/repo · publish.yml · environment npm · allows npm publish · read 2 min ago'));
    assert.equal(trustPhrase(status({ trustedPublishing: { state: 'none', at: NOW, how: 'revoked' } }), NOW, english), 'none configured · revoked here just now');
    const evidence = status({ packageFacts: { state: 'published', versions: ['1.3.0'], latest: '1.3.0', maintainers: [], trustedPublisher: { version: '1.3.0', provider: 'github' } } });
    assert.equal(trustPhrase(evidence, NOW, english), '1.3.0 was published from GitHub Actions');
    assert.ok(!lines(status()).some((l) => l.includes('Trusted publishing:')));
  });
});
