// Before an action sends a secret to the registry over a connection the status would not use. In the
// commands bundle (it needs the transport rule, which activation does not): it runs only when such an
// action does, and that action loads this bundle next anyway.
import * as vscode from 'vscode';
import type { PublishAuthStatus } from '../../core/base/model';
import { registryHost } from '../../core/base/text';
import { transportRisk } from '../../core/status/repositoryTrust';
import type { Prompts } from '../prompts';

/**
 * An action sends a secret (a token, a password, a code) to the registry. When the status withheld the
 * credential (plain HTTP to another host, TLS weakened by the folder), or the registry is plain HTTP to
 * another host with no credential yet (a login's password), it says so and asks. True to go on.
 */
export async function confirmInsecureTransport(status: PublishAuthStatus | undefined, prompts: Prompts): Promise<boolean> {
  const registryUrl = status?.registry?.url;
  const risk = status?.transportRisk ?? (registryUrl ? transportRisk({ registryUrl, credentialAttached: true, repositoryTls: {} }) : undefined);
  if (!risk || !status) return true;
  const t = vscode.l10n.t;
  const host = status.registry ? registryHost(status.registry.url) : t('the registry');
  const detail = risk.kind === 'plain-http'
    ? t('npm would send your credential to {0} over plain HTTP: anyone on the network can read it.', host)
    : t('This folder\'s npm config weakens the TLS checks for {0} ({1}): a server that is not {0} could receive your credential.', host, risk.setting === 'strict-ssl' ? 'strict-ssl=false' : risk.setting);
  const go = t('Continue Anyway');
  const choice = await prompts.confirm(t('Send your credential over an insecure connection?'), detail, go);
  return choice === go;
}
