// The boundary guards, one table per route: well-formed answers are read as npm reads them, and the
// reasons for odd ones name the field without echoing its value.
import * as assert from 'node:assert/strict';
import { readCollaborators, readPackument, readProfile, readTokenPage, readWhoami } from '../../../../src/core/status/registryAnswers';

const SECRET = 'npm_SecretValueThatMustNotBeEchoed0000000';

describe('registry answers at the boundary', () => {
  it('whoami: a username is read; anything else is not understood', () => {
    assert.deepEqual(readWhoami({ username: 'alice' }), { ok: true, value: { username: 'alice' } });
    for (const odd of [null, [], 'alice', { username: 42 }, { username: '' }, {}]) assert.equal(readWhoami(odd).ok, false, JSON.stringify(odd));
  });

  it('profile: 2FA as `npm profile get` shows it; odd values are not "disabled"', () => {
    const mode = (body: unknown) => { const r = readProfile(body); return r.ok ? r.value.twoFactor : `not understood: ${r.why}`; };
    assert.equal(mode({ tfa: null }), 'disabled');
    assert.equal(mode({ tfa: false }), 'disabled');
    assert.equal(mode({ tfa: { mode: 'auth-only', pending: true } }), 'disabled');
    assert.equal(mode({ tfa: { mode: 'auth-and-writes', pending: false } }), 'auth-and-writes');
    assert.equal(mode({ tfa: { mode: 'passkeys-someday' } }), 'unknown');
    assert.match(mode({ tfa: 'yes' }), /^not understood: "tfa" is neither/);
    assert.match(mode({ name: 'alice' }), /^not understood: "tfa" is missing/);
  });

  it('token list: every item is checked, and a reason never holds the value', () => {
    const item = { token: 'npm_abcd...wxyz', name: 'ci', expiry: null, cidr: null, bypass_2fa: true, permissions: [{ name: 'package', action: 'write' }], scopes: [] };
    const good = readTokenPage({ objects: [item], urls: { next: '/-/npm/v1/tokens?page=1' } });
    assert.deepEqual(good, { ok: true, value: { objects: [item], next: '/-/npm/v1/tokens?page=1' } });
    // Verdaccio ends its list with an empty "next", as npm token list reads it.
    assert.deepEqual(readTokenPage({ objects: [], urls: { next: '' } }), { ok: true, value: { objects: [], next: undefined } });
    assert.equal(readTokenPage({ objects: [], urls: { next: 7 } }).ok, false);
    const odd = readTokenPage({ objects: [item, { ...item, name: SECRET, cidr: SECRET }] });
    assert.equal(odd.ok, false);
    assert.ok(!odd.ok && !odd.why.includes(SECRET) && /token 2 "cidr"/.test(odd.why), !odd.ok ? odd.why : '');
  });

  it('packument: the fields the status reads, with an unpublished package allowed', () => {
    const read = readPackument({
      name: 'p', versions: { '1.0.0': {}, '1.1.0': { _npmUser: { trustedPublisher: { id: 'github' } } } },
      'dist-tags': { latest: '1.1.0' }, maintainers: [{ name: 'alice', email: 'a@x' }], time: { created: '2026-01-01T00:00:00Z' },
    });
    assert.deepEqual(read.ok && read.value, {
      versions: { '1.0.0': {}, '1.1.0': { trustedPublisher: 'github' } }, latest: '1.1.0', maintainers: ['alice'], time: { created: '2026-01-01T00:00:00Z' },
    });
    assert.equal(readPackument({ name: 'p', time: { created: '2020-01-01T00:00:00Z', unpublished: { time: '2021-01-01T00:00:00Z' } } }).ok, true);
    assert.equal(readPackument({ name: 'p', versions: {}, time: { created: 1 } }).ok, false);
  });

  it('collaborators: read/write per name; a list or "nobody" is not understood', () => {
    assert.deepEqual(readCollaborators({ alice: 'write', bob: 'read' }), { ok: true, value: { alice: 'write', bob: 'read' } });
    for (const odd of [[], {}, { alice: 'admin' }, null]) assert.equal(readCollaborators(odd).ok, false, JSON.stringify(odd));
  });
});
