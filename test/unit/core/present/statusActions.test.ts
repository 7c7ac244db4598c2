import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/base/localize';
import type { PublishAuthStatus } from '../../../../src/core/base/model';
import { actionsFor, menuTitle, twoFactorSettingsUrl } from '../../../../src/core/present/statusActions';
import { credentials, input, NOW, status } from '../../fixtures/status';

const automation = { state: 'known', mode: 'automation', source: { kind: 'set-by-extension', at: NOW - 60_000 } } as const;

describe('actionsFor', () => {
  const cases: [string, Partial<PublishAuthStatus>, string[]][] = [
    ['ready', { credential: credentials.bypassGat, publishingAccess: automation }, ['npmPublishAuth.publish', 'npmPublishAuth.login', 'npmPublishAuth.generateToken', 'npmPublishAuth.setPublishingAccess', 'npmPublishAuth.refresh', 'npmPublishAuth.showDetails', 'npmPublishAuth.showLog']],
    ['not logged in', { configuredCredential: { type: 'none' }, credential: undefined }, ['npmPublishAuth.login', 'npmPublishAuth.generateToken', 'npmPublishAuth.refresh', 'npmPublishAuth.showDetails', 'npmPublishAuth.showLog']],
    ['read-only token', { credential: { ...credentials.gat, permission: 'read-only' } }, ['npmPublishAuth.generateToken', 'npmPublishAuth.login', 'npmPublishAuth.setPublishingAccess', 'npmPublishAuth.refresh', 'npmPublishAuth.showDetails', 'npmPublishAuth.showLog']],
    ['version exists', { package: { ...input().package, version: '1.3.0' } }, ['npmPublishAuth.bumpVersion', 'npmPublishAuth.login', 'npmPublishAuth.generateToken', 'npmPublishAuth.setPublishingAccess', 'npmPublishAuth.refresh', 'npmPublishAuth.showDetails', 'npmPublishAuth.showLog']],
    ['not a maintainer', { writeAccess: 'none' }, ['npmPublishAuth.showDetails', 'npmPublishAuth.login', 'npmPublishAuth.generateToken', 'npmPublishAuth.refresh', 'npmPublishAuth.showLog']],
    ['private package', { package: { ...input().package, private: true } }, ['npmPublishAuth.showDetails', 'npmPublishAuth.login', 'npmPublishAuth.generateToken', 'npmPublishAuth.refresh', 'npmPublishAuth.showLog']],
    ['unknown', { credential: undefined, packageFacts: undefined }, ['npmPublishAuth.refresh', 'npmPublishAuth.login', 'npmPublishAuth.generateToken', 'npmPublishAuth.showDetails', 'npmPublishAuth.showLog']],
    ['new package', { packageFacts: { state: 'unpublished' }, writeAccess: 'new-package' }, ['npmPublishAuth.publish', 'npmPublishAuth.login', 'npmPublishAuth.generateToken', 'npmPublishAuth.refresh', 'npmPublishAuth.showDetails', 'npmPublishAuth.showLog']],
  ];
  for (const [name, given, commands] of cases) {
    it(`${name} → ${commands[0]} first`, () => {
      const actions = actionsFor(status(given), english);
      assert.deepEqual(actions.map((a) => a.command), commands);
      for (const action of actions) assert.match(action.label, /^\$\([\w-]+\) \S/);
    });
  }
  it('names the package in the publish action, the reason under the first action', () => {
    const [first, second] = actionsFor(status(), english);
    assert.equal(first!.label, '$(cloud-upload) Publish left-pad@1.4.0');
    assert.equal(first!.detail, 'Publishing will ask for a one-time password from your authenticator app.');
    assert.equal(second!.detail, undefined);
  });
  it('offers "Bump Version…" first when the version exists, the reason\'s first sentence under it', () => {
    const [first] = actionsFor(status({ package: { ...input().package, version: '1.3.0' }, packageFacts: { state: 'published', versions: ['1.3.0', '1.4.0'], latest: '1.4.0', maintainers: ['alice'] } }), english);
    assert.deepEqual(first, { command: 'npmPublishAuth.bumpVersion', label: '$(versions) Bump Version…', detail: 'Version 1.3.0 of left-pad is already published; npm never publishes over a version.' });
  });
  it('names the maintainers when only they can help', () => {
    assert.equal(actionsFor(status({ writeAccess: 'none' }), english)[0]!.description, 'Maintainers: alice');
  });
  it('titles the menu with the package and the verdict', () => {
    assert.equal(menuTitle(status(), english), 'left-pad@1.4.0: Publishing will ask for a one-time password');
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
