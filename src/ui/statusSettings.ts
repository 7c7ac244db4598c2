// What the user declared in our settings, read where the status needs it. settings.json is
// hand-edited, so a value counts only if it is one the setting allows.
import * as vscode from 'vscode';
import type { PublishingAccessMode, TwoFactorMethod, TwoFactorMethodSource } from '../core/base/model';
import type { StateStore } from './stateStore';

/** A challenge the registry sent is a fact, so it wins over what the user declared. */
export function secondFactorOf(store: StateStore, registryUrl: string, username: string): { method: TwoFactorMethod; source: TwoFactorMethodSource } | undefined {
  const learned = store.twoFactorMethod(registryUrl, username);
  if (learned && learned !== 'unknown') return { method: learned, source: 'registry-answer' };
  const declared = declaration('twoFactorMethods', username, ['totp', 'passkey-only'] as const);
  return declared && { method: declared, source: 'declared' };
}

/** The setting is resource-scoped: a folder's settings may declare its own packages. */
export function declaredMode(packageName: string, packageFolder: vscode.Uri): PublishingAccessMode | undefined {
  return declaration('declaredPublishingAccess', packageName, ['none', 'automation', 'publish'] as const, packageFolder);
}

/**
 * What the user declared each registry URL to be. Only the user settings count: a folder's settings
 * are the repository's, and must not make a registry look like npmjs (or not).
 */
export function declaredRegistryKinds(): Record<string, unknown> {
  return vscode.workspace.getConfiguration('npmPublishAuth').inspect<Record<string, unknown>>('registryKinds')?.globalValue ?? {};
}

/** A value from one of our name → value settings, if it is one the setting allows. */
function declaration<T extends string>(setting: string, name: string, allowed: readonly T[], scope?: vscode.Uri): T | undefined {
  const value = vscode.workspace.getConfiguration('npmPublishAuth', scope).get<Record<string, unknown>>(setting, {})[name];
  return allowed.find((candidate) => candidate === value);
}

/** Whether a configuration change is one of ours (and so may change the status). */
export function affectsStatus(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('npmPublishAuth');
}
