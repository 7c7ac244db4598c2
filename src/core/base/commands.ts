// Every command the extension has, written once: registration (src/ui), the verdict's fixes, the
// status menu, the tooltip's links and package.json's contributions all come from here (a unit test
// checks package.json against it both ways). Pure data: no editor, no npm.
//
// `title` is the Command Palette title (package.nls.json's `command.<name>`, category "npm");
// `button` is the short Title Case title of a button, menu row or link that offers the command as a
// fix ("…" when it asks for more before acting).
import type { Localize } from './localize';

export interface CommandSpec {
  readonly id: string;
  readonly title: string;
  readonly button: string;
  /** The codicon, as `$(name)`: package.json's icon and the status menu's row. */
  readonly icon: string;
  /**
   * `fix`: a verdict or a failure may point to it (and so the menu and the tooltip offer it);
   * `action`: offered in the menu and the tooltip, never as a fix.
   */
  readonly offered?: 'fix' | 'action';
  /** It writes, publishes or runs npm: it asks for a trusted folder before anything runs. */
  readonly trusted?: true;
  /** It sends a credential, a password or a code to the registry: over an insecure connection it asks first. */
  readonly sendsSecrets?: true;
}

export const COMMANDS = {
  refresh: { id: 'npmPublishAuth.refresh', title: 'Refresh Publish Auth Status', button: 'Refresh', icon: '$(refresh)', offered: 'fix' },
  login: { id: 'npmPublishAuth.login', title: 'Log In to Registry', button: 'Log In', icon: '$(sign-in)', offered: 'fix', trusted: true, sendsSecrets: true },
  logout: { id: 'npmPublishAuth.logout', title: 'Log Out', button: 'Log Out', icon: '$(sign-out)', offered: 'action', trusted: true, sendsSecrets: true },
  generateToken: {
    id: 'npmPublishAuth.generateToken', title: 'Generate Access Token', button: 'Generate Token…', icon: '$(key)', offered: 'fix', trusted: true, sendsSecrets: true,
  },
  publish: { id: 'npmPublishAuth.publish', title: 'Publish with OTP', button: 'Publish', icon: '$(cloud-upload)', offered: 'fix', trusted: true, sendsSecrets: true },
  publishRelease: {
    id: 'npmPublishAuth.publishRelease', title: 'Publish Packages…', button: 'Publish Packages…', icon: '$(cloud-upload)', offered: 'action', trusted: true, sendsSecrets: true,
  },
  bumpVersion: { id: 'npmPublishAuth.bumpVersion', title: 'Bump Version…', button: 'Bump Version…', icon: '$(versions)', offered: 'fix', trusted: true },
  bumpVersions: { id: 'npmPublishAuth.bumpVersions', title: 'Bump Versions in Workspace…', button: 'Bump Versions…', icon: '$(versions)', trusted: true },
  setPublishingAccess: {
    id: 'npmPublishAuth.setPublishingAccess', title: 'Set Publishing Access', button: 'Set Publishing Access', icon: '$(shield)', offered: 'fix', trusted: true, sendsSecrets: true,
  },
  setUpTrustedPublishing: {
    id: 'npmPublishAuth.setUpTrustedPublishing', title: 'Set Up Trusted Publishing…', button: 'Set Up Trusted Publishing…', icon: '$(verified)', offered: 'fix', trusted: true, sendsSecrets: true,
  },
  showTrustedPublishing: {
    id: 'npmPublishAuth.showTrustedPublishing', title: 'Show Trusted Publisher', button: 'Show Trusted Publisher', icon: '$(verified)', offered: 'action', trusted: true, sendsSecrets: true,
  },
  revokeTrustedPublishing: {
    id: 'npmPublishAuth.revokeTrustedPublishing', title: 'Revoke Trusted Publisher…', button: 'Revoke Trusted Publisher…', icon: '$(trash)', trusted: true, sendsSecrets: true,
  },
  setUpTwoFactor: { id: 'npmPublishAuth.setUpTwoFactor', title: 'Set Up Two-Factor Authentication', button: 'Set Up 2FA…', icon: '$(shield)', offered: 'fix' },
  showDetails: { id: 'npmPublishAuth.showDetails', title: 'Show Publish Auth Details', button: 'Show Details', icon: '$(info)', offered: 'fix' },
  copyDetails: { id: 'npmPublishAuth.copyDetails', title: 'Copy Publish Auth Details as Markdown', button: 'Copy Details', icon: '$(copy)' },
  statusMenu: { id: 'npmPublishAuth.statusMenu', title: 'Show Publish Auth Menu', button: 'Show Menu', icon: '$(menu)' },
  removeProjectCredential: {
    id: 'npmPublishAuth.removeProjectCredential', title: 'Remove Project Credential', button: 'Remove Project Credential…', icon: '$(trash)', offered: 'fix', trusted: true,
  },
  openConfigSource: { id: 'npmPublishAuth.openConfigSource', title: 'Open Registry Setting', button: 'Open Setting', icon: '$(go-to-file)', offered: 'fix' },
  trustWorkspace: { id: 'npmPublishAuth.trustWorkspace', title: 'Trust This Folder…', button: 'Trust Folder…', icon: '$(workspace-trusted)', offered: 'fix' },
  // The links of a browser round trip's notification (src/ui/prompts.ts); in the palette only while one waits.
  copyApprovalLink: { id: 'npmPublishAuth.copyApprovalLink', title: 'Copy Browser Page Link', button: 'Copy Link', icon: '$(copy)' },
  openApprovalLink: { id: 'npmPublishAuth.openApprovalLink', title: 'Open Browser Page Again', button: 'Open Again', icon: '$(link-external)' },
  showPackages: { id: 'npmPublishAuth.showPackages', title: 'Show Packages', button: 'Show Packages', icon: '$(list-tree)' },
  refreshPackages: { id: 'npmPublishAuth.refreshPackages', title: 'Refresh Packages View', button: 'Refresh', icon: '$(refresh)' },
  showLog: { id: 'npmPublishAuth.showLog', title: 'Show Publish Auth Log', button: 'Show Log', icon: '$(output)', offered: 'action' },
} as const satisfies Record<string, CommandSpec>;

type Catalog = typeof COMMANDS;
export type CommandName = keyof Catalog;
export type CommandId = Catalog[CommandName]['id'];

/** The commands a verdict or a failure can point to as its fix. */
export type FixCommand = { [K in CommandName]: Catalog[K] extends { offered: 'fix' } ? Catalog[K]['id'] : never }[CommandName];
/** What the status menu and the tooltip may offer: the fixes and Show Log. */
export type ActionCommand = { [K in CommandName]: Catalog[K] extends { offered: 'fix' | 'action' } ? Catalog[K]['id'] : never }[CommandName];
/** The commands that ask for a trusted folder first. */
export type TrustedCommand = { [K in CommandName]: Catalog[K] extends { trusted: true } ? K : never }[CommandName];

const BY_ID: ReadonlyMap<string, CommandSpec> = new Map(Object.values(COMMANDS).map((spec) => [spec.id, spec]));

export function commandSpec(id: CommandId): CommandSpec {
  return BY_ID.get(id)!;
}

/** Every command the menu and the tooltip may offer: the UI trusts exactly these in the tooltip's links. */
export const ACTION_COMMANDS: readonly ActionCommand[] = Object.values(COMMANDS)
  .filter((spec: CommandSpec) => spec.offered !== undefined)
  .map((spec) => spec.id as ActionCommand);

/** A command offered as the fix of a verdict or a failure, with its button title. */
export interface CommandFix {
  command: FixCommand;
  title: string;
}

export function fixFor(command: FixCommand, localize: Localize): CommandFix {
  return { command, title: localize(commandSpec(command).button) };
}
