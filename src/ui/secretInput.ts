// The masked input boxes of the prompts (prompts.ts): a one-time password and a password. In the
// commands bundle, since only its actions ask for secrets.
import * as vscode from 'vscode';
import { checkOneTimePassword, normalizeOneTimePassword } from '../core/publish/oneTimePassword';

/** A one-time password, normalised as npm sends it; a refused one shows as the box's validation message. */
export async function askOneTimePassword({ title, rejected }: { title: string; rejected: boolean }): Promise<string | undefined> {
  const code = await hiddenInput({
    title,
    prompt: vscode.l10n.t('Enter the one-time password from your authenticator app (or a recovery code).'),
    placeholder: '123456',
    error: rejected ? vscode.l10n.t('The registry did not accept that code. Enter a new one.') : undefined,
    validate: (value) =>
      checkOneTimePassword(value) === 'invalid' ? vscode.l10n.t('A one-time password has 6 to 8 digits; a recovery code has 64 hex characters.') : undefined,
  });
  return code && checkOneTimePassword(code) === 'ok' ? normalizeOneTimePassword(code) : undefined;
}

export function askPassword(options: { title: string; prompt: string; error?: string }): Promise<string | undefined> {
  return hiddenInput(options);
}

/**
 * A masked input box whose refusal (a wrong password or code, said by the registry) is its validation
 * message, as VS Code shows input errors, until the person types. ignoreFocusOut: people switch to a
 * password manager or an authenticator app to copy it.
 */
function hiddenInput(options: { title: string; prompt: string; placeholder?: string; error?: string; validate?: (value: string) => string | undefined }): Promise<string | undefined> {
  const input = vscode.window.createInputBox();
  Object.assign(input, { title: options.title, prompt: options.prompt, placeholder: options.placeholder, password: true, ignoreFocusOut: true });
  if (options.error) input.validationMessage = { message: options.error, severity: vscode.InputBoxValidationSeverity.Error };
  return new Promise((resolve) => {
    const finish = (value: string | undefined) => {
      for (const subscription of subscriptions) subscription.dispose();
      input.dispose();
      resolve(value);
    };
    const subscriptions = [
      input.onDidChangeValue((value) => (input.validationMessage = options.validate?.(value))),
      input.onDidAccept(() => {
        const problem = options.validate?.(input.value);
        if (problem) input.validationMessage = problem;
        else finish(input.value);
      }),
      input.onDidHide(() => finish(undefined)),
    ];
    input.show();
  });
}
