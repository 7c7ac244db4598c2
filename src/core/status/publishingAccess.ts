// A package's publishing access (npm's "2FA mode"). npm can set it but offers no way to read it,
// so it is `unknown` unless we have evidence, and whatever we show carries that evidence with it.

import type { Localize } from '../base/localize';
import type { CredentialFacts, PackageFacts, PublishingAccess, PublishingAccessMode } from '../base/model';
import { publishingAccessModeLabel } from '../base/publishingAccessWords';

/** New packages get `automation` by default from this day on (npm changelog 2025-12-09). */
export const DEFAULT_MODE_SINCE = Date.parse('2025-12-10T00:00:00Z');

/** Everything we may know about the mode, strongest evidence first in `inferPublishingAccess`. */
export interface PublishingAccessEvidence {
  /** The mode this extension last set (persisted per registry + package). */
  setByExtension?: { mode: PublishingAccessMode; at: number };
  /** What a registry answer revealed (see `learnFromPublishAnswer`). */
  learned?: { mode: PublishingAccessMode; what: string; at: number };
  /** The mode the user declared in a setting. */
  declared?: PublishingAccessMode;
  packageFacts?: PackageFacts;
}

/**
 * Our own actions and registry answers are facts, so they win (the newer of the two); a user's
 * declaration comes next; npm's post-2025-12-09 default is only "likely"; otherwise unknown, with why.
 */
export function inferPublishingAccess(evidence: PublishingAccessEvidence, localize: Localize): PublishingAccess {
  const { setByExtension, learned, declared, packageFacts } = evidence;
  if (setByExtension && (!learned || setByExtension.at >= learned.at)) {
    return { state: 'known', mode: setByExtension.mode, source: { kind: 'set-by-extension', at: setByExtension.at } };
  }
  if (learned) {
    return { state: 'known', mode: learned.mode, source: { kind: 'registry-answer', what: learned.what, at: learned.at } };
  }
  if (declared) return { state: 'known', mode: declared, source: { kind: 'declared' } };

  if (packageFacts?.state === 'unpublished') {
    return {
      state: 'unknown',
      why: localize('Not published yet: the first publish gets npm\'s default, "{0}".', publishingAccessModeLabel('automation', localize)),
    };
  }
  if (packageFacts?.state === 'published' && packageFacts.firstPublished) {
    const created = Date.parse(packageFacts.firstPublished);
    if (created >= DEFAULT_MODE_SINCE) {
      return { state: 'likely-default', mode: 'automation', firstPublished: packageFacts.firstPublished };
    }
    if (!Number.isNaN(created)) {
      return {
        state: 'unknown',
        why: localize('npm offers no way to read it, and this package predates the 2025-12-09 default.'),
      };
    }
  }
  return { state: 'unknown', why: localize('npm offers no way to read it, and this extension has not set it.') };
}

/** A finished publish attempt, reduced to what can reveal the mode. */
export interface PublishAnswer {
  credential: CredentialFacts;
  status: number;
  /** The registry's `error` text, secret-free. */
  error?: string;
  at: number;
}

/**
 * Only one answer says something firm: a bypass-2FA write token refused with 403 (and not for a
 * duplicate version) means "disallow tokens". A success cannot tell `automation` from `none`.
 */
export function learnFromPublishAnswer(answer: PublishAnswer, localize: Localize): PublishingAccessEvidence['learned'] {
  const { credential, status, error = '', at } = answer;
  const bypassWriteToken = credential.kind === 'granular' && credential.bypass2fa && credential.permission === 'read-write';
  if (!bypassWriteToken || status !== 403 || /previously published|cannot publish over/i.test(error)) return undefined;
  return { mode: 'publish', what: localize('a publish with a bypass-2FA token was refused (403)'), at };
}
