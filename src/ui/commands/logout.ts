// "npm: Log Out": what `npm logout` does for the current package's registry — the token is revoked on
// the registry, then its line is removed from the config file it came from (every other byte kept).
// Revoking comes first: if the registry cannot be reached, nothing is changed and the person knows.
import * as vscode from 'vscode';
import { revokeSession } from '../../core/account/accountRequests';
import type { ConfigSource } from '../../core/base/model';
import { removeNpmrcValue } from '../../core/account/npmrcEdit';
import { editNpmrc } from '../../core/account/npmrcFile';
import { registryHost } from '../../core/base/text';
import type { ActionContext } from '../actionContext';
import type { ConfiguredTarget } from '../createCommand';
import { tell } from '../notify';
import { describeWhere } from './accountFlow';
import { describeWriteFailure } from './unstoredToken';

const FILE_LAYERS: ConfigSource['layer'][] = ['builtin', 'global', 'user', 'project'];

/** Its package and config come from the command wrapper (createCommand.ts), which also tells a failed revoke. */
export async function logout(context: ActionContext, { status, config }: ConfiguredTarget): Promise<void> {
  const t = vscode.l10n.t;
  const registryUrl = config.registry.url;
  const host = registryHost(registryUrl);
  const credential = config.credential;
  if (credential.type === 'none') {
    tell(context, 'info', t('npm has no credential for {0} here.', host));
    return;
  }
  const where = await describeWhere(credential.source);
  if (credential.type !== 'token') {
    // npm logout sends nothing for these either: there is no session to revoke.
    tell(context, 'info', credential.type === 'basic'
      ? t('The credential for {0} is a username and password in {1}, with no session to revoke; remove it there to log out.', host, where)
      : t('The credential for {0} in {1} uses a variable that is not set, so there is no token to revoke; remove it there to log out.', host, where));
    return;
  }
  const token = config.fetchOptions[credential.source.key];
  const inFile = FILE_LAYERS.includes(credential.source.layer) && credential.source.file !== undefined && !credential.source.key.startsWith('publishConfig.');
  const user = status.credential && 'username' in status.credential && status.credential.username ? status.credential.username : undefined;
  const message = user ? t('Log out {0} from {1}?', user, host) : t('Log out from {0}?', host);
  const detail = inFile
    ? t('The token ({0}) is revoked on the registry and removed from {1}.', credential.masked, where)
    : t('The token ({0}) is revoked on the registry. It comes from {1}, which this extension cannot change: remove it there afterwards.', credential.masked, where);
  const go = t('Log Out');
  if ((await context.prompts().confirm(message, detail, go)) !== go) return;
  if (typeof token !== 'string' || !token) {
    tell(context, 'error', t('The token for {0} could not be read from {1}.', host, where));
    return;
  }
  // Revoked first: a failure (told by the wrapper) leaves the config as it was.
  const revoked = await revokeSession(registryUrl, config.fetchOptions, token);
  context.log.info(`logout on ${host}: ${revoked}`);
  const who = user ? t('{0} is logged out of {1}.', user, host) : t('Logged out of {0}.', host);
  // What the registry really did, when it is not what a logout promises.
  const truth = revoked === 'still-valid' ? t('But {0} did not revoke the token: it still works there until the registry ends it.', host)
    : revoked === 'unconfirmed' ? t('Whether {0} revoked the token could not be checked.', host) : undefined;
  if (inFile) {
    try {
      await editNpmrc(credential.source.file!, (text) => removeNpmrcValue(text, credential.source.key));
    } catch (error) {
      const reason = describeWriteFailure(error, credential.source.file!);
      context.log.error(`logout on ${host}: the revoked token's line was not removed: ${reason}`);
      await context.afterAction();
      const kept = revoked === 'still-valid' ? t('The token still works on {0}, and its line could not be removed: {1}', host, reason)
        : t('The token was revoked, but its line could not be removed: {0}', reason);
      tell(context, 'error', `${who} ${kept}`);
      return;
    }
  }
  const after = await context.afterAction();
  const still = after?.configuredCredential.type !== 'none' && after?.configuredCredential !== undefined;
  const say = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' ');
  if (!inFile) tell(context, 'warning', say(who, truth, t('The token is still set in {0}: remove it there.', where)));
  else if (still) tell(context, 'warning', say(who, truth, t('npm now finds another credential for {0}: {1}.', host, await describeWhere((after!.configuredCredential as { source: ConfigSource }).source))));
  else {
    context.log.info(`logout on ${host}: the token's line was removed from ${credential.source.file}`);
    tell(context, revoked === 'still-valid' ? 'warning' : 'info', say(who, truth));
  }
}
