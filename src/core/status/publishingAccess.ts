// A package's publishing access (npm's "2FA mode"). npm can set it but offers no way to read it,
// so it is `unknown` unless we have evidence, and whatever we show carries that evidence with it.

import type { Localize } from '../base/localize';
import type { PackageFacts, PublishingAccess, PublishingAccessMode } from '../base/model';
import { publishingAccessModeLabel } from '../base/publishingAccessWords';
import { REGISTRY_FAMILIES, type RegistryFamily } from '../base/registries';
import { hasNpmjsPolicies } from '../base/npmjsPolicies';

/** New packages get `automation` by default from this day on (npm changelog 2025-12-09). */
export const DEFAULT_MODE_SINCE = Date.parse('2025-12-10T00:00:00Z');

/** Everything we may know about the mode, strongest evidence first in `inferPublishingAccess`. */
export interface PublishingAccessEvidence {
  /** The mode this extension last set (persisted per registry + package). */
  setByExtension?: { mode: PublishingAccessMode; at: number };
  /** What a registry answer revealed (src/core/publish/publishLessons.ts). */
  learned?: { mode: PublishingAccessMode; what: string; at: number };
  /** The mode the user declared in a setting. */
  declared?: PublishingAccessMode;
  packageFacts?: PackageFacts;
  /** Publishing access is an npmjs setting: elsewhere npm's defaults say nothing. */
  registryFamily?: RegistryFamily;
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
  if (evidence.registryFamily && !hasNpmjsPolicies({ family: evidence.registryFamily })) {
    return { state: 'unknown', why: localize('Publishing access is an npmjs setting; {0} is not npmjs.', REGISTRY_FAMILIES[evidence.registryFamily].name) };
  }

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
