// "npm: Log In to Registry": logs in to the registry the current package publishes to (as npm resolves
// it), the way `npm login` does — web login in the browser, or the legacy username/password login
// where the registry has none — then writes the token to the user config with the npmrc editor and
// tells whether that login is the credential npm will use (a project .npmrc or variable may shadow it).
import * as vscode from 'vscode';
import { loginWithPassword, startWebLogin, WebLoginUnsupported } from '../../core/account/accountRequests';
import { withSecondFactor } from '../../core/account/secondFactor';
import { COMMANDS, fixFor, type CommandFix } from '../../core/base/commands';
import type { PublishAuthStatus } from '../../core/base/model';
import type { ResolvedPublishConfig } from '../../core/status/npmConfig';
import { projectPlace, shadowingOf } from '../../core/status/shadowing';
import { authTokenKey } from '../../core/account/npmrcEdit';
import { writeToken } from '../../core/account/npmrcFile';
import { maskToken, registerSecret } from '../../core/base/secrets';
import { registryHost } from '../../core/base/text';
import type { ActionContext } from '../actionContext';
import type { ConfiguredTarget } from '../createCommand';
import { tell } from '../notify';
import { approveInBrowser, describeWhere, secondFactorPrompts } from './accountFlow';
import { keepUnstoredToken } from './unstoredToken';

/** Its package and config come from the command wrapper (createCommand.ts), which also tells its failures. */
export async function login(context: ActionContext, { config }: ConfiguredTarget): Promise<void> {
  const t = vscode.l10n.t;
  const token = await obtainToken(context, config);
  if (token === undefined) {
    context.log.info(`login to ${registryHost(config.registry.url)} cancelled`);
    tell(context, 'info', t('Login to {0} was cancelled; nothing was changed.', registryHost(config.registry.url)));
    return;
  }
  await storeToken(context, config, token);
}

/** The new token, or undefined when the person cancelled at any step. */
async function obtainToken(context: ActionContext, config: ResolvedPublishConfig): Promise<string | undefined> {
  const t = vscode.l10n.t;
  const registryUrl = config.registry.url;
  const host = registryHost(registryUrl);
  let start;
  try {
    start = await startWebLogin(registryUrl, config.fetchOptions);
  } catch (error) {
    if (!(error instanceof WebLoginUnsupported)) throw error;
    context.log.info(`${host} has no web login (${error.status ?? 'no status'}): asking for username and password`);
    return legacyLogin(context, config);
  }
  context.log.info(`web login on ${host} started`);
  const token = await approveInBrowser(context, t('Waiting for you to log in to {0} in the browser…', host), start.loginUrl, start.doneUrl, registryUrl, config.fetchOptions);
  registerSecret(token);
  return token;
}

/** npm's fallback when the registry has no web login: username, password, and a code if challenged. */
async function legacyLogin(context: ActionContext, config: ResolvedPublishConfig): Promise<string | undefined> {
  const t = vscode.l10n.t;
  const host = registryHost(config.registry.url);
  const title = t('Log in to {0}', host);
  const username = await context.prompts().text({
    title, prompt: t('{0} has no browser login. Your username on {0}:', host),
    validate: (value) => (value.trim() ? undefined : t('Enter your username.')),
  });
  if (!username?.trim()) return undefined;
  const password = await context.prompts().password({ title, prompt: t('The password of {0} on {1}:', username.trim(), host) });
  if (!password) return undefined;
  registerSecret(password);
  const result = await withSecondFactor(
    (otp) => loginWithPassword(config.registry.url, config.fetchOptions, username.trim(), password, otp),
    secondFactorPrompts(context, title, config.registry.url, config.fetchOptions),
  );
  return result.kind === 'done' ? result.value : undefined;
}

/** Writes the token where `npm login` writes it, remembers when, and says whether npm will use it. */
async function storeToken(context: ActionContext, config: ResolvedPublishConfig, token: string): Promise<void> {
  const t = vscode.l10n.t;
  const registryUrl = config.registry.url;
  const host = registryHost(registryUrl);
  const key = authTokenKey(config.registry.nerfDart);
  context.log.info(`writing the token for ${host} to ${config.userconfig}`);
  try {
    await writeToken(config.userconfig, key, token);
  } catch (error) {
    // The registry issued a session already: copy it (npm config set by hand) or revoke it, never lose it silently.
    await keepUnstoredToken(context, { token, file: config.userconfig, key, registryUrl, fetchOptions: config.fetchOptions }, error);
    return;
  }
  await context.store.rememberLogin(registryUrl, maskToken(token), Date.now());
  context.log.info(`logged in to ${host}; token written to ${config.userconfig}`);
  const after = await context.afterAction();
  const shadowing = await shadowedBy(after, token);
  if (shadowing) {
    tell(context, 'warning', t('Logged in to {0}, but npm uses another credential for this package: {1}.', host, shadowing.where), shadowing.fix);
    return;
  }
  const user = after?.credential && 'username' in after.credential && after.credential.username ? after.credential.username : undefined;
  // A toast without buttons is one line until expanded: the essential only (the file is in the log, the session's time in the item).
  tell(context, 'info', user ? t('Logged in to {0} as {1}.', host, user) : t('Logged in to {0}.', host));
}

/** Where the credential npm will use comes from, when it is not the token just written, and the fix that removes it. */
async function shadowedBy(status: PublishAuthStatus | undefined, token: string): Promise<{ where: string; fix?: CommandFix } | undefined> {
  const configured = status?.configuredCredential;
  if (!status || !configured || configured.type === 'none') return undefined;
  if (configured.type === 'token' && configured.masked === maskToken(token) && configured.source.layer === 'user') return undefined;
  const shadowing = shadowingOf(configured);
  if (shadowing?.where === 'project') return { where: projectPlace(shadowing, status.package, vscode.l10n.t), fix: fixFor(COMMANDS.removeProjectCredential.id, vscode.l10n.t) };
  return { where: await describeWhere(configured.source) };
}
