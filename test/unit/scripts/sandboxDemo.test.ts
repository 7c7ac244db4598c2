import * as assert from 'node:assert/strict';
import { banner, demoPackages } from '../../../scripts/sandboxDemo';
import { defaultScenario } from '../../registry/scenarios';

describe('the sandbox banner', () => {
  const registry = {
    url: 'http://127.0.0.1:4873/',
    credentials: () => ({ users: defaultScenario.users.map((u) => ({ name: u.name, password: u.password, twoFactor: u.twoFactor })), tokens: [] }),
  } as unknown as Parameters<typeof banner>[0];
  const text = banner(registry, 'http://127.0.0.1:8080/');

  it('says in one line how to move between the cases', () => {
    assert.equal(text.split('\n').filter((line) => /Switch Package…/.test(line) && /open/i.test(line)).length, 1);
  });

  it('lists every demo folder, and says each account\'s 2FA in plain words, not npm\'s terms', () => {
    for (const pkg of demoPackages) assert.match(text, new RegExp(`^  ${pkg.folder} `, 'm'));
    assert.doesNotMatch(text, /auth-and-writes|auth-only/);
    assert.match(text, /alice +password alice-password +2FA for login and publishing/);
  });
});
