// "npm: Generate Access Token": a granular access token as `npm token create` makes it, asked for in a
// wizard (what it is for, name, permission, packages and scopes, expiry, bypass 2FA, CIDR ranges;
// src/core/account/tokenWizard.ts), then the password and the 2FA challenge. The token is shown once,
// in a modal, and is only kept where the person puts it. A CI token goes into CI's secrets (Copy only),
// and is remembered — host, name, expiry, never the token — for its expiry reminders.
import * as vscode from 'vscode';
import { hasNpmjsPolicies } from '../../core/base/npmjsPolicies';
import { classifyAccountError } from '../../core/account/accountErrors';
import { createGranularToken, type CreatedToken } from '../../core/account/accountRequests';
import { withSecondFactor } from '../../core/account/secondFactor';
import { tokenBody, tokenSummary, unappliedRestrictions, unappliedSentence, type TokenRequest } from '../../core/account/tokenRequest';
import { requestFromAnswers, tokenDefaults, tokenSteps, type TokenWizardContext } from '../../core/account/tokenWizard';
import { readCiTokens, rememberCiToken } from '../../core/present/ciTokenReminders';
import { runSteps } from '../../core/policy/multiStep';
import { authTokenKey } from '../../core/account/npmrcEdit';
import { writeToken } from '../../core/account/npmrcFile';
import { registerSecret } from '../../core/base/secrets';
import { inert, registryHost } from '../../core/base/text';
import type { ActionContext } from '../actionContext';
import { COMMANDS, fixFor } from '../../core/base/commands';
import type { ConfiguredTarget } from '../createCommand';
import { tell } from '../notify';
import { secondFactorPrompts, tellFailure } from './accountFlow';
import { keepUnstoredToken, type UnstoredToken } from './unstoredToken';

/** Wrong passwords before giving up, as npm's own prompts allow a few tries. */
const MAX_PASSWORD_ATTEMPTS = 3;

/** Its package and config come from the command wrapper (createCommand.ts). */
export async function generateToken(context: ActionContext, { status, config }: ConfiguredTarget): Promise<void> {
  const t = vscode.l10n.t;
  const registryUrl = config.registry.url;
  const host = registryHost(registryUrl);
  if (config.credential.type === 'none') {
    tell(context, 'info', t('Log in to {0} first: creating a token needs your session.', host), fixFor(COMMANDS.login.id, t));
    return;
  }
  const wizard: TokenWizardContext = { host, npmjs: hasNpmjsPolicies(status.registry), packageName: status.package.name, today: new Date() };
  const request = await askTokenRequest(context, wizard);
  if (!request) return;
  const created = await createWithPassword(context, request, registryUrl, config.fetchOptions);
  if (!created) return;
  context.log.info(`token "${request.name}" created on ${host} (${request.purpose === 'ci' ? 'for CI, ' : ''}${request.permission}, ${request.expiresDays} days${request.bypass2fa ? ', bypass 2FA' : ''})`);
  const unapplied = unappliedRestrictions(request, created.answer);
  if (unapplied.length > 0) context.log.warn(`token "${request.name}" on ${host}: the registry did not apply ${unapplied.join(', ')}`);
  if (request.purpose === 'ci') await rememberForReminders(context, request, created, host);
  await offerToken(context, created.token, request, unappliedSentence(unapplied, host, t), {
    file: config.userconfig, key: authTokenKey(config.registry.nerfDart), registryUrl, fetchOptions: config.fetchOptions,
  });
}

/** The wizard, then its summary: Create Token goes on, Change… runs the wizard again from the answers. */
async function askTokenRequest(context: ActionContext, wizard: TokenWizardContext): Promise<TokenRequest | undefined> {
  const t = vscode.l10n.t;
  const create = t('Create Token');
  const change = t('Change…');
  const defaults = tokenDefaults(wizard);
  const steps = tokenSteps(wizard, t);
  for (let start = defaults; ;) {
    const answers = await runSteps(steps, start, (view) => context.prompts().step(view));
    if (!answers) return undefined;
    const request = requestFromAnswers(answers);
    const { message, detail } = tokenSummary(request, wizard.host, t);
    const choice = await context.prompts().confirm(message, detail, create, change);
    if (choice === create) return request;
    if (choice !== change) return undefined;
    start = { ...defaults, ...answers };
  }
}

/** Password (asked again after a wrong one, keeping the wizard's answers), then the 2FA challenge; undefined when cancelled or failed (then said). */
async function createWithPassword(context: ActionContext, request: TokenRequest, registryUrl: string, fetchOptions: Record<string, unknown>): Promise<CreatedToken | undefined> {
  const t = vscode.l10n.t;
  const host = registryHost(registryUrl);
  const what = t('Create token "{0}"', inert(request.name));
  for (let attempt = 1; ; attempt++) {
    const password = await context.prompts().password({
      title: what,
      prompt: t('Your password on {0} (npm asks for it to create a token):', host),
      error: attempt > 1 ? t('The registry did not accept that password.') : undefined,
    });
    if (!password) return undefined;
    registerSecret(password);
    try {
      const result = await withSecondFactor(
        (otp) => createGranularToken(registryUrl, fetchOptions, tokenBody(request, password), otp),
        secondFactorPrompts(context, what, registryUrl, fetchOptions),
      );
      if (result.kind === 'done') return result.value;
      tell(context, 'info', t('No token was created.'));
      return undefined;
    } catch (error) {
      if (classifyAccountError(error).kind === 'wrong-password' && attempt < MAX_PASSWORD_ATTEMPTS) continue;
      tellFailure(context, error, 'create-token', registryUrl);
      return undefined;
    }
  }
}

/**
 * A CI token is remembered for its reminders by the registry's host, its name and the expiry the
 * registry answered: never the token, nor its key. One the registry gave no expiry to (it may never
 * expire: unappliedRestrictions says so) has nothing to be reminded of.
 */
async function rememberForReminders(context: ActionContext, request: TokenRequest, created: CreatedToken, host: string): Promise<void> {
  const expiresAt = typeof created.answer.expires === 'string' ? Date.parse(created.answer.expires) : NaN;
  if (Number.isNaN(expiresAt)) return;
  try {
    await context.store.rememberCiTokens(rememberCiToken(readCiTokens(context.store.ciTokens()), { registry: host, name: request.name, expiresAt }));
  } catch (error) {
    // The token exists already: it is shown whatever happens here, only its reminders are lost.
    context.log.warn(`CI token "${request.name}" on ${host}: not remembered for reminders: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The one showing of the new token; "Use for This Registry" names the file it goes to (not for CI: its token goes into CI's secrets). */
async function offerToken(context: ActionContext, token: string, request: TokenRequest, unapplied: string | undefined, where: Omit<UnstoredToken, 'token'>): Promise<void> {
  const t = vscode.l10n.t;
  const host = registryHost(where.registryUrl);
  const copy = t('Copy');
  const use = t('Use for This Registry');
  const ci = request.purpose === 'ci';
  const whereTo = ci
    ? t('Copy it now: it is shown only this once. Store it as a secret in your CI, e.g. NPM_TOKEN.')
    : t('Copy it now: it is shown only this once. "{0}" saves it in {1}.', use, where.file);
  const choice = await context.prompts().newToken({
    message: [t('Token "{0}" created.', inert(request.name)), unapplied, whereTo].filter(Boolean).join(' '),
    token, actions: ci ? [copy] : [copy, use],
  });
  if (choice === copy) {
    await vscode.env.clipboard.writeText(token);
    tell(context, 'info', t('The token is on the clipboard; it is not shown again.'));
  } else if (choice === use && !ci) {
    try {
      await writeToken(where.file, where.key, token);
    } catch (error) {
      // The registry holds a valid token already: copy or revoke, never lost without a word.
      await keepUnstoredToken(context, { ...where, token }, error);
      await context.afterAction(); // the token list changed
      return;
    }
    context.log.info(`token "${request.name}" written to ${where.file} for ${host}`);
    await context.afterAction();
    tell(context, 'info', t('npm now uses token "{0}" for {1}.', inert(request.name), host));
    return;
  }
  await context.afterAction(); // the token list changed
}
