// What each command of the catalog does, and what it needs first (createCommand.ts resolves that).
// A Record over the catalog's names: a command in the catalog without a handler does not compile.
// The action commands are a bundle of their own (tar, semver, npm-profile, libnpmaccess), required on
// first use (lazyModules.ts); the preconditions stay here, so they cost activation nothing.
import type { CommandName } from '../core/base/commands';
import type { ActionContext } from './actionContext';
import { openConfigSource } from './commands/openConfigSource';
import { copyDetails, showDetails } from './commands/showDetails';
import { showStatusMenu } from './commands/statusMenu';
import { needsConfig, needsPackage, onSelection, plain, type Handler } from './createCommand';
import { loadCommands } from './lazyModules';
import type { Logger } from './log';
import type { PackagesViewHost } from './packagesViewHost';
import type { ReportDocuments } from './readOnlyDocument';
import type { StatusController } from './statusController';
import { manageWorkspaceTrust } from './workspaceTrust';
import { actOnPendingPage } from './prompts';

export interface HandlerDeps {
  controller: StatusController;
  reports: ReportDocuments;
  log: Pick<Logger, 'show'>;
  /** The publish commands' context (log component "publish"). */
  actions: ActionContext;
  /** The account commands' context (log component "account"). */
  account: ActionContext;
  packages: PackagesViewHost;
}

export function commandHandlers({ controller, reports, log, actions, account, packages }: HandlerDeps): Record<CommandName, Handler> {
  return {
    refresh: plain(() => controller.refresh()),
    showLog: plain(() => log.show()),
    showDetails: plain(() => showDetails(controller.status, reports)),
    copyDetails: plain(() => copyDetails(controller.status)),
    // A page to open, rarely: its words wait in the commands bundle, so activation keeps room for the catalog's growth.
    setUpTwoFactor: plain(() => loadCommands().setUpTwoFactor(controller.status)),
    openConfigSource: plain(() => openConfigSource(controller.status)),
    trustWorkspace: plain(() => manageWorkspaceTrust()),
    copyApprovalLink: plain(() => actOnPendingPage('copy')),
    openApprovalLink: plain(() => actOnPendingPage('open')),
    statusMenu: plain(() => showStatusMenu(controller)),
    showPackages: plain(() => packages.reveal()),
    refreshPackages: plain(async () => (await packages.load()).refreshAll()),
    publishRelease: onSelection(async (selection) => loadCommands().publishRelease(actions, await packages.load(), selection)),
    publish: needsConfig(actions, {
      status: 'fresh', checking: 'Checking whether this package can be published…',
      none: 'Open a package.json (or a file of the package) to publish it.',
      busy: '{0} is being published already. Wait for that publish to finish.',
      failed: 'Publishing failed: {0}',
    }, (target) => loadCommands().publish(actions, target)),
    bumpVersion: needsPackage(actions, {
      status: 'current', usable: (status) => Boolean(status.package.version && !status.package.parseError),
      none: 'Open a package.json with a valid version to bump it.',
      failed: 'Bumping the version failed: {0}',
    }, (target) => loadCommands().bumpVersion(actions, target)),
    // Acts on the workspace's packages, not the one shown: no package precondition.
    bumpVersions: onSelection((selection) => loadCommands().bumpVersions(actions, selection)),
    removeProjectCredential: needsPackage(account, {
      status: 'current',
      none: 'Open a package.json (or a file of a package) to change its project .npmrc.',
      failed: 'Changing the project .npmrc failed: {0}',
    }, (target) => loadCommands().removeProjectCredential(account, target)),
    login: needsConfig(account, {
      status: 'current-or-fresh', account: 'login',
      none: 'Open a package.json (or a file of a package) to log in to its registry.',
      failed: 'Logging in failed: {0}',
    }, (target) => loadCommands().login(account, target)),
    logout: needsConfig(account, {
      status: 'current-or-fresh', account: 'logout',
      none: 'Open a package.json (or a file of a package) to log out of its registry.',
      failed: 'Logging out failed: {0}',
    }, (target) => loadCommands().logout(account, target)),
    generateToken: needsConfig(account, {
      status: 'current-or-fresh', account: 'create-token',
      none: 'Open a package.json (or a file of a package) to create a token for its registry.',
      failed: 'Creating the token failed: {0}',
    }, (target) => loadCommands().generateToken(account, target)),
    setPublishingAccess: needsConfig(account, {
      status: 'fresh', checking: 'Checking the package…', account: 'set-access', named: true,
      usable: (status) => Boolean(status.package.name && status.registry),
      none: 'Open the package.json of a published package to set its publishing access.',
      failed: 'Setting the publishing access failed: {0}',
    }, (target) => loadCommands().setPublishingAccess(account, target)),
    ...trustHandlers(account),
  };
}

/** Set up, show and revoke a trusted publisher: the same precondition, each its own command file. */
function trustHandlers(account: ActionContext): Pick<Record<CommandName, Handler>, 'setUpTrustedPublishing' | 'showTrustedPublishing' | 'revokeTrustedPublishing'> {
  const needs = (failed: string) => ({
    status: 'fresh' as const, checking: 'Checking the package…', account: 'trust' as const, named: true as const, failed,
    usable: (status: { package: { name?: string }; registry?: unknown }) => Boolean(status.package.name && status.registry),
    none: 'Open the package.json of a published package to manage its trusted publisher.',
  });
  return {
    setUpTrustedPublishing: needsConfig(account, needs('Setting up trusted publishing failed: {0}'), (target) => loadCommands().setUpTrustedPublishing(account, target)),
    showTrustedPublishing: needsConfig(account, needs('Reading the trusted publisher failed: {0}'), (target) => loadCommands().showTrustedPublisher(account, target)),
    revokeTrustedPublishing: needsConfig(account, needs('Revoking the trusted publisher failed: {0}'), (target) => loadCommands().revokeTrustedPublisher(account, target)),
  };
}
