// npm's `--json` answers to `npm publish <tarball>` (captured from npm 11.19.1 against the local
// registry) and what the publish flow makes of them.
import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/base/localize';
import { describePublishFailure, landedSentence } from '../../../../src/core/publish/publishMessages';
import { type PublishFailureKind } from '../../../../src/core/publish/uploadOutcome';

describe('describePublishFailure', () => {
  const kinds: PublishFailureKind[] = ['not-logged-in', 'credential-rejected', 'not-found', 'read-only-token', 'stage-required', 'version-exists',
    'tokens-disallowed', 'account-without-2fa', 'conflict', 'rate-limited', 'needs-tag', 'network', 'other'];
  for (const kind of kinds) {
    it(`${kind}: names name@version`, () => {
      const { message } = describePublishFailure({ kind, said: 'words' }, 'demo-pkg@1.2.3', english);
      assert.match(message, /^demo-pkg@1\.2\.3/);
    });
  }
  it('the fix is a button where one helps', () => {
    const fix = (kind: PublishFailureKind) => describePublishFailure({ kind, said: '' }, 'x@1.0.0', english).fix?.command;
    assert.deepEqual(
      [fix('credential-rejected'), fix('version-exists'), fix('tokens-disallowed'), fix('read-only-token'), fix('rate-limited')],
      ['npmPublishAuth.login', 'npmPublishAuth.bumpVersion', 'npmPublishAuth.login', 'npmPublishAuth.generateToken', undefined],
    );
  });
  it('after a network failure the packument says whether the version landed', () => {
    assert.match(landedSentence(true, 'a@1.0.0', english), /went through/);
    assert.match(landedSentence(false, 'a@1.0.0', english), /nothing was published/);
    assert.match(landedSentence(undefined, 'a@1.0.0', english), /could not be checked/);
  });
});
