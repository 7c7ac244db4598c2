// What a finished publish teaches the status, in one rule: npm reveals neither a package's publishing
// access nor an account's 2FA method, so the registry's answers are the only evidence we get.
import { twoFactorMethodShownBy } from '../account/secondFactor';
import type { Localize } from '../base/localize';
import type { CredentialFacts, TwoFactorMethod } from '../base/model';
import type { PublishingAccessEvidence } from '../status/publishingAccess';
import type { PublishResult } from './publishRunner';
import type { PublishFailure } from './uploadOutcome';

export interface PublishLessons {
  /** The package's publishing access, remembered per registry + package. */
  publishingAccess?: NonNullable<PublishingAccessEvidence['learned']>;
  /** The account's 2FA method, remembered per registry + username. */
  twoFactorMethod?: { username: string; method: TwoFactorMethod };
}

/**
 * An accepted typed code shows an authenticator app. A refusal shows the mode only when it can mean
 * nothing else: the registry's "tokens disallowed" words, or a bypass-2FA write token refused with a
 * bare 403 (words that name another reason, such as a duplicate version, explain the 403 instead).
 * A success cannot tell `automation` from `none`.
 */
export function whatPublishTeaches(result: PublishResult, credential: CredentialFacts | undefined, at: number, localize: Localize): PublishLessons {
  if (result.kind === 'published') {
    const twoFactorMethod = twoFactorMethodShownBy(result.secondFactor, credential);
    return twoFactorMethod ? { twoFactorMethod } : {};
  }
  if (result.kind !== 'failed') return {};
  const what = accessShownBy(result.failure, credential, localize);
  return what ? { publishingAccess: { mode: 'publish', what, at } } : {};
}

function accessShownBy(failure: PublishFailure, credential: CredentialFacts | undefined, localize: Localize): string | undefined {
  if (failure.kind === 'tokens-disallowed') return localize('a publish with a granular token was refused: tokens disallowed (403)');
  const bypassWriteToken = credential?.kind === 'granular' && credential.bypass2fa && credential.permission === 'read-write';
  if (bypassWriteToken && failure.kind === 'other' && failure.npmCode === 'E403') return localize('a publish with a bypass-2FA token was refused (403)');
  return undefined;
}
