// Every question the actions ask a person, in one place: the one-time-password box, browser approval
// with a cancellable progress notification, and the modal confirmation. In-host tests replace them
// (`PublishAuthApi.usePrompts`), since a test cannot type into a real input box; the e2e layer types
// into these real ones.
import * as vscode from 'vscode';
import type { StepAnswer, StepView } from '../core/policy/multiStep';
import { checkOneTimePassword, normalizeOneTimePassword } from '../core/publish/oneTimePassword';
import { showStep } from './multiStepInput';

export interface Prompts {
  /** A one-time password, normalised as npm sends it; undefined when the user pressed Escape. */
  oneTimePassword(options: { title: string; rejected: boolean }): Promise<string | undefined>;
  /**
   * Opens `url` in the browser and waits (cancellable) until `wait` resolves with the registry's answer.
   * Undefined when the user cancelled.
   */
  browserApproval<T>(options: { title: string; url: string; wait: (signal: AbortSignal) => Promise<T> }): Promise<T | undefined>;
  /** A modal question; the chosen button's title, or undefined for Cancel/Escape. */
  confirm(message: string, detail: string, ...buttons: string[]): Promise<string | undefined>;
  /** A line of text (a username); undefined for Escape. */
  text(options: { title: string; prompt: string; value?: string; validate?: (value: string) => string | undefined }): Promise<string | undefined>;
  /** A password box (never shown, never kept); undefined for Escape. */
  password(options: { title: string; prompt: string }): Promise<string | undefined>;
  /** One of `items`; undefined for Escape. */
  pick<T extends vscode.QuickPickItem>(items: T[], options: { title: string; placeHolder: string }): Promise<T | undefined>;
  /**
   * A notification (not modal); resolves with the chosen button once the person acts, so callers
   * do not await it. Account actions show their results through here, so in-host tests see every text.
   */
  message(severity: 'info' | 'warning' | 'error', text: string, ...buttons: string[]): Promise<string | undefined>;
  /** One step of a wizard (src/core/policy/multiStep.ts): a value, Back, or cancel. */
  step(view: StepView): Promise<StepAnswer>;
  /**
   * The one place a new secret is shown: a modal with the token and the actions on it. The chosen
   * action, or undefined when closed. The token is not kept anywhere by this prompt.
   */
  newToken(options: { message: string; token: string; actions: string[] }): Promise<string | undefined>;
}

export const vscodePrompts: Prompts = {
  async oneTimePassword({ title, rejected }) {
    const code = await vscode.window.showInputBox({
      title,
      prompt: rejected
        ? vscode.l10n.t('The registry did not accept that code. Enter a new one-time password from your authenticator app.')
        : vscode.l10n.t('Enter the one-time password from your authenticator app (or a recovery code).'),
      placeHolder: '123456',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) =>
        checkOneTimePassword(value) === 'invalid' ? vscode.l10n.t('A one-time password has 6 to 8 digits; a recovery code has 64 hex characters.') : undefined,
    });
    return code && checkOneTimePassword(code) === 'ok' ? normalizeOneTimePassword(code) : undefined;
  },

  async browserApproval({ title, url, wait }) {
    const uri = vscode.Uri.parse(url, true);
    await vscode.env.openExternal(uri);
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (_progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        // The page may have opened on another machine's browser, or not at all: offer the link.
        void offerLink(url, controller.signal);
        try {
          return await wait(controller.signal);
        } catch (error) {
          if (controller.signal.aborted) return undefined;
          throw error;
        } finally {
          subscription.dispose();
          controller.abort();
        }
      },
    );
  },

  async confirm(message, detail, ...buttons) {
    return vscode.window.showInformationMessage(message, { modal: true, detail }, ...buttons);
  },

  async text({ title, prompt, value, validate }) {
    return vscode.window.showInputBox({ title, prompt, value, ignoreFocusOut: true, validateInput: validate });
  },

  async password({ title, prompt }) {
    // ignoreFocusOut: people switch to a password manager to copy it.
    return vscode.window.showInputBox({ title, prompt, password: true, ignoreFocusOut: true });
  },

  async pick(items, { title, placeHolder }) {
    return vscode.window.showQuickPick(items, { title, placeHolder, ignoreFocusOut: true });
  },

  async message(severity, text, ...buttons) {
    const show = { info: vscode.window.showInformationMessage, warning: vscode.window.showWarningMessage, error: vscode.window.showErrorMessage }[severity];
    return show(text, ...buttons);
  },

  step: showStep,

  async newToken({ message, token, actions }) {
    return vscode.window.showWarningMessage(message, { modal: true, detail: token }, ...actions);
  },
};

async function offerLink(url: string, done: AbortSignal): Promise<void> {
  const copy = vscode.l10n.t('Copy Link');
  const open = vscode.l10n.t('Open Again');
  const choice = await vscode.window.showInformationMessage(
    // The host, because the registry chose the page: the person sees where it goes before typing anything.
    vscode.l10n.t('Opening {0} in your browser. If the browser did not open, copy the link into a browser where you can approve.', new URL(url).host),
    copy,
    open,
  );
  if (done.aborted) return;
  if (choice === copy) await vscode.env.clipboard.writeText(url);
  if (choice === open) await vscode.env.openExternal(vscode.Uri.parse(url, true));
}
