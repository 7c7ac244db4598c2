// The quick pick of the status bar item: the actions that fit the status, best first. Labels and
// descriptions expand `$(icon)`, so data in them is made inert.
import { COMMANDS, commandSpec, type ActionCommand } from '../base/commands';
import type { Localize } from '../base/localize';
import type { PublishAuthStatus, VerdictCode } from '../base/model';
import { packageSpec, verdictTitle } from './sentences';
import { publishingAccessShortLabel } from '../base/publishingAccessWords';
import { inert, list, registryHost } from '../base/text';
import { hasNpmjsPolicies } from '../base/npmjsPolicies';
import { providerName } from '../trust/trustConfig';

export interface StatusAction {
  command: ActionCommand;
  label: string;
  /** One short phrase: what the row will do here (the verdict itself is said once, in the title). */
  description?: string;
}

/** What Publish will meet, in a few words, for the verdicts that let it go. */
const PUBLISH_MEETS: Partial<Record<VerdictCode, (t: Localize) => string>> = {
  'ready': (t) => t('no prompt'),
  'needs-otp': (t) => t('asks for a one-time password'),
  'needs-browser-approval': (t) => t('asks for approval in the browser'),
  'needs-2fa': (t) => t('asks for a second factor'),
  'stage-only-token': (t) => t('released once a maintainer approves'),
};

/** The menu's title: which package, and the verdict's headline (the only place the menu says it). */
export function menuTitle(status: PublishAuthStatus, localize: Localize): string {
  return `${inert(packageSpec(status))}: ${verdictTitle(status.verdict.code, localize)}`;
}

/**
 * Whether "Set Publishing Access" can help: only a logged-in user who may write to a published,
 * non-private package can change it (npm refuses everyone else).
 */
export function canManagePublishingAccess(status: PublishAuthStatus): boolean {
  // Publishing access is an npmjs setting.
  if (!hasNpmjsPolicies(status.registry)) return false;
  const loggedIn = status.credential !== undefined && !['none', 'invalid'].includes(status.credential.kind);
  return loggedIn && !status.package.private && status.packageFacts?.state === 'published' && ['write', 'unknown'].includes(status.writeAccess);
}

/**
 * The actions that fit the state, best first: the verdict's fix (publish when it can go; for a
 * blocker without a fix, the details that say who can help), then the steps that can run here.
 */
export function actionsFor(status: PublishAuthStatus, localize: Localize): StatusAction[] {
  const t = localize;
  const { verdict, configuredCredential, credential } = status;
  const host = status.registry ? registryHost(status.registry.url) : t('the registry');
  const maintainers = status.packageFacts?.state === 'published' ? list(status.packageFacts.maintainers) : [];
  const user = credential && 'username' in credential && credential.username ? inert(credential.username) : undefined;
  // While the project's .npmrc holds the credential, a login or token in the user's .npmrc is not used.
  const shadowed = verdict.fix?.command === COMMANDS.removeProjectCredential.id;
  const loggedIn = configuredCredential.type !== 'none' && credential?.kind !== 'invalid';

  const { publish, showDetails, login, logout, generateToken, setPublishingAccess, setUpTrustedPublishing, showTrustedPublishing, refresh, showLog } = COMMANDS;
  /** The catalog's icon and button title, or the given words. */
  const row = (command: ActionCommand, text = t(commandSpec(command).button)) => ({ command, label: `${commandSpec(command).icon} ${text}` });
  const spec = inert(packageSpec(status));
  const candidates: (StatusAction | false | undefined)[] = [
    !verdict.blocked && {
      ...row(publish.id, verdict.code === 'stage-only-token' ? t('Stage {0}', spec) : t('Publish {0}', spec)),
      description: PUBLISH_MEETS[verdict.code]?.(t),
    },
    verdict.fix && row(verdict.fix.command, verdict.fix.title),
    verdict.blocked && !verdict.fix && {
      ...row(showDetails.id),
      description: maintainers.length > 0 ? t('Maintainers: {0}', inert(maintainers.join(', '))) : undefined,
    },
    !shadowed && { ...row(login.id), description: loggedIn ? t('as another account on {0}', host) : t('to {0}', host) },
    configuredCredential.type === 'token' && { ...row(logout.id), description: user ? t('{0} on {1}', user, host) : host },
    // The wizard needs a credential to create a token with.
    !shadowed && loggedIn && { ...row(generateToken.id), description: t('a granular access token') },
    canManagePublishingAccess(status) && { ...row(setPublishingAccess.id), description: publishingAccessShortLabel(status.publishingAccess, t) },
    // Trusted publishing is npmjs's, and npm configures it only for a published package.
    canManagePublishingAccess(status) && hasNpmjsPolicies(status.registry) && (status.trustedPublishing?.state === 'configured'
      ? { ...row(showTrustedPublishing.id), description: inert(trustOrigin(status.trustedPublishing.config)) }
      : { ...row(setUpTrustedPublishing.id), description: t('publish from CI without a token') }),
    row(refresh.id),
    row(showDetails.id),
    row(showLog.id),
  ];
  const byCommand = new Map<ActionCommand, StatusAction>();
  for (const action of candidates) {
    if (action && !byCommand.has(action.command)) byCommand.set(action.command, action);
  }
  return [...byCommand.values()];
}

/** "GitHub Actions · owner/repo": a menu row's few words (the tooltip and Details say the rest). */
function trustOrigin(config: { provider: string; repository?: string }): string {
  return [providerName(config.provider), config.repository].filter(Boolean).join(' · ');
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
