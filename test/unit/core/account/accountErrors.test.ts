// The account actions' pure parts: the token request npm sends, the wizard's checks, the wizard
// runner (Back keeps answers, conditional steps, the counter), 2FA challenge handling and error words.
import * as assert from 'node:assert/strict';
import { classifyAccountError, describeAccountFailure, type AccountFailureKind } from '../../../../src/core/account/accountErrors';
import { english } from '../../../../src/core/base/localize';
import { registerSecret } from '../../../../src/core/base/secrets';

describe('account errors', () => {
  const http = (statusCode: number, body: unknown, headers: Record<string, unknown> = {}, code = `E${statusCode}`) => Object.assign(new Error('x'), { statusCode, body, headers, code });
  const rows: [string, unknown, AccountFailureKind][] = [
    ['wrong password (Basic)', http(401, { error: 'Incorrect or missing password.' }, { 'www-authenticate': ['Basic'] }), 'wrong-password'],
    ['bypass refused', http(403, { error: 'Granular access tokens that bypass two-factor authentication may not perform this action' }), 'bypass-refused'],
    ['a 403 otherwise', http(403, { error: 'Forbidden' }), 'forbidden'],
    ['401 unauthorized', http(401, { error: 'Unauthorized' }), 'unauthorized'],
    ['404', http(404, { error: 'Not found' }), 'not-found'],
    ['400 limits', http(400, { error: 'Write tokens may expire at most 90 days in the future' }), 'invalid-request'],
    ['429', http(429, 'Too many'), 'rate-limited'],
    ['IP refused', http(401, {}, { 'www-authenticate': ['ipaddress'] }, 'EAUTHIP'), 'ip-refused'],
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'network'],
    ['anything else', new Error('boom'), 'other'],
  ];
  for (const [what, error, kind] of rows) it(`classifies ${what}`, () => assert.equal(classifyAccountError(error).kind, kind));

  it('never repeats a secret the registry echoes, and says what to do', () => {
    registerSecret('npm_EchoedSecretToken0123456789abcdefghij');
    const failure = classifyAccountError(http(403, { error: 'token npm_EchoedSecretToken0123456789abcdefghij is not allowed\n[x](command:evil)' }));
    const text = describeAccountFailure(failure, 'set-access', 'registry.npmjs.org', english);
    assert.ok(!text.includes('EchoedSecret'), text);
    assert.ok(!text.includes('\n'));
    assert.match(describeAccountFailure(classifyAccountError(rows[1]![1]), 'create-token', 'h', english), /bypass 2FA.*Log in/);
  });

  it('a 404 on a registry without npmjs\'s routes names the missing setting, not a permission problem', () => {
    const notFound = classifyAccountError(http(404, { error: 'File not found' }));
    assert.match(describeAccountFailure(notFound, 'set-access', 'localhost:4873', english, false), /has no publishing-access setting/);
    assert.doesNotMatch(describeAccountFailure(notFound, 'set-access', 'localhost:4873', english, false), /do not maintain/);
    assert.match(describeAccountFailure(notFound, 'set-access', 'registry.npmjs.org', english), /do not maintain it/);
    const invalid = classifyAccountError(http(400, { error: 'bad' }));
    assert.doesNotMatch(describeAccountFailure(invalid, 'create-token', 'localhost:4873', english, false), /90 days/);
  });
});
