// npm's `--json` answers to `npm publish <tarball>` (captured from npm 11.19.1 against the local
// registry) and what the publish flow makes of them.
import * as assert from 'node:assert/strict';
import { classifyUpload, registryWords, type PublishFailureKind, type UploadOutcome } from '../../../../src/core/publish/uploadOutcome';

const npmError = (code: string | undefined, summary: string, extra: Record<string, string> = {}) =>
  JSON.stringify({ error: { ...(code ? { code } : {}), summary, detail: 'npm detail', ...extra } }, null, 2);
const put = (said: string) => `403 Forbidden - PUT http://user:s3cret@127.0.0.1:4999/demo-pkg - ${said}`;

describe('classifyUpload', () => {
  const summary = { id: 'demo-pkg@1.0.7', name: 'demo-pkg', version: '1.0.7', files: [] };
  const successes: [string, string, UploadOutcome][] = [
    ['tarball publish: keyed by name', JSON.stringify({ 'demo-pkg': summary }), { kind: 'published', id: 'demo-pkg@1.0.7' }],
    ['folder publish: bare summary', JSON.stringify(summary), { kind: 'published', id: 'demo-pkg@1.0.7' }],
    ['stage publish: with a stage id', JSON.stringify({ 'demo-pkg': { ...summary, stageId: 'abc-1' } }), { kind: 'staged', id: 'demo-pkg@1.0.7', stageId: 'abc-1' }],
    ['notices before the JSON', `npm notice Publishing\n${JSON.stringify(summary)}`, { kind: 'published', id: 'demo-pkg@1.0.7' }],
    ['no output at all, exit 0', '', { kind: 'published', id: undefined }],
  ];
  for (const [what, stdout, expected] of successes) it(what, () => assert.deepEqual(classifyUpload(0, stdout), expected));

  it('EOTP without URLs is the classic challenge', () => {
    assert.deepEqual(classifyUpload(1, npmError('EOTP', 'This operation requires a one-time password from your authenticator.')), {
      kind: 'challenge', challenge: { form: 'classic' },
    });
  });
  it('EOTP with authUrl and doneUrl is the web challenge', () => {
    const outcome = classifyUpload(1, npmError('EOTP', 'This operation requires a one-time password.', {
      authUrl: 'http://127.0.0.1:4999/-/_web/auth/e22f', doneUrl: 'http://127.0.0.1:4999/-/v1/done?authId=e22f',
    }));
    assert.deepEqual(outcome, { kind: 'challenge', challenge: { form: 'web', authUrl: 'http://127.0.0.1:4999/-/_web/auth/e22f', doneUrl: 'http://127.0.0.1:4999/-/v1/done?authId=e22f' } });
  });
  it('EOTP whose URLs are not http(s) falls back to the classic challenge', () => {
    const outcome = classifyUpload(1, npmError('EOTP', 'x', { authUrl: 'javascript:alert(1)', doneUrl: 'http://127.0.0.1/done' }));
    assert.deepEqual(outcome, { kind: 'challenge', challenge: { form: 'classic' } });
  });

  const failures: [string, string | undefined, string, PublishFailureKind][] = [
    ['no 2FA on the account', 'E403', put('Two-factor authentication or granular access token with bypass 2fa enabled is required to publish packages.'), 'account-without-2fa'],
    ['stage-only token', 'E403', put('E_STAGE_REQUIRED: This token can only stage packages. Use `npm stage publish` and approve the staged version with 2FA.'), 'stage-required'],
    ['tokens disallowed', 'E403', put('Two-factor authentication is required to publish this package but a granular access token was specified'), 'tokens-disallowed'],
    ['the 2023 automation-token wording', 'E403', put('Two-factor authentication is required to publish this package but an automation token was specified'), 'tokens-disallowed'],
    ['read-only token', 'E403', put('This token is read-only and cannot be used to publish packages.'), 'read-only-token'],
    ['version exists (registry)', 'E403', put('You cannot publish over the previously published versions: 1.0.0.'), 'version-exists'],
    ['version exists (npm\'s own check, no code)', undefined, 'You cannot publish over the previously published versions: 1.0.7.', 'version-exists'],
    ['no permission', 'E404', 'Not Found - PUT http://127.0.0.1:4999/demo-pkg - Not found', 'not-found'],
    ['rejected credential', 'E401', '401 Unauthorized - PUT http://127.0.0.1:4999/demo-pkg - Unauthorized', 'credential-rejected'],
    ['no credential', 'ENEEDAUTH', 'This command requires you to be logged in to http://127.0.0.1:4999/', 'not-logged-in'],
    ['conflict', 'E409', '409 Conflict - PUT http://127.0.0.1:4999/demo-pkg - Failed to save packument', 'conflict'],
    ['rate limited', 'E429', '429 Too Many Requests - PUT http://127.0.0.1:4999/demo-pkg - Too many requests', 'rate-limited'],
    ['connection reset mid-upload', 'ECONNRESET', 'request to http://127.0.0.1:4999/demo-pkg failed, reason: socket hang up', 'network'],
    ['prerelease without a tag', undefined, 'You must specify a tag using --tag when publishing a prerelease version.', 'needs-tag'],
    ['anything else', 'E500', '500 Internal Server Error - PUT http://127.0.0.1:4999/demo-pkg - boom', 'other'],
  ];
  for (const [what, code, summaryText, kind] of failures) {
    it(`${what} → ${kind}`, () => {
      const outcome = classifyUpload(1, npmError(code, summaryText));
      assert.equal(outcome.kind, 'failed');
      assert.equal(outcome.kind === 'failed' && outcome.failure.kind, kind);
      // The request line (with its URL, which may hold credentials) never reaches the person.
      assert.ok(outcome.kind === 'failed' && !outcome.failure.said.includes('s3cret'));
    });
  }
  it('a crash with no JSON is a failure that says so', () => {
    assert.deepEqual(classifyUpload(7, 'garbage'), { kind: 'failed', failure: { kind: 'other', npmCode: undefined, said: 'npm exited with code 7 and no message.' } });
  });
  it('registryWords keeps only what the registry said', () => {
    assert.equal(registryWords(put('Nope.')), 'Nope.');
    assert.equal(registryWords('plain words'), 'plain words');
  });
});
