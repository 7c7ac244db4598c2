// A token the registry already issued that could not be saved is never dropped silently: one modal
// says why (naming the file) and what becomes of the token — copy it to store it by hand, or revoke it
// so no valid credential is left lying around. The token itself never goes into a message or the log.
import * as vscode from 'vscode';
import { revokeSession } from '../../core/account/accountRequests';
import { isNpmrcFileError, isUnwritableTokenError } from '../../core/account/npmrcFile';
import type { SpecialFileKind } from '../../core/status/configFiles';
import { registerSecret } from '../../core/base/secrets';
import { registryHost } from '../../core/base/text';
import type { ActionContext } from '../actionContext';
import { tell } from '../notify';
import { tellFailure } from './accountFlow';

export interface UnstoredToken {
  token: string;
  /** The config file it was meant for. */
  file: string;
  /** Its key there (`//host/:_authToken`); revoking sends the token as that credential, as `npm logout` does. */
  key: string;
  registryUrl: string;
  fetchOptions: Record<string, unknown>;
}

/** Why a config file was not written, naming the file. */
export function describeWriteFailure(error: unknown, file: string): string {
  const t = vscode.l10n.t;
  if (isUnwritableTokenError(error)) {
    return t('the registry sent a token with characters npm tokens never contain (a line break, quote, $, space…), so it was not written to {0}.', file);
  }
  if (!isNpmrcFileError(error)) return t('{0} could not be written: {1}', file, error instanceof Error ? error.message : String(error));
  const problem = error.problem;
  switch (problem.kind) {
    case 'read-only': return t('{0} is read-only; make it writable or point npm\'s userconfig at another file.', error.where);
    case 'symlink-loop': return t('{0} is a loop of symbolic links.', error.where);
    case 'kept-changing': return t('{0} kept changing while it was being edited (another program writing it?).', error.where);
    case 'special-file': {
      const what: Record<SpecialFileKind, string> = {
        folder: t('a folder'), fifo: t('a named pipe (FIFO)'), 'character-device': t('a device such as /dev/null'),
        'block-device': t('a block device'), socket: t('a socket'), other: t('a special file'),
      };
      return t('{0} is {1}, not a regular file, so nothing was written to it.', error.where, what[problem.what]);
    }
  }
}

/** After a failed write of a token the registry issued: the reason, then Copy Token or Revoke It (asked again if revoking fails). */
export async function keepUnstoredToken(context: ActionContext, unstored: UnstoredToken, error: unknown): Promise<void> {
  const t = vscode.l10n.t;
  registerSecret(unstored.token); // before any text about it is built (the request functions registered it already)
  const host = registryHost(unstored.registryUrl);
  const reason = describeWriteFailure(error, unstored.file);
  context.log.error(`a token from ${host} was not saved: ${reason}`);
  // A refused token is not one npm could use, and pasting `$(…)` into a shell runs it: not shown, not copied.
  const refused = isUnwritableTokenError(error);
  const copy = t('Copy Token');
  const revoke = t('Revoke It');
  const message = t('The new token from {0} was not saved: {1}', host, reason);
  for (;;) {
    const choice = refused
      ? await context.prompts().newToken({ message, detail: t('It may be valid on {0}. Revoke it so that it cannot be used?', host), actions: [revoke] })
      : await context.prompts().newToken({
        message: `${message} ${t('It is valid on {0}: copy it now to store it yourself (it is not shown again), or revoke it.', host)}`,
        token: unstored.token, actions: [copy, revoke],
      });
    if (choice === copy) {
      await vscode.env.clipboard.writeText(unstored.token);
      tell(context, 'info', t('The token is on the clipboard and not shown again. Store it yourself, e.g. with npm config set "{0}=…" once {1} can be written, or in another config file.', unstored.key, unstored.file));
      return;
    }
    if (choice !== revoke) {
      tell(context, 'warning', t('The token was neither saved nor revoked: it stays valid on {0} until it expires. Revoke it on the registry if you do not need it.', host));
      return;
    }
    try {
      const revoked = await revokeSession(unstored.registryUrl, { ...unstored.fetchOptions, [unstored.key]: unstored.token }, unstored.token);
      context.log.info(`the unsaved token was revoked on ${host} (${revoked})`);
      tell(context, 'info', t('The token was revoked on {0}; nothing was saved in {1}.', host, unstored.file));
      return;
    } catch (revokeError) {
      tellFailure(context, revokeError, 'logout', unstored.registryUrl); // then the choice again: the token is still valid
    }
  }
}
