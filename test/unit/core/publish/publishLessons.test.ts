// What a finished publish teaches the status (src/core/publish/publishLessons.ts): one row per answer,
// refusals read from npm's own `--json` words as the publish flow reads them.
import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/base/localize';
import type { CredentialFacts } from '../../../../src/core/base/model';
import { whatPublishTeaches, type PublishLessons } from '../../../../src/core/publish/publishLessons';
import type { PublishResult } from '../../../../src/core/publish/publishRunner';
import { classifyUpload } from '../../../../src/core/publish/uploadOutcome';
import { credentials, NOW } from '../../fixtures/status';

/** A refused upload, classified from npm's JSON error as publishPackage classifies it. */
function refused(code: string | undefined, summary: string): PublishResult {
  const outcome = classifyUpload(1, JSON.stringify({ error: { ...(code ? { code } : {}), summary } }));
  assert.equal(outcome.kind, 'failed');
  return { kind: 'failed', failure: (outcome as Extract<typeof outcome, { kind: 'failed' }>).failure, uploadStarted: true };
}
const put = (said: string) => `403 Forbidden - PUT http://127.0.0.1:4999/demo-pkg - ${said}`;
const tokensDisallowed = put('Two-factor authentication is required to publish this package but a granular access token was specified');
const disallowed = { publishingAccess: { mode: 'publish', what: 'a publish with a granular token was refused: tokens disallowed (403)', at: NOW } } as const;
const bypassRefused = { publishingAccess: { mode: 'publish', what: 'a publish with a bypass-2FA token was refused (403)', at: NOW } } as const;
const totp = { twoFactorMethod: { username: 'alice', method: 'totp' } } as const;
const gaveUp: PublishResult = { kind: 'failed', uploadStarted: true, failure: { kind: 'other', said: 'The registry asked for a second factor 6 times in a row.' } };

describe('whatPublishTeaches', () => {
  const cases: [string, CredentialFacts | undefined, PublishResult, PublishLessons][] = [
    // publishing access
    ['bypass token refused with 403', credentials.bypassGat, refused('E403', put('Forbidden')), bypassRefused],
    ['bypass token refused for a duplicate version', credentials.bypassGat, refused('E403', put('You cannot publish over the previously published versions: 1.0.0.')), {}],
    ['bypass token refused as read-only', credentials.bypassGat, refused('E403', put('This token is read-only and cannot be used to publish packages.')), {}],
    ['bypass token refused with a 500', credentials.bypassGat, refused('E500', '500 Internal Server Error - PUT http://127.0.0.1:4999/demo-pkg - boom'), {}],
    ['bypass token refused with "tokens disallowed"', credentials.bypassGat, refused('E403', tokensDisallowed), disallowed],
    ['the 2023 automation-token wording', credentials.bypassGat, refused('E403', put('Two-factor authentication is required to publish this package but an automation token was specified')), disallowed],
    ['non-bypass token refused with "tokens disallowed": the words decide', credentials.gat, refused('E403', tokensDisallowed), disallowed],
    ['non-bypass token refused', credentials.gat, refused('E403', put('Forbidden')), {}],
    ['session refused (401)', credentials.session, refused('E401', '401 Unauthorized - PUT http://127.0.0.1:4999/demo-pkg - Unauthorized'), {}],
    ['session challenged until the loop gave up', credentials.session, gaveUp, {}],
    ['bypass token succeeded (automation and none look alike)', credentials.bypassGat, { kind: 'published', id: 'demo-pkg@1.0.0' }, {}],
    // the account's 2FA method
    ['an accepted typed code: an authenticator app', credentials.session, { kind: 'published', id: 'demo-pkg@1.0.0', secondFactor: 'typed' }, totp],
    ['an accepted typed code, publish scripts failing after', credentials.session, { kind: 'published', secondFactor: 'typed', scriptFailed: 'postpublish' }, totp],
    ['browser approval: a TOTP user may approve too', credentials.session, { kind: 'published', secondFactor: 'browser' }, {}],
    ['a typed code with a credential naming no user', { kind: 'none' }, { kind: 'published', secondFactor: 'typed' }, {}],
    ['a typed code, credential unknown', undefined, { kind: 'published', secondFactor: 'typed' }, {}],
    // nothing to learn
    ['staged', credentials.session, { kind: 'staged', stageId: 'abc-1' }, {}],
    ['cancelled', credentials.session, { kind: 'cancelled' }, {}],
  ];
  for (const [name, credential, result, lessons] of cases) {
    it(`${name} → ${Object.keys(lessons).join(', ') || 'nothing learned'}`, () => assert.deepEqual(whatPublishTeaches(result, credential, NOW, english), lessons));
  }
});
