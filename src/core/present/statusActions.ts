// The quick pick of the status bar item: the actions that fit the status, best first. Labels and
// descriptions expand `$(icon)`, so data in them is made inert.
import { COMMANDS, commandSpec, type ActionCommand } from '../base/commands';
import type { Localize } from '../base/localize';
import type { PublishAuthStatus } from '../base/model';
import { packageSpec, verdictTitle } from './sentences';
import { publishingAccessLabel } from '../base/publishingAccessWords';
import { inert, list, registryHost } from '../base/text';

export interface StatusAction {
  command: ActionCommand;
  label: string;
  description?: string;
  /** The second line of a row: the first action carries the reason it is first. */
  detail?: string;
}

/** The menu's title: which package, and the verdict's headline. */
export function menuTitle(status: PublishAuthStatus, localize: Localize): string {
  return `${inert(packageSpec(status))}: ${verdictTitle(status.verdict.code, localize)}`;
}

/** The reason's first sentence, so it fits on the row under the fix; the rest is in the tooltip and details. */
export function firstSentence(text: string): string {
  return text.split(/(?<=[.!?])\s+(?=[A-Z"'(])/)[0] ?? text;
}

/**
 * Whether "Set Publishing Access" can help: only a logged-in user who may write to a published,
 * non-private package can change it (npm refuses everyone else).
 */
export function canManagePublishingAccess(status: PublishAuthStatus): boolean {
  const loggedIn = status.credential !== undefined && !['none', 'invalid'].includes(status.credential.kind);
  return loggedIn && !status.package.private && status.packageFacts?.state === 'published' && ['write', 'unknown'].includes(status.writeAccess);
}

/**
 * The actions that fit the state, best first: the verdict's fix (publish when it can go; for a
 * blocker without a fix, the details that say who can help), then the usual steps.
 */
export function actionsFor(status: PublishAuthStatus, localize: Localize): StatusAction[] {
  const t = localize;
  const { verdict } = status;
  const host = status.registry ? registryHost(status.registry.url) : t('the registry');
  const maintainers = status.packageFacts?.state === 'published' ? list(status.packageFacts.maintainers) : [];

  const { publish, showDetails, login, generateToken, setPublishingAccess, refresh, showLog } = COMMANDS;
  /** The catalog's icon and button title, or the given words. */
  const row = (command: ActionCommand, text = t(commandSpec(command).button)) => ({ command, label: `${commandSpec(command).icon} ${text}` });
  const candidates: (StatusAction | false | undefined)[] = [
    !verdict.blocked && { ...row(publish.id, t('Publish {0}', inert(packageSpec(status)))), description: verdictTitle(verdict.code, t) },
    verdict.fix && row(verdict.fix.command, verdict.fix.title),
    verdict.blocked && !verdict.fix && {
      ...row(showDetails.id),
      description: maintainers.length > 0 ? t('Maintainers: {0}', inert(maintainers.join(', '))) : undefined,
    },
    { ...row(login.id), description: t('Log in to {0}', host) },
    { ...row(generateToken.id), description: t('Create a granular access token for publishing') },
    canManagePublishingAccess(status) && { ...row(setPublishingAccess.id), description: publishingAccessLabel(status.publishingAccess, t) },
    row(refresh.id),
    row(showDetails.id),
    row(showLog.id),
  ];
  const byCommand = new Map<ActionCommand, StatusAction>();
  for (const action of candidates) {
    if (action && !byCommand.has(action.command)) byCommand.set(action.command, action);
  }
  const [first, ...rest] = byCommand.values();
  return first ? [{ ...first, detail: inert(firstSentence(verdict.reason)) }, ...rest] : [];
}

/**
 * Where the account's 2FA is turned on: the npm website's settings page for the public registry.
 * Other registries keep it somewhere of their own, unknown here.
 */
export function twoFactorSettingsUrl(registryUrl: string, username: string): string | undefined {
  let host: string;
  try {
    host = new URL(registryUrl).host;
  } catch {
    return undefined;
  }
  return host === 'registry.npmjs.org' && username ? `https://www.npmjs.com/settings/${encodeURIComponent(username)}/tfa` : undefined;
}
