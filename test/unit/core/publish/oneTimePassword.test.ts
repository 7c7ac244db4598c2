// One-time passwords as npm accepts them, before one is sent with a publish.
import * as assert from 'node:assert/strict';
import { checkOneTimePassword, normalizeOneTimePassword } from '../../../../src/core/publish/oneTimePassword';

describe('checkOneTimePassword (as npm accepts codes)', () => {
  const cases: [string, ReturnType<typeof checkOneTimePassword>][] = [
    ['123456', 'ok'], ['123 456', 'ok'], ['12345678', 'ok'], [' 1234567 ', 'ok'], ['a'.repeat(64), 'ok'], ['ABCDEF0123'.repeat(6) + 'abcd', 'ok'],
    ['', 'empty'], ['   ', 'empty'], ['12345', 'invalid'], ['123456789', 'invalid'], ['12a456', 'invalid'], ['a'.repeat(63), 'invalid'], ['g'.repeat(64), 'invalid'],
  ];
  for (const [input, expected] of cases) it(`${JSON.stringify(input)} → ${expected}`, () => assert.equal(checkOneTimePassword(input), expected));
  it('spaces are removed as npm removes them', () => assert.equal(normalizeOneTimePassword(' 123 456 '), '123456'));
});
