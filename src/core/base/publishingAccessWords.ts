// npm's three publishing-access modes in npm's own words: the verdict's reasons and everything shown
// say them the same way.
import type { Localize } from './localize';
import type { PublishingAccess, PublishingAccessMode } from './model';

/** npm's own UI wording for each mode, so users recognise it from the website. */
export function publishingAccessModeLabel(mode: PublishingAccessMode, localize: Localize): string {
  switch (mode) {
    case 'none': return localize("Don't require 2FA");
    case 'automation': return localize('Require 2FA or a granular access token with bypass 2FA');
    case 'publish': return localize('Require 2FA and disallow tokens');
  }
}

/** A few words for a menu row, where npm's full label does not fit. */
export function publishingAccessShortLabel(access: PublishingAccess, localize: Localize): string {
  if (access.state === 'unknown') return localize('now: unknown');
  // npm does not reveal it: the default of a package first published after 2025-12-09.
  if (access.state === 'likely-default') return localize('likely: {0}', publishingAccessModeShort(access.mode, localize));
  return localize('now: {0}', publishingAccessModeShort(access.mode, localize));
}

/** The mode in a few words. */
export function publishingAccessModeShort(mode: PublishingAccessMode, localize: Localize): string {
  switch (mode) {
    case 'none': return localize('2FA not required');
    case 'automation': return localize('2FA or a bypass token');
    case 'publish': return localize('2FA, no tokens');
  }
}

/** The label alone: the mode in npm's words, or "Unknown". */
export function publishingAccessLabel(access: PublishingAccess, localize: Localize): string {
  return access.state === 'unknown' ? localize('Unknown') : publishingAccessModeLabel(access.mode, localize);
}
