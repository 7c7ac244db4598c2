// The quick pick of the status bar item: the actions that fit the status, best first. Labels and
// descriptions expand `$(icon)`, so data in them is made inert.
import type { Localize } from './localize';
import type { FixCommand, PublishAuthStatus } from './model';
import { packageSpec, verdictTitle } from './presentation';
import { publishingAccessLabel } from './publishingAccess';
import { inert, registryHost } from './text';

export type ActionCommand = FixCommand | 'npmPublishAuth.showLog';

export interface StatusAction {
  command: ActionCommand;
  label: string;
  description?: string;
}

/** The actions that fit the state, best first: publish when it can go, else the verdict's fix; then the usual steps. */
export function actionsFor(status: PublishAuthStatus, localize: Localize): StatusAction[] {
  const t = localize;
  const { verdict } = status;
  const host = status.registry ? registryHost(status.registry.url) : t('the registry');
  const loggedIn = status.credential !== undefined && !['none', 'invalid'].includes(status.credential.kind);
  const canManageAccess = loggedIn && status.packageFacts?.state === 'published' && ['write', 'unknown'].includes(status.writeAccess);

  const candidates: (StatusAction | false | undefined)[] = [
    !verdict.blocked && { command: 'npmPublishAuth.publish', label: `${ACTION_ICON['npmPublishAuth.publish']} ${t('Publish {0}', inert(packageSpec(status)))}`, description: verdictTitle(verdict.code, t) },
    verdict.fix && { command: verdict.fix.command, label: `${ACTION_ICON[verdict.fix.command]} ${verdict.fix.title}`, description: inert(verdict.reason) },
    { command: 'npmPublishAuth.login', label: `${ACTION_ICON['npmPublishAuth.login']} ${t('Log in')}`, description: t('Log in to {0}', host) },
    { command: 'npmPublishAuth.generateToken', label: `${ACTION_ICON['npmPublishAuth.generateToken']} ${t('Generate a token')}`, description: t('Create a granular access token for publishing') },
    canManageAccess && { command: 'npmPublishAuth.setPublishingAccess', label: `${ACTION_ICON['npmPublishAuth.setPublishingAccess']} ${t('Set publishing access')}`, description: publishingAccessLabel(status.publishingAccess, t) },
    { command: 'npmPublishAuth.refresh', label: `${ACTION_ICON['npmPublishAuth.refresh']} ${t('Refresh')}` },
    { command: 'npmPublishAuth.showDetails', label: `${ACTION_ICON['npmPublishAuth.showDetails']} ${t('Show details')}` },
    { command: 'npmPublishAuth.showLog', label: `${ACTION_ICON['npmPublishAuth.showLog']} ${t('Show log')}` },
  ];
  const byCommand = new Map<ActionCommand, StatusAction>();
  for (const action of candidates) {
    if (action && !byCommand.has(action.command)) byCommand.set(action.command, action);
  }
  return [...byCommand.values()];
}

const ACTION_ICON: Record<ActionCommand, string> = {
  'npmPublishAuth.login': '$(sign-in)',
  'npmPublishAuth.generateToken': '$(key)',
  'npmPublishAuth.publish': '$(cloud-upload)',
  'npmPublishAuth.setPublishingAccess': '$(shield)',
  'npmPublishAuth.refresh': '$(refresh)',
  'npmPublishAuth.showDetails': '$(info)',
  'npmPublishAuth.showLog': '$(output)',
};
