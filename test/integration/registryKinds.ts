// The local registry imitates npmjs, so the in-host suites declare it as such in the user settings,
// as a user declares a proxy of npmjs; without it npmjs's rules are not claimed for a local URL.
import * as vscode from 'vscode';
import { asNpmjs } from '../registry/server';

export async function declareNpmjs(registry: { url: string }): Promise<void> {
  const config = vscode.workspace.getConfiguration('npmPublishAuth');
  const declared = config.inspect<Record<string, string>>('registryKinds')?.globalValue ?? {};
  await config.update('registryKinds', { ...declared, ...asNpmjs(registry) }, vscode.ConfigurationTarget.Global);
}
