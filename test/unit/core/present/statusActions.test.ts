import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/base/localize';
import type { PublishAuthStatus } from '../../../../src/core/base/model';
import { actionsFor, menuTitle, twoFactorSettingsUrl } from '../../../../src/core/present/statusActions';
import { credentials, input, NOW, status } from '../../fixtures/status';

const automation = { state: 'known', mode: 'automation', source: { kind: 'set-by-extension', at: NOW - 60_000 } } as const;

describe('actionsFor', () => {
  const S = 'npmPublishAuth.';
  const cases: [string, Partial<PublishAuthStatus>, string[]][] = [
    ['ready', { credential: credentials.bypassGat, publishingAccess: automation }, ['publish', 'login', 'logout', 'generateToken', 'setPublishingAccess', 'setUpTrustedPublishing', 'refresh', 'showDetails', 'showLog']],
    ['not logged in: no Log Out, no Generate Token (it needs a credential)', { configuredCredential: { type: 'none' }, credential: undefined }, ['login', 'refresh', 'showDetails', 'showLog']],
    ['an invalid token: Log Out removes it, Generate Token cannot run', { credential: { kind: 'invalid', reason: 'expired-or-revoked' } }, ['login', 'logout', 'refresh', 'showDetails', 'showLog']],
    ['read-only token', { credential: { ...credentials.gat, permission: 'read-only' } }, ['generateToken', 'login', 'logout', 'setPublishingAccess', 'setUpTrustedPublishing', 'refresh', 'showDetails', 'showLog']],
    ['version exists', { package: { ...input().package, version: '1.3.0' } }, ['bumpVersion', 'login', 'logout', 'generateToken', 'setPublishingAccess', 'setUpTrustedPublishing', 'refresh', 'showDetails', 'showLog']],
    ['not a maintainer', { writeAccess: 'none' }, ['showDetails', 'login', 'logout', 'generateToken', 'refresh', 'showLog']],
    ['private package', { package: { ...input().package, private: true } }, ['showDetails', 'login', 'logout', 'generateToken', 'refresh', 'showLog']],
    ['unknown', { credential: undefined, packageFacts: undefined }, ['refresh', 'login', 'logout', 'generateToken', 'showDetails', 'showLog']],
    ['new package', { packageFacts: { state: 'unpublished' }, writeAccess: 'new-package' }, ['publish', 'login', 'logout', 'generateToken', 'refresh', 'showDetails', 'showLog']],
    ['a project token hides the user .npmrc: no Log In or Generate Token, which would not be used',
      { credential: { kind: 'invalid', reason: 'expired-or-revoked' }, verdict: { code: 'credential-invalid', blocked: true, reason: 'x', fix: { command: 'npmPublishAuth.removeProjectCredential', title: 'Remove Project Credential…' } } },
      ['removeProjectCredential', 'logout', 'refresh', 'showDetails', 'showLog']],
  ];
  for (const [name, given, commands] of cases) {
    it(`${name} → ${commands[0]} first`, () => {
      const actions = actionsFor(status(given), english);
      assert.deepEqual(actions.map((a) => a.command), commands.map((c) => S + c));
      for (const action of actions) assert.match(action.label, /^\$\([\w-]+\) \S/);
    });
  }
  it('says the verdict nowhere in the rows (the title has it): the publish row says what it will meet', () => {
    const [first, second] = actionsFor(status(), english);
    assert.deepEqual(first, { command: 'npmPublishAuth.publish', label: '$(cloud-upload) Publish left-pad@1.4.0', description: 'asks for a one-time password' });
    assert.deepEqual(second, { command: 'npmPublishAuth.login', label: '$(sign-in) Log In', description: 'as another account on registry.npmjs.org' });
  });
  it('trusted publishing: Set Up where npm can configure it, Show once a trusted publisher is known, nothing off npmjs', () => {
    const trust = (given: Partial<PublishAuthStatus>) => actionsFor(status(given), english).filter((a) => /TrustedPublish/.test(a.command));
    assert.deepEqual(trust({}), [{ command: 'npmPublishAuth.setUpTrustedPublishing', label: '$(verified) Set Up Trusted Publishing…', description: 'publish from CI without a token' }]);
    const config = { id: 'c1', provider: 'github', repository: 'owner/repo', file: 'publish.yml', permissions: { publish: true, stage: false } };
    assert.deepEqual(trust({ trustedPublishing: { state: 'configured', config, at: NOW, how: 'read' } }), [{
      command: 'npmPublishAuth.showTrustedPublishing', label: '$(verified) Show Trusted Publisher', description: 'GitHub Actions · owner/repo',
    }]);
    assert.deepEqual(trust({ registry: { ...status().registry!, family: 'verdaccio' } }), []);
    assert.deepEqual(trust({ packageFacts: { state: 'unpublished' }, writeAccess: 'new-package' }), []);
  });
  it('a stage-only token: the row stages', () => {
    const [first] = actionsFor(status({ credential: { ...credentials.gat, permission: 'stage-only' } }), english);
    assert.deepEqual(first, { command: 'npmPublishAuth.publish', label: '$(cloud-upload) Stage left-pad@1.4.0', description: 'released once a maintainer approves' });
  });
  it('offers "Bump Version…" first when the version exists', () => {
    const [first] = actionsFor(status({ package: { ...input().package, version: '1.3.0' }, packageFacts: { state: 'published', versions: ['1.3.0', '1.4.0'], latest: '1.4.0', maintainers: ['alice'] } }), english);
    assert.deepEqual(first, { command: 'npmPublishAuth.bumpVersion', label: '$(versions) Bump Version…' });
  });
  it('Log Out names the account', () => {
    assert.equal(actionsFor(status(), english).find((a) => a.command === 'npmPublishAuth.logout')?.description, 'alice on registry.npmjs.org');
  });
  it('names the maintainers when only they can help', () => {
    assert.equal(actionsFor(status({ writeAccess: 'none' }), english)[0]!.description, 'Maintainers: alice');
  });
  it('titles the menu with the package and the verdict', () => {
    assert.equal(menuTitle(status(), english), 'left-pad@1.4.0: Publishing will ask for a one-time password');
  });
  it('keeps every row short enough for one line of the menu at 1280×720', () => {
    const states = cases.map(([, given]) => status(given));
    for (const action of states.flatMap((s) => actionsFor(s, english))) assert.ok(`${action.label} ${action.description ?? ''}`.length <= 70, action.label);
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
