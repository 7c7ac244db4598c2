// What the status bar item shows, derived from the status model: text, tooltip sections,
// accessibility label, background severity, the quick-pick actions and the expiry warning.

import { humanDuration, type Localize } from '../base/localize';
import { COMMANDS, type FixCommand } from '../base/commands';
import type { PublishAuthStatus } from '../base/model';
import { inert, md, plain } from '../base/text';
import { describePublishingAccess } from './publishingAccessDescription';
import {
  accessIcon, bypassEndNear, bypassEndSentence, credentialExpiry, credentialSentence, expiresSoon, itemShowsTime, expirySentence, isPartlyApplied, packageSpec, restrictedSentence, staleSentence,
  username, verdictBadge, verdictHeadline, verdictIcon, type TooltipSection,
} from './sentences';
import { tooltipSections } from './tooltip';

export type Severity = 'none' | 'warning' | 'error';

export interface StatusPresentation {
  /** False when there is nothing to show (no package.json in the workspace). */
  visible: boolean;
  text: string;
  tooltipSections: TooltipSection[];
  accessibilityLabel: string;
  severity: Severity;
  stale: boolean;
}


/** The mode icon leads the text: lock = tokens disallowed, shield = 2FA or bypass token, unlock = no 2FA. */

/** Fixes that change the outcome and run from here; "show details" or "refresh" only explain or retry. */
const FIXES_FROM_HERE: ReadonlySet<FixCommand> = new Set<FixCommand>(
  [COMMANDS.login, COMMANDS.generateToken, COMMANDS.bumpVersion, COMMANDS.setPublishingAccess, COMMANDS.openConfigSource].map((spec) => spec.id),
);

/**
 * The one rule for the background: red only for a blocker the user can fix from here (so red always
 * has a next step), yellow for what needs attention soon (a credential running out, a stale status),
 * nothing otherwise — a blocker nobody here can fix (not a maintainer, private) is not an alarm.
 */
export function severityOf(status: PublishAuthStatus, now: number): Severity {
  const { verdict } = status;
  // A published version stops the next publish only until the bump: a success, never an alarm.
  if (verdict.blocked && verdict.code !== 'published' && verdict.fix && FIXES_FROM_HERE.has(verdict.fix.command)) return 'error';
  if (status.stale || expiresSoon(status, now) || bypassEndNear(status, now)) return 'warning';
  return 'none';
}

// ---------------------------------------------------------------------------------------------
// Status bar item

export interface PresentOptions {
  /** Name the package in the text: the workspace has more than one the status could be about. */
  namePackage?: boolean;
}

export function presentStatus(status: PublishAuthStatus, now: number, localize: Localize, options: PresentOptions = {}): StatusPresentation {
  const t = localize;
  const access = describePublishingAccess(status.publishingAccess, now, t);
  const user = username(status.credential);
  const expiry = itemShowsTime(status, now) ? credentialExpiry(status) : undefined;
  const who = [options.namePackage && status.package.name && inert(status.package.name), user && inert(user)].filter(Boolean).join(' · ');

  const text = [
    accessIcon(access.mode),
    who,
    `${verdictIcon(status.verdict.code)} ${versionBadge(status, t) ?? verdictBadge(status.verdict.code, t)}`,
    expiry && `$(watch) ${humanDuration(expiry.expiresAt - now, t)}`,
    status.stale && '$(debug-disconnect)',
    isPartlyApplied(status) && '$(workspace-untrusted)',
  ].filter(Boolean).join(' ');

  return {
    visible: true,
    text,
    tooltipSections: tooltipSections(status, now, t),
    accessibilityLabel: accessibilityLabel(status, now, t),
    severity: severityOf(status, now),
    stale: Boolean(status.stale),
  };
}

/** The version beside the verdict where the version is the point: "v1.0.0 exists", "v1.1.0 published". */
function versionBadge(status: PublishAuthStatus, t: Localize): string | undefined {
  const version = inert(status.package.version);
  if (status.verdict.code === 'version-exists') return t('v{0} exists', version);
  if (status.verdict.code === 'published') return t('v{0} published', version);
  return undefined;
}

/** While the first refresh runs. */
export function presentLoading(packageName: string | undefined, localize: Localize): StatusPresentation {
  const label = loadingLabel(packageName, localize);
  return {
    visible: true,
    text: `$(sync~spin) ${localize('npm')}`,
    tooltipSections: [{ title: localize('npm Publish Auth'), lines: [md(label)] }],
    accessibilityLabel: label,
    severity: 'none',
    stale: false,
  };
}

/**
 * While a later refresh runs: the text shown stays, its first icon becomes a spinner, so the item
 * neither jumps in width nor blanks out. With nothing shown yet, the loading state.
 */
export function presentRefreshing(shown: StatusPresentation | undefined, packageName: string | undefined, localize: Localize): StatusPresentation {
  if (!shown?.visible) return presentLoading(packageName, localize);
  const spinner = '$(sync~spin)';
  const text = /^\$\([\w~-]+\)/.test(shown.text) ? shown.text.replace(/^\$\([\w~-]+\)/, spinner) : `${spinner} ${shown.text}`;
  return { ...shown, text, accessibilityLabel: loadingLabel(packageName, localize) };
}

function loadingLabel(packageName: string | undefined, localize: Localize): string {
  return packageName
    ? localize('Checking npm publish status for {0}…', plain(packageName))
    : localize('Checking npm publish status…');
}

/** A refresh that failed before any status existed (a bug or an unreadable folder, not the registry). */
export function presentFailure(packageName: string | undefined, message: string, localize: Localize): StatusPresentation {
  const label = packageName
    ? localize('The npm publish status for {0} could not be checked: {1}', plain(packageName), plain(message))
    : localize('The npm publish status could not be checked: {0}', plain(message));
  return {
    visible: true,
    text: `$(error) ${localize('npm')}`,
    tooltipSections: [{
      title: localize('npm Publish Auth'),
      lines: [md(label), [COMMANDS.refresh, COMMANDS.showLog].map((spec) => `[${localize(spec.button)}](command:${spec.id})`).join(' · ')],
    }],
    accessibilityLabel: plain(label),
    severity: 'none',
    stale: false,
  };
}

/** No package.json in the workspace: the item is hidden. */
export function presentHidden(): StatusPresentation {
  return { visible: false, text: '', tooltipSections: [], accessibilityLabel: '', severity: 'none', stale: false };
}

// ---------------------------------------------------------------------------------------------
// Accessibility label: the same facts in plain sentences, no codicons

export function accessibilityLabel(status: PublishAuthStatus, now: number, t: Localize): string {
  const access = describePublishingAccess(status.publishingAccess, now, t);
  return [
    t('npm publish status for {0}.', packageSpec(status)),
    credentialSentence(status, t),
    expirySentence(status, now, t),
    t('Publishing access: {0}.', access.label),
    t('Verdict: {0}.', verdictHeadline(status, now, t)),
    status.verdict.reason,
    bypassEndSentence(status, now, t),
    status.stale && staleSentence(status.stale, now, t),
    isPartlyApplied(status) && restrictedSentence(t),
  ].filter(Boolean).map(plain).join(' ');
}
