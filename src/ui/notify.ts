// Results and failures of the commands as notifications: made inert, with an optional fix button
// and, for an error, Show Log. Not awaited, so a command ends while its message is still shown.
// Light on purpose: the command wrapper in the activation bundle uses it too (an account failure's
// words are in dist/commands.js: accountFlow.ts tellFailure).
import * as vscode from 'vscode';
import { COMMANDS, type CommandFix } from '../core/base/commands';
import { inert } from '../core/base/text';
import type { ActionContext } from './actionContext';

export type Notifier = Pick<ActionContext, 'prompts' | 'log'>;

/** A result or failure as a notification (made inert), with an optional fix button; not awaited. */
export function tell(context: Notifier, severity: 'info' | 'warning' | 'error', text: string, fix?: CommandFix): void {
  const showLog = vscode.l10n.t(COMMANDS.showLog.button);
  const buttons = [...(fix ? [fix.title] : []), ...(severity === 'error' ? [showLog] : [])];
  void context.prompts().message(severity, inert(text), ...buttons).then((choice) => {
    if (fix && choice === fix.title) void vscode.commands.executeCommand(fix.command);
    if (choice === showLog) context.log.show();
  });
}
