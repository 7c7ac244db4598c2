// Every question the actions ask a person, in one place: the one-time-password box, browser approval
// with a cancellable progress notification, and the modal confirmation. In-host tests replace them
// (`PublishAuthApi.usePrompts`), since a test cannot type into a real input box; the e2e layer types
// into these real ones.
import * as vscode from 'vscode';
import { COMMANDS } from '../core/base/commands';
import type { StepAnswer, StepView } from '../core/policy/multiStep';
import { loadCommands } from './lazyModules';

export interface Prompts {
  /** A one-time password, normalised as npm sends it; undefined when the user pressed Escape. */
  oneTimePassword(options: { title: string; rejected: boolean }): Promise<string | undefined>;
  /**
   * Opens `url` in the browser and waits (cancellable) until `wait` resolves with the registry's answer.
   * Undefined when the user cancelled.
   */
  browserApproval<T>(options: { title: string; url: string; wait: (signal: AbortSignal) => Promise<T>; inside?: RoundTripHost }): Promise<T | undefined>;
  /** A modal question; the chosen button's title, or undefined for Cancel/Escape. */
  confirm(message: string, detail: string, ...buttons: string[]): Promise<string | undefined>;
  /** A line of text (a username); undefined for Escape. */
  text(options: { title: string; prompt: string; value?: string; validate?: (value: string) => string | undefined }): Promise<string | undefined>;
  /** A password box (never shown, never kept); `error` (a refused password) shows as its validation message. Undefined for Escape. */
  password(options: { title: string; prompt: string; error?: string }): Promise<string | undefined>;
  /** One of `items`; undefined for Escape. */
  pick<T extends vscode.QuickPickItem>(items: T[], options: { title: string; placeHolder: string }): Promise<T | undefined>;
  /** Some of `items` (those with `picked` are ticked at first); undefined for Escape. */
  pickMany<T extends vscode.QuickPickItem>(items: T[], options: { title: string; placeHolder: string }): Promise<T[] | undefined>;
  /**
   * A notification (not modal); resolves with the chosen button once the person acts, so callers
   * do not await it. Account actions show their results through here, so in-host tests see every text.
   */
  message(severity: 'info' | 'warning' | 'error', text: string, ...buttons: string[]): Promise<string | undefined>;
  /** One step of a wizard (src/core/policy/multiStep.ts): a value, Back, or cancel. */
  step(view: StepView): Promise<StepAnswer>;
  /**
   * The modal once a token exists, and the one place a new secret is shown: the token (or, for one
   * that is not shown, a detail) and the actions on it, closed with Close (not Cancel: the token
   * exists whatever the answer). The chosen action, or undefined when closed. Nothing is kept here.
   */
  newToken(options: { message: string; token?: string; detail?: string; actions: string[] }): Promise<string | undefined>;
}

/**
 * A progress notification already on screen (a publish's) that a browser round trip reports into,
 * instead of a second notification with a second Cancel.
 */
export interface RoundTripHost {
  report(message: string): void;
  signal: AbortSignal;
}

/** package.json's `when` for the two hidden commands. */
const PENDING_CONTEXT = 'npmPublishAuth.browserRoundTrip';

/** The page of the browser round trip under way: what Copy Link and Open Again in its notification act on. */
let pendingPage: string | undefined;

/** "Copy Link" / "Open Again" of the round trip's notification (hidden commands, shown only while one waits). */
export async function actOnPendingPage(action: 'copy' | 'open'): Promise<void> {
  if (!pendingPage) return;
  if (action === 'copy') await vscode.env.clipboard.writeText(pendingPage);
  else await vscode.env.openExternal(vscode.Uri.parse(pendingPage, true));
}

export const vscodePrompts: Prompts = {
  // The masked boxes live in the commands bundle (secretInput.ts): only its actions ask for secrets.
  oneTimePassword: (options) => loadCommands().askOneTimePassword(options),

  async browserApproval({ title, url, wait, inside }) {
    await vscode.env.openExternal(vscode.Uri.parse(url, true));
    // One notification per round trip, as VS Code's own sign-ins: Cancel, and the page's host (the
    // registry chose it) with Copy Link / Open Again for a browser that did not open or is elsewhere.
    const message = `${title} (${new URL(url).host}) [${vscode.l10n.t('Copy Link')}](command:${COMMANDS.copyApprovalLink.id}) · [${vscode.l10n.t('Open Again')}](command:${COMMANDS.openApprovalLink.id})`;
    const waitFor = async (signal: AbortSignal) => {
      try {
        return await wait(signal);
      } catch (error) {
        if (signal.aborted) return undefined;
        throw error;
      }
    };
    pendingPage = url;
    void vscode.commands.executeCommand('setContext', PENDING_CONTEXT, true);
    try {
      if (inside) {
        inside.report(message);
        return await waitFor(inside.signal);
      }
      return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: message, cancellable: true }, async (_progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        try {
          return await waitFor(controller.signal);
        } finally {
          subscription.dispose();
          controller.abort();
        }
      });
    } finally {
      pendingPage = undefined;
      void vscode.commands.executeCommand('setContext', PENDING_CONTEXT, false);
    }
  },

  async confirm(message, detail, ...buttons) {
    return vscode.window.showInformationMessage(message, { modal: true, detail }, ...buttons);
  },

  async text({ title, prompt, value, validate }) {
    return vscode.window.showInputBox({ title, prompt, value, ignoreFocusOut: true, validateInput: validate });
  },

  password: (options) => loadCommands().askPassword(options),

  async pick(items, { title, placeHolder }) {
    return vscode.window.showQuickPick(items, { title, placeHolder, ignoreFocusOut: true });
  },

  async pickMany(items, { title, placeHolder }) {
    return vscode.window.showQuickPick(items, { title, placeHolder, ignoreFocusOut: true, canPickMany: true });
  },

  async message(severity, text, ...buttons) {
    const show = { info: vscode.window.showInformationMessage, warning: vscode.window.showWarningMessage, error: vscode.window.showErrorMessage }[severity];
    return show(text, ...buttons);
  },

  // Only the token wizard has steps: the input lives in its bundle.
  step: (view) => loadCommands().showStep(view),

  async newToken({ message, token, detail, actions }) {
    const close = { title: vscode.l10n.t('Close'), isCloseAffordance: true };
    const chosen = await vscode.window.showWarningMessage(message, { modal: true, detail: token ?? detail }, ...actions.map((title) => ({ title })), close);
    return chosen === close ? undefined : chosen?.title;
  },
};
