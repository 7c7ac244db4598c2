// One LogOutputChannel for the extension. Every line passes through the session's redactor (the
// secrets the pipeline registered, then npm's secret shapes) and becomes one line, so text from the
// registry can neither leak a secret nor forge a log line.
import * as vscode from 'vscode';
import { logLine } from '../core/text';

export interface Logger {
  trace(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
  show(): void;
}

export function createLogChannel(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel(vscode.l10n.t('npm Publish Auth'), { log: true });
}

/** A logger whose lines start with `[component]`. */
export function componentLogger(channel: vscode.LogOutputChannel, component: string): Logger {
  const line = (message: string | Error) => logLine(component, message);
  return {
    trace: (m) => channel.trace(line(m)),
    info: (m) => channel.info(line(m)),
    warn: (m) => channel.warn(line(m)),
    error: (m) => channel.error(line(m)),
    show: () => channel.show(true),
  };
}
