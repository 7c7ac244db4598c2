// "npm: Set Up Two-Factor Authentication": the fix of "account without 2FA". 2FA is turned on in the
// registry's website (npm has no API for it), so this opens the page and says why it matters.
import * as vscode from 'vscode';
import type { PublishAuthStatus } from '../../core/base/model';
import { twoFactorSettingsUrl } from '../../core/present/statusActions';
import { inert, registryHost } from '../../core/base/text';

export async function setUpTwoFactor(status: PublishAuthStatus | undefined): Promise<void> {
  const t = vscode.l10n.t;
  const credential = status?.credential;
  const username = credential && 'username' in credential ? credential.username : undefined;
  const host = status?.registry ? registryHost(status.registry.url) : undefined;
  const why = t('npm requires two-factor authentication, or a granular access token with bypass 2FA, to publish.');
  const page = status?.registry && username ? twoFactorSettingsUrl(status.registry.url, username) : undefined;
  if (page && username) {
    await vscode.env.openExternal(vscode.Uri.parse(page));
    void vscode.window.showInformationMessage(inert(t('{0} The 2FA settings of {1} are open in your browser; the status updates when the window has focus again.', why, username)));
    return;
  }
  void vscode.window.showInformationMessage(inert(host
    ? t('{0} Turn it on in your account settings on {1}\'s website, then refresh the status.', why, host)
    : t('{0} Turn it on in your account settings on the registry\'s website, then refresh the status.', why)));
}
