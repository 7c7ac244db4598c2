import * as assert from 'node:assert/strict';
import { english, type Localize } from '../../../../src/core/base/localize';
import type { AccountTwoFactor, CredentialFacts, PublishingAccess, TwoFactorMethod, VerdictCode } from '../../../../src/core/base/model';
import { decideVerdict, type VerdictInput } from '../../../../src/core/status/verdict';
import { credentials, input, NOW } from '../../fixtures/status';

const modes: Record<string, PublishingAccess> = {
  unknown: { state: 'unknown', why: 'npm offers no way to read it.' },
  likely: { state: 'likely-default', mode: 'automation', firstPublished: '2026-01-05T00:00:00Z' },
  none: { state: 'known', mode: 'none', source: { kind: 'declared' } },
  automation: { state: 'known', mode: 'automation', source: { kind: 'set-by-extension', at: NOW - 3_600_000 } },
  publish: { state: 'known', mode: 'publish', source: { kind: 'declared' } },
};

const accounts: Record<string, { accountTwoFactor: AccountTwoFactor; twoFactorMethod?: TwoFactorMethod }> = {
  totp: { accountTwoFactor: 'auth-and-writes', twoFactorMethod: 'totp' },
  passkey: { accountTwoFactor: 'auth-only', twoFactorMethod: 'passkey-only' },
  enabled: { accountTwoFactor: 'auth-and-writes', twoFactorMethod: undefined },
  disabled: { accountTwoFactor: 'disabled', twoFactorMethod: 'unknown' },
  hidden: { accountTwoFactor: 'unknown', twoFactorMethod: 'unknown' },
};

describe('decideVerdict', () => {
  describe('auth matrix: credential × publishing access × account 2FA', () => {
    const otp = 'needs-otp', web = 'needs-browser-approval', tfa = 'needs-2fa', no2fa = 'account-without-2fa';
    const notMode = ['unknown', 'likely', 'none', 'automation'];
    //                                                      totp   passkey enabled disabled hidden
    const matrix: [keyof typeof credentials, string[], VerdictCode[]][] = [
      ['session', [...notMode, 'publish'], /*           */ [otp, web, tfa, no2fa, tfa]],
      ['basic', [...notMode, 'publish'], /*             */ [otp, web, tfa, no2fa, tfa]],
      ['gat', notMode, /*                               */ [otp, web, tfa, no2fa, tfa]],
      ['gat', ['publish'], /*                           */ Array<VerdictCode>(5).fill('tokens-disallowed')],
      ['bypassGat', notMode, /*                         */ Array<VerdictCode>(5).fill('ready')],
      ['bypassGat', ['publish'], /*                     */ Array<VerdictCode>(5).fill('tokens-disallowed')],
      // The token's kind is invisible: it may be a bypass token, so a 2FA-less account does not block.
      ['tokenUnknown', [...notMode, 'publish'], /*      */ [otp, web, tfa, tfa, tfa]],
    ];
    for (const [credential, modeNames, expected] of matrix) {
      for (const mode of modeNames) {
        Object.keys(accounts).forEach((account, column) => {
          it(`${credential} · ${mode} · ${account} → ${expected[column]}`, () => {
            const verdict = decideVerdict(input({ credential: credentials[credential], publishingAccess: modes[mode], ...accounts[account] }), english);
            assert.equal(verdict.code, expected[column]);
          });
        });
      }
    }
  });

  describe('every verdict code, with its reason and fix', () => {
    const cases: { name: string; given: Partial<VerdictInput>; code: VerdictCode; fix?: string; reason: RegExp }[] = [
      { name: 'bypass token under automation', given: { credential: credentials.bypassGat, publishingAccess: modes.automation }, code: 'ready', fix: 'npmPublishAuth.publish', reason: /^The token "release" bypasses 2FA and can write to left-pad: publishing needs no prompt\.$/ },
      { name: 'session, TOTP account', given: {}, code: 'needs-otp', fix: 'npmPublishAuth.publish', reason: /one-time password.*Sessions from npm login always/ },
      { name: 'session, passkey-only account', given: accounts.passkey, code: 'needs-browser-approval', fix: 'npmPublishAuth.publish', reason: /approve it in the browser/ },
      { name: 'session, second factor unknown', given: accounts.enabled, code: 'needs-2fa', fix: 'npmPublishAuth.publish', reason: /registry chooses/ },
      { name: 'nothing configured', given: { configuredCredential: { type: 'none' }, credential: undefined }, code: 'not-logged-in', fix: 'npmPublishAuth.login', reason: /No credential for registry\.npmjs\.org/ },
      { name: 'registry says no credential', given: { credential: { kind: 'none' } }, code: 'not-logged-in', fix: 'npmPublishAuth.login', reason: /Log in/ },
      { name: 'expired or revoked token', given: { credential: { kind: 'invalid', reason: 'expired-or-revoked' } }, code: 'credential-invalid', fix: 'npmPublishAuth.login', reason: /has expired or was revoked/ },
      { name: 'rejected token', given: { credential: { kind: 'invalid', reason: 'rejected' } }, code: 'credential-invalid', fix: 'npmPublishAuth.login', reason: /rejected the configured credential/ },
      { name: 'expired token in a project .npmrc: Log In would not be used, so remove it there',
        given: { credential: { kind: 'invalid', reason: 'expired-or-revoked' }, configuredCredential: { type: 'token', masked: 'npm_abcd...wxyz', source: { layer: 'project', file: '/ws/.npmrc', key: '//registry.npmjs.org/:_authToken', line: 2 } } },
        code: 'credential-invalid', fix: 'npmPublishAuth.removeProjectCredential', reason: /has expired or was revoked.* from line 2 of \/ws\/\.npmrc, ahead of your user \.npmrc/ },
      { name: 'unset ${NPM_TOKEN}', given: { configuredCredential: { type: 'unset-variable', variables: ['NPM_TOKEN'], source: { layer: 'project', file: '/ws/.npmrc', key: '//registry.npmjs.org/:_authToken' } }, credential: undefined }, code: 'credential-invalid', fix: 'npmPublishAuth.showDetails', reason: /\$\{NPM_TOKEN\}, which is not set/ },
      { name: 'not a maintainer', given: { writeAccess: 'read' }, code: 'no-write-access', reason: /alice cannot write to left-pad/ },
      { name: 'token not scoped to the package', given: { credential: { ...credentials.bypassGat, packages: ['other'] } }, code: 'no-write-access', fix: 'npmPublishAuth.generateToken', reason: /not scoped to left-pad/ },
      { name: 'token with no access', given: { credential: { ...credentials.gat, permission: 'no-access' } }, code: 'no-write-access', fix: 'npmPublishAuth.generateToken', reason: /no access/ },
      { name: 'any token under "disallow tokens"', given: { credential: credentials.bypassGat, publishingAccess: modes.publish }, code: 'tokens-disallowed', fix: 'npmPublishAuth.login', reason: /"Require 2FA and disallow tokens"/ },
      { name: 'account without 2FA', given: accounts.disabled, code: 'account-without-2fa', fix: 'npmPublishAuth.setUpTwoFactor', reason: /alice has no two-factor/ },
      { name: 'this version is the registry\'s latest (just published)', given: { package: { ...input().package, version: '1.3.0' } }, code: 'published', fix: 'npmPublishAuth.bumpVersion', reason: /This version is the registry's latest \(left-pad@1\.3\.0\)/ },
      { name: 'an older version already published', given: { package: { ...input().package, version: '1.3.0' }, packageFacts: { state: 'published', versions: ['1.3.0', '1.4.0'], latest: '1.4.0', maintainers: ['alice'] } }, code: 'version-exists', fix: 'npmPublishAuth.bumpVersion', reason: /Version 1\.3\.0 of left-pad is already published/ },
      { name: 'private package', given: { package: { ...input().package, private: true } }, code: 'private-package', reason: /marked "private"/ },
      { name: 'read-only token', given: { credential: { ...credentials.gat, permission: 'read-only' } }, code: 'read-only-token', fix: 'npmPublishAuth.generateToken', reason: /read-only/ },
      { name: 'stage-only token', given: { credential: { ...credentials.bypassGat, permission: 'stage-only' } }, code: 'stage-only-token', fix: 'npmPublishAuth.publish', reason: /can only stage: Publish stages left-pad, and it is released once a maintainer approves it with 2FA/ },
      { name: 'offline before the first answer', given: { credential: undefined, packageFacts: { state: 'unavailable', error: { kind: 'offline', message: 'getaddrinfo ENOTFOUND registry.npmjs.org' } } }, code: 'unknown', fix: 'npmPublishAuth.refresh', reason: /missing: getaddrinfo ENOTFOUND/ },
      { name: 'registry error on the packument', given: { packageFacts: { state: 'unavailable', error: { kind: 'server-error', message: '503 Service Unavailable', status: 503 } } }, code: 'unknown', fix: 'npmPublishAuth.refresh', reason: /503/ },
      { name: 'not asked yet', given: { credential: undefined, packageFacts: undefined }, code: 'unknown', fix: 'npmPublishAuth.refresh', reason: /not been asked yet/ },
      { name: 'registry not resolved', given: { registry: undefined }, code: 'unknown', fix: 'npmPublishAuth.refresh', reason: /could not be resolved/ },
      { name: 'package.json mid-edit', given: { package: { ...input().package, name: undefined, parseError: 'Unexpected token } in JSON at position 42' } }, code: 'unknown', reason: /does not parse: Unexpected token/ },
      { name: 'a name npm refuses', given: { package: { ...input().package, name: 'probe pkg', invalid: 'Invalid name: "probe pkg"' } }, code: 'invalid-manifest', reason: /^npm refuses this package\.json: Invalid name: "probe pkg"$/ },
      { name: 'a version npm refuses, even when private', given: { package: { ...input().package, version: '1.0', private: true, invalid: 'Invalid version: "1.0"' } }, code: 'invalid-manifest', reason: /Invalid version: "1\.0"/ },
      { name: 'credential withheld: plain HTTP to another host', given: { transportRisk: { kind: 'plain-http', host: 'registry.npmjs.org' }, credential: { kind: 'none' } }, code: 'insecure-transport', fix: 'npmPublishAuth.openConfigSource', reason: /^npm would send your credential to registry\.npmjs\.org over plain HTTP.*it was not sent/ },
      { name: 'credential withheld: the repository weakens TLS', given: { transportRisk: { kind: 'weakened-tls', setting: 'strict-ssl' }, credential: { kind: 'none' } }, code: 'insecure-transport', fix: 'npmPublishAuth.openConfigSource', reason: /weakens the TLS checks for registry\.npmjs\.org \(strict-ssl=false\)/ },
      { name: 'a withheld credential still loses to a version that exists', given: { transportRisk: { kind: 'plain-http', host: 'registry.npmjs.org' }, package: { ...input().package, version: '1.3.0' }, packageFacts: { state: 'published', versions: ['1.3.0', '1.4.0'], latest: '1.4.0', maintainers: ['alice'] } }, code: 'version-exists', fix: 'npmPublishAuth.bumpVersion', reason: /already published/ },
      { name: 'package.json without a version', given: { package: { ...input().package, version: undefined } }, code: 'unknown', reason: /no "version"/ },
    ];
    for (const c of cases) {
      it(`${c.name} → ${c.code}`, () => {
        const verdict = decideVerdict(input(c.given), english);
        assert.equal(verdict.code, c.code);
        assert.match(verdict.reason, c.reason);
        assert.equal(verdict.fix?.command, c.fix);
        assert.equal(verdict.blocked, !['ready', 'needs-otp', 'needs-browser-approval', 'needs-2fa', 'stage-only-token'].includes(c.code));
      });
    }

    it('covers every VerdictCode', () => {
      const all: Record<VerdictCode, true> = {
        'ready': true, 'needs-otp': true, 'needs-browser-approval': true, 'needs-2fa': true, 'not-logged-in': true,
        'credential-invalid': true, 'no-write-access': true, 'tokens-disallowed': true, 'account-without-2fa': true,
        'published': true, 'version-exists': true, 'private-package': true, 'read-only-token': true, 'stage-only-token': true, 'invalid-manifest': true, 'insecure-transport': true, 'unknown': true,
      };
      assert.deepEqual(new Set(cases.map((c) => c.code)), new Set(Object.keys(all)));
    });
  });

  describe('honest caveats', () => {
    it('a bypass token under an unknown mode is ready, but says "disallow tokens" would refuse it', () => {
      const verdict = decideVerdict(input({ credential: credentials.bypassGat }), english);
      assert.equal(verdict.code, 'ready');
      assert.match(verdict.reason, /npm does not reveal this package's publishing access: if it is "Require 2FA and disallow tokens", the registry will refuse this token\./);
    });
    it('a likely default says it is only probable', () => {
      const verdict = decideVerdict(input({ credential: credentials.bypassGat, publishingAccess: modes.likely }), english);
      assert.match(verdict.reason, /probably npm's default/);
    });
    it('a known mode needs no caveat', () => {
      const verdict = decideVerdict(input({ credential: credentials.bypassGat, publishingAccess: modes.automation }), english);
      assert.doesNotMatch(verdict.reason, /refuse/);
    });
    it('a new package gets the default mode, so a bypass token is simply ready', () => {
      const verdict = decideVerdict(input({ credential: credentials.bypassGat, packageFacts: { state: 'unpublished' }, writeAccess: 'new-package' }), english);
      assert.equal(verdict.code, 'ready');
      assert.doesNotMatch(verdict.reason, /refuse/);
    });
    it('unchecked write access is said, not assumed', () => {
      assert.match(decideVerdict(input({ writeAccess: 'unknown' }), english).reason, /write access to left-pad could not be checked/);
    });
    it('a non-bypass token under an unknown mode also carries the caveat', () => {
      assert.match(decideVerdict(input({ credential: credentials.gat }), english).reason, /will refuse this token/);
    });
  });

  describe('precedence', () => {
    const pkg = input().package;
    const cases: [string, Partial<VerdictInput>, VerdictCode][] = [
      ['private beats everything, even not logged in and offline', { package: { ...pkg, private: true }, configuredCredential: { type: 'none' }, packageFacts: undefined }, 'private-package'],
      ['version-exists beats not-logged-in (no login changes it)', { package: { ...pkg, version: '1.3.0' }, packageFacts: { state: 'published', versions: ['1.3.0', '1.4.0'], latest: '1.4.0', maintainers: ['alice'] }, configuredCredential: { type: 'none' }, credential: undefined }, 'version-exists'],
      ['published beats not-logged-in (a bump comes first)', { package: { ...pkg, version: '1.3.0' }, configuredCredential: { type: 'none' }, credential: undefined }, 'published'],
      ['not-logged-in holds offline (config alone says so)', { configuredCredential: { type: 'none' }, credential: undefined, packageFacts: { state: 'unavailable', error: { kind: 'offline', message: 'offline' } } }, 'not-logged-in'],
      ['credential-invalid beats missing package facts', { credential: { kind: 'invalid', reason: 'expired-or-revoked' }, packageFacts: undefined }, 'credential-invalid'],
      ['the user\'s own missing write access beats a token problem', { writeAccess: 'none', credential: { ...credentials.gat, permission: 'read-only' } }, 'no-write-access'],
      ['read-only beats disallow tokens', { credential: { ...credentials.gat, permission: 'read-only' }, publishingAccess: modes.publish }, 'read-only-token'],
      ['tokens-disallowed beats a 2FA-less account', { credential: credentials.gat, publishingAccess: modes.publish, ...accounts.disabled }, 'tokens-disallowed'],
      ['a bypass token is exempt from the account\'s 2FA', { credential: credentials.bypassGat, ...accounts.disabled }, 'ready'],
    ];
    for (const [name, given, code] of cases) {
      it(name, () => assert.equal(decideVerdict(input(given), english).code, code));
    }
  });

  describe('token scope', () => {
    const cases: [string, Partial<CredentialFacts & { kind: 'granular' }>, string, boolean][] = [
      ['listed package', { packages: ['left-pad'] }, 'left-pad', true],
      ['all packages', { packages: [], allPackages: true }, 'left-pad', true],
      ['scope with @', { packages: [], scopes: ['@acme'] }, '@acme/tool', true],
      ['scope without @', { packages: [], scopes: ['acme'] }, '@acme/tool', true],
      ['another scope', { packages: [], scopes: ['@other'] }, '@acme/tool', false],
      ['unscoped name vs scope list', { packages: [], scopes: ['@acme'] }, 'left-pad', false],
      ['another package', { packages: ['right-pad'] }, 'left-pad', false],
    ];
    for (const [name, token, packageName, covered] of cases) {
      it(`${name} → ${covered ? 'covered' : 'no-write-access'}`, () => {
        const verdict = decideVerdict(input({
          credential: { ...credentials.bypassGat, ...token } as CredentialFacts,
          package: { ...input().package, name: packageName },
          publishingAccess: modes.automation,
        }), english);
        assert.equal(verdict.code, covered ? 'ready' : 'no-write-access');
      });
    }
  });

  it('routes every sentence through localize', () => {
    const marked: Localize = (message, ...args) => `«${english(message, ...args)}»`;
    for (const given of [{}, { credential: credentials.bypassGat }, { configuredCredential: { type: 'none' as const } }]) {
      const verdict = decideVerdict(input(given), marked);
      for (const sentence of verdict.reason.split('» «')) assert.match(sentence.replace(/^«|»$/g, ''), /\S/);
      assert.match(verdict.reason, /^«.*»$/);
      assert.match(verdict.fix?.title ?? '«»', /^«.*»$/);
    }
  });
});
