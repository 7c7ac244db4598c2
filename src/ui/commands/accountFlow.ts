// What the action commands (publish and the account commands) share: the 2FA prompts wired to the
// registry and where a credential lives in words a person can find (file and line, or variable).
// Failed account requests are told here (tellFailure), the rest by ../notify.ts.
import * as vscode from 'vscode';
import { classifyAccountError, describeAccountFailure, type AccountAction } from '../../core/account/accountErrors';
import { COMMANDS, fixFor } from '../../core/base/commands';
import type { SecondFactorHooks } from '../../core/account/secondFactor';
import type { ConfigSource } from '../../core/base/model';
import { npmrcKeyLines } from '../../core/account/npmrcEdit';
import { readNpmrc } from '../../core/account/npmrcFile';
import { registerSecret } from '../../core/base/secrets';
import { registryHost } from '../../core/base/text';
import { checkPageUrl, planDonePoll, WebAuthRefused } from '../../core/account/webAuthUrls';
import type { ActionContext } from '../actionContext';
import type { RoundTripHost } from '../prompts';
import { tell, type Notifier } from '../notify';
import { registryFamily } from '../../core/base/registries';
import { declaredRegistryKinds } from '../statusSettings';

/**
 * The OTP box and browser approval for a challenged request; `browserTitle` replaces the generic one,
 * and `inside` is the progress notification the round trip reports into (a publish's).
 */
export function secondFactorPrompts(
  context: ActionContext,
  what: string,
  registryUrl: string,
  fetchOptions: Record<string, unknown>,
  browserTitle?: string,
  inside?: RoundTripHost,
): SecondFactorHooks {
  const t = vscode.l10n.t;
  return {
    oneTimePassword: async (rejected) => {
      const code = await context.prompts().oneTimePassword({ title: t('{0}: one-time password', what), rejected });
      registerSecret(code); // whatever npm or the registry may echo, a code never reaches a text
      return code;
    },
    browserApproval: (challenge) =>
      approveInBrowser(context, browserTitle ?? t('{0}: approve in your browser…', what), challenge.authUrl, challenge.doneUrl, registryUrl, fetchOptions, inside),
  };
}

/**
 * Opens the registry's login or approval page and polls its done URL, both checked first
 * (src/core/account/webAuthUrls.ts): a page or poll the rules refuse throws before anything opens or is sent.
 * The registry's one-time token, or undefined when cancelled.
 */
export async function approveInBrowser(
  context: ActionContext, title: string, pageUrl: string, doneUrl: string, registryUrl: string, fetchOptions: Record<string, unknown>, inside?: RoundTripHost,
): Promise<string | undefined> {
  const page = checkPageUrl(pageUrl, registryUrl);
  const poll = planDonePoll(doneUrl, registryUrl);
  const refused = !page.ok ? page.reason : !poll.ok ? poll.reason : undefined;
  if (refused) {
    context.log.warn(`web auth refused: ${refused}`);
    throw new WebAuthRefused(refused);
  }
  if (poll.ok && poll.credentials === 'none') context.log.info(`web auth: polling ${new URL(poll.url).host} without credentials (not the registry's origin)`);
  return context.prompts().browserApproval({ title, url: pageUrl, wait: (signal) => context.waitForWebToken(doneUrl, registryUrl, fetchOptions, signal), inside });
}

/** Which registry the URL is, with the user's declarations (the status's own rule). */
export function registryFamilyOf(registryUrl: string): ReturnType<typeof registryFamily> {
  return registryFamily(registryUrl, declaredRegistryKinds());
}

/** Logs and shows a failed account request, with Log In as the fix where logging in helps. */
export function tellFailure(context: Notifier, error: unknown, action: AccountAction, registryUrl: string): void {
  const failure = classifyAccountError(error);
  context.log.error(`${action} on ${registryHost(registryUrl)}: ${failure.kind}${failure.status ? ` (${failure.status})` : ''} ${failure.said}`);
  const text = describeAccountFailure(failure, action, registryHost(registryUrl), vscode.l10n.t, registryFamilyOf(registryUrl) === 'npmjs');
  const login = failure.kind === 'bypass-refused' || failure.kind === 'unauthorized';
  tell(context, 'error', text, login && action !== 'login' ? fixFor(COMMANDS.login.id, vscode.l10n.t) : undefined);
}

/** "line 3 of /home/me/project/.npmrc", or "the environment variable npm_config_//host/:_authToken". */
export async function describeWhere(source: ConfigSource): Promise<string> {
  const t = vscode.l10n.t;
  if (source.layer === 'env') return t('the environment variable npm_config_{0}', source.key);
  if (!source.file) return t('the {0} config', source.layer);
  const lines = npmrcKeyLines(await readNpmrc(source.file).catch(() => ''), source.key);
  return lines.length > 0 ? t('line {0} of {1}', lines.at(-1)!, source.file) : source.file;
}
