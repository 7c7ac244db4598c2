// "npm: Show Trusted Publisher" and "npm: Revoke Trusted Publisher…": `npm trust list` and
// `npm trust revoke` for the current package, with the second factor npm asks for on every call
// (an answer accepted for one call is tried first for the next: a TOTP code, or the 5-minute skip).
// What the registry said is remembered, so the status and the CI checklist can show it.
import * as vscode from 'vscode';
import { listTrust, revokeTrust } from '../../core/account/accountRequests';
import { withSecondFactor, type AcceptedAnswer } from '../../core/account/secondFactor';
import { COMMANDS, fixFor } from '../../core/base/commands';
import type { PublishAuthStatus, TrustConfig } from '../../core/base/model';
import { hasNpmjsPolicies } from '../../core/base/npmjsPolicies';
import { REGISTRY_FAMILIES } from '../../core/base/registries';
import { inert } from '../../core/base/text';
import { describeTrust, readTrustConfigs } from '../../core/trust/trustConfig';
import type { ActionContext } from '../actionContext';
import type { ConfiguredTarget } from '../createCommand';
import { tell } from '../notify';
import { secondFactorPrompts } from './accountFlow';

/** One trust call's outcome: its value and the answer to reuse, or cancelled at a prompt. */
export type TrustCall<T> = { kind: 'done'; value: T; accepted?: AcceptedAnswer } | { kind: 'cancelled' };

/** Runs one trust call with the second-factor prompts, trying `reuse` first. */
export async function trustCall<T>(
  context: ActionContext, { status, config }: ConfiguredTarget, call: (otp: string | undefined) => Promise<T>, reuse?: AcceptedAnswer,
): Promise<TrustCall<T>> {
  const t = vscode.l10n.t;
  const what = t('Trusted publishing of {0}', status.package.name!);
  // npm asks on every trust call; its page's 5-minute skip (§7.4) spares the second approval of a set-up.
  const browserTitle = hasNpmjsPolicies(status.registry)
    ? t('{0}: approve in your browser; tick "skip 2FA for the next 5 minutes" to be asked once', what) : undefined;
  const result = await withSecondFactor(call, secondFactorPrompts(context, what, config.registry.url, config.fetchOptions, browserTitle), reuse);
  return result.kind === 'done' ? { kind: 'done', value: result.value, accepted: result.accepted ?? reuse } : result;
}

/** `GET …/trust`, read; remembered for the status. Throws when the answer is not understood. */
export async function readTrust(context: ActionContext, target: ConfiguredTarget, reuse?: AcceptedAnswer): Promise<TrustCall<TrustConfig[]>> {
  const name = target.status.package.name!;
  const answer = await trustCall(context, target, (otp) => listTrust(target.config.registry.url, target.config.fetchOptions, name, otp), reuse);
  if (answer.kind === 'cancelled') return answer;
  const read = readTrustConfigs(answer.value);
  if (!read.ok) throw new Error(vscode.l10n.t('The registry\'s answer was not understood: {0}.', read.why));
  const [first] = read.configs;
  await context.store.rememberTrustedPublishing(target.config.registry.url, name, first
    ? { state: 'configured', config: first, at: Date.now(), how: 'read' }
    : { state: 'none', at: Date.now(), how: 'read' });
  context.log.info(`trusted publisher of ${name}: ${read.configs.length} configured`);
  return { ...answer, value: read.configs };
}

/**
 * What npm requires before a trusted publisher can be managed, told when it is not met: the
 * feature is npmjs's, the package must exist, and the credential must be one that may manage it.
 */
export function trustPreconditionMet(context: ActionContext, status: PublishAuthStatus): boolean {
  const t = vscode.l10n.t;
  const name = status.package.name!;
  const family = status.registry?.family ?? 'other';
  if (family !== 'npmjs' && family !== 'other') {
    tell(context, 'info', t('{0} has no trusted publishing: it is an npmjs feature. For CI there, use a granular token limited to this package.', REGISTRY_FAMILIES[family].name), fixFor(COMMANDS.generateToken.id, t));
    return false;
  }
  if (status.packageFacts?.state === 'unpublished') {
    tell(context, 'info', t('npm sets up trusted publishing only for a package that exists. Publish the first version of {0} from here (with your 2FA), then set up trusted publishing for the next ones.', name), fixFor(COMMANDS.publish.id, t));
    return false;
  }
  if (status.configuredCredential.type === 'none' || status.credential?.kind === 'none') {
    tell(context, 'info', t('Log in first: npm manages trusted publishers with your session and second factor.'), fixFor(COMMANDS.login.id, t));
    return false;
  }
  if (hasNpmjsPolicies(status.registry) && status.accountTwoFactor === 'disabled') {
    tell(context, 'info', t('npm manages trusted publishers only for accounts with two-factor authentication. Turn it on, then set up trusted publishing.'), fixFor(COMMANDS.setUpTwoFactor.id, t));
    return false;
  }
  const c = status.credential;
  if (hasNpmjsPolicies(status.registry) && c?.kind === 'granular' && c.bypass2fa) {
    tell(context, 'info', t('npm does not accept a bypass-2FA token for trusted-publisher settings. Log in (a session with your second factor) and try again.'), fixFor(COMMANDS.login.id, t));
    return false;
  }
  return true;
}

/** The status and config come from the command wrapper (createCommand.ts). */
export async function showTrustedPublisher(context: ActionContext, target: ConfiguredTarget): Promise<void> {
  const t = vscode.l10n.t;
  if (!trustPreconditionMet(context, target.status)) return;
  const read = await readTrust(context, target);
  await context.afterAction();
  if (read.kind === 'cancelled') return;
  const name = inert(target.status.package.name!);
  type Item = vscode.QuickPickItem & { command?: string };
  const configs: Item[] = read.value.map((config) => ({ label: `$(verified) ${inert(describeTrust(config, t))}`, detail: t('id {0}', inert(config.id)) }));
  const items: Item[] = configs.length > 0
    ? [...configs, { label: `$(trash) ${t('Revoke…')}`, command: COMMANDS.revokeTrustedPublishing.id }, { label: `$(replace) ${t('Replace…')}`, command: COMMANDS.setUpTrustedPublishing.id }]
    : [{ label: t('No trusted publisher: CI cannot publish {0} with OIDC.', name) }, { label: `$(add) ${t(COMMANDS.setUpTrustedPublishing.button)}`, command: COMMANDS.setUpTrustedPublishing.id }];
  const choice = await context.prompts().pick(items, { title: t('Trusted publisher of {0}', name), placeHolder: t('What the registry says now') });
  if (choice?.command) await vscode.commands.executeCommand(choice.command, { manifest: target.status.package.manifestPath });
}

export async function revokeTrustedPublisher(context: ActionContext, target: ConfiguredTarget): Promise<void> {
  const t = vscode.l10n.t;
  if (!trustPreconditionMet(context, target.status)) return;
  const name = target.status.package.name!;
  const read = await readTrust(context, target);
  if (read.kind === 'cancelled') return;
  const [config] = read.value;
  if (!config) {
    await context.afterAction();
    tell(context, 'info', t('{0} has no trusted publisher: nothing to revoke.', name));
    return;
  }
  const revoke = t('Revoke');
  const detail = `${describeTrust(config, t)}\n\n${t('CI can then no longer publish {0} with OIDC, until a trusted publisher is set up again.', name)}`;
  if ((await context.prompts().confirm(t('Revoke the trusted publisher of {0}?', name), detail, revoke)) !== revoke) {
    await context.afterAction();
    return;
  }
  const revoked = await revokeConfig(context, target, config, read.accepted);
  await context.afterAction();
  if (revoked.kind === 'done') tell(context, 'info', t('The trusted publisher of {0} was revoked.', name));
}

/** `DELETE …/trust/<id>`, remembered as revoked (unless cancelled at the prompt). */
export async function revokeConfig(context: ActionContext, target: ConfiguredTarget, config: TrustConfig, reuse?: AcceptedAnswer): Promise<TrustCall<void>> {
  const name = target.status.package.name!;
  const { url } = target.config.registry;
  const done = await trustCall(context, target, (otp) => revokeTrust(url, target.config.fetchOptions, name, config.id, otp), reuse);
  if (done.kind === 'cancelled') return done;
  await context.store.rememberTrustedPublishing(url, name, { state: 'none', at: Date.now(), how: 'revoked' });
  context.log.info(`trusted publisher ${config.id} of ${name} revoked`);
  return done;
}
