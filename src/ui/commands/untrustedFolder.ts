// The question a command that writes, publishes or runs npm asks in Restricted Mode, in the words of
// what it would do. In the commands bundle: only a person in Restricted Mode ever needs these texts.
import * as vscode from 'vscode';
import type { TrustedCommand } from '../../core/base/commands';
import type { Prompts } from '../prompts';
import { manageWorkspaceTrust } from '../workspaceTrust';

/** Why each command the catalog marks `trusted` needs a trusted folder, in the words of what it would do. */
function untrustedMessage(action: TrustedCommand): string {
  const t = vscode.l10n.t;
  switch (action) {
    case 'publish': return t('Publishing runs the package\'s build scripts, so it is disabled in Restricted Mode. Trust this workspace to publish from here.');
    case 'publishRelease': return t('Publishing runs each package\'s build scripts, so it is disabled in Restricted Mode. Trust this workspace to publish from here.');
    case 'bumpVersion': return t('Bump Version runs npm in this folder, so it is disabled in Restricted Mode. Trust this workspace to bump versions from here.');
    case 'bumpVersions': return t('Bump Versions in Workspace changes this folder\'s package.json files, so it is disabled in Restricted Mode. Trust this workspace to bump versions from here.');
    case 'login': return t('Log In is disabled in Restricted Mode: this folder\'s npm settings choose the registry and where npm keeps the token. Trust this workspace to log in from here.');
    case 'logout': return t('Log Out is disabled in Restricted Mode: it changes your npm config for a registry this folder chose. Trust this workspace to log out from here.');
    case 'generateToken': return t('Generate Access Token is disabled in Restricted Mode: this folder\'s npm settings choose the registry that receives your password. Trust this workspace to create tokens from here.');
    case 'removeProjectCredential': return t('Changing this folder\'s .npmrc is disabled in Restricted Mode. Trust this workspace to change it from here.');
    case 'setUpTrustedPublishing':
    case 'showTrustedPublishing':
    case 'revokeTrustedPublishing': return t('Trusted publishing is managed with your credential and second factor, sent to a registry this folder chose, so it is disabled in Restricted Mode. Trust this workspace to manage it from here.');
    case 'setPublishingAccess': return t('Set Publishing Access is disabled in Restricted Mode: it sends your credential and second factor to a registry this folder chose. Trust this workspace to change it from here.');
  }
}

/** True when the folder is trusted; otherwise explains, offers VS Code's trust editor, and is false. */
export async function requireTrust(action: TrustedCommand, prompts: Prompts): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const manage = vscode.l10n.t('Manage Workspace Trust');
  const choice = await prompts.confirm(untrustedMessage(action), vscode.l10n.t('Trusting the folder also checks the package as npm would publish it.'), manage);
  if (choice === manage) await manageWorkspaceTrust();
  return false;
}
