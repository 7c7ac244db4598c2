// "npm: Generate Access Token": a granular access token as `npm token create` makes it, asked for in a
// wizard (name, permission, packages and scopes, expiry, bypass 2FA, CIDR ranges), then the password and
// the 2FA challenge. The token is shown once, in a modal, and is only kept where the person puts it.
import * as vscode from 'vscode';
import { BYPASS_DIRECT_PUBLISH_END } from '../../core/base/npmjsPolicies';
import { classifyAccountError } from '../../core/account/accountErrors';
import { createGranularToken, type CreatedToken } from '../../core/account/accountRequests';
import { withSecondFactor } from '../../core/account/secondFactor';
import {
  checkCidrs, checkExpiryDays, checkPackagesAndScopes, checkTokenName, DEFAULT_DAYS, splitList, suggestTokenName, tokenBody, tokenSummary,
  unappliedRestrictions, unappliedSentence,
  type TokenPermissionChoice, type TokenRequest,
} from '../../core/account/tokenRequest';
import { runSteps, type Step } from '../../core/policy/multiStep';
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

function tokenSteps(host: string): Step[] {
  const t = vscode.l10n.t;
  const title = t('New access token for {0}', host);
  return [
    { id: 'name', kind: 'text', title, prompt: t('A name for the token (the token list shows it)'), validate: (v) => checkTokenName(v, t) },
    {
      id: 'permission', kind: 'pick', title, placeholder: t('What may the token do with the packages?'),
      items: [
        { value: 'read-write', label: t('Read and write'), detail: t('Install and publish.') },
        { value: 'read-only', label: t('Read-only'), detail: t('Install only (e.g. private packages in CI).') },
      ],
    },
    {
      id: 'packages', kind: 'text', title, prompt: t('Packages and @scopes, separated by commas or spaces'), placeholder: '@acme, my-package',
      validate: (v) => checkPackagesAndScopes(v, t),
    },
    {
      id: 'expires', kind: 'text', title,
      prompt: (values) => values.permission === 'read-write'
        ? t('Days until the token expires (write tokens: at most 90)')
        : t('Days until the token expires'),
      validate: (v, values) => checkExpiryDays(v, values.permission as TokenPermissionChoice, t),
    },
    {
      id: 'bypass', kind: 'pick', title, placeholder: t('Bypass two-factor authentication when publishing?'),
      when: (values) => values.permission === 'read-write',
      items: [
        { value: 'no', label: t('No — publishing asks for 2FA'), detail: t('Recommended for a token you use yourself.') },
        // What a bypass means (and that npm plans to end its publishing) is in the summary before the password: too long for a row.
        { value: 'yes', label: t('$(warning) Yes — publish without 2FA'), detail: t('For CI without trusted publishing; ends {0}.', t(BYPASS_DIRECT_PUBLISH_END.month)) },
      ],
    },
    {
      id: 'cidr', kind: 'text', title, prompt: t('Optional: allowed IP ranges in CIDR notation (empty: any address)'), placeholder: '192.0.2.0/24, 2001:db8::/32',
      validate: (v) => checkCidrs(v, t),
    },
  ];
}

/** Its package and config come from the command wrapper (createCommand.ts). */
export async function generateToken(context: ActionContext, { status, config }: ConfiguredTarget): Promise<void> {
  const t = vscode.l10n.t;
  const registryUrl = config.registry.url;
  const host = registryHost(registryUrl);
  if (config.credential.type === 'none') {
    tell(context, 'info', t('Log in to {0} first: creating a token needs your session.', host), fixFor(COMMANDS.login.id, t));
    return;
  }
  const defaults = {
    name: suggestTokenName(status.package.name, new Date()), permission: 'read-write', packages: status.package.name ?? '',
    expires: String(DEFAULT_DAYS), bypass: 'no', cidr: '',
  };
  const request = await askTokenRequest(context, host, defaults);
  if (!request) return;
  const created = await createWithPassword(context, request, registryUrl, config.fetchOptions);
  if (!created) return;
  context.log.info(`token "${request.name}" created on ${host} (${request.permission}, ${request.expiresDays} days${request.bypass2fa ? ', bypass 2FA' : ''})`);
  const unapplied = unappliedRestrictions(request, created.answer);
  if (unapplied.length > 0) context.log.warn(`token "${request.name}" on ${host}: the registry did not apply ${unapplied.join(', ')}`);
  await offerToken(context, created.token, request, unappliedSentence(unapplied, host, t), {
    file: config.userconfig, key: authTokenKey(config.registry.nerfDart), registryUrl, fetchOptions: config.fetchOptions,
  });
}

/** The wizard, then its summary: Create Token goes on, Change… runs the wizard again from the answers. */
async function askTokenRequest(context: ActionContext, host: string, defaults: Record<string, string>): Promise<TokenRequest | undefined> {
  const t = vscode.l10n.t;
  const create = t('Create Token');
  const change = t('Change…');
  for (let start = defaults; ;) {
    const answers = await runSteps(tokenSteps(host), start, (view) => context.prompts().step(view));
    if (!answers) return undefined;
    const request: TokenRequest = {
      name: answers.name!.trim(), permission: answers.permission as TokenPermissionChoice, packagesAndScopes: splitList(answers.packages!),
      expiresDays: Number(answers.expires), bypass2fa: answers.bypass === 'yes', cidr: splitList(answers.cidr ?? ''),
    };
    const { message, detail } = tokenSummary(request, host, t);
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

/** The one showing of the new token; "Use for This Registry" names the file it goes to. */
async function offerToken(context: ActionContext, token: string, request: TokenRequest, unapplied: string | undefined, where: Omit<UnstoredToken, 'token'>): Promise<void> {
  const t = vscode.l10n.t;
  const host = registryHost(where.registryUrl);
  const copy = t('Copy');
  const use = t('Use for This Registry');
  const choice = await context.prompts().newToken({
    message: [t('Token "{0}" created.', inert(request.name)), unapplied, t('Copy it now: it is shown only this once. "{0}" saves it in {1}.', use, where.file)].filter(Boolean).join(' '),
    token, actions: [copy, use],
  });
  if (choice === copy) {
    await vscode.env.clipboard.writeText(token);
    tell(context, 'info', t('The token is on the clipboard; it is not shown again.'));
  } else if (choice === use) {
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
