// One LogOutputChannel for the extension; every line passes through npm's own redactor first.
import * as vscode from 'vscode';
import { redactLog } from '@npmcli/redact';

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
  const line = (message: string | Error) =>
    `[${component}] ${redactLog(message instanceof Error ? message.message : message)}`;
  return {
    trace: (m) => channel.trace(line(m)),
    info: (m) => channel.info(line(m)),
    warn: (m) => channel.warn(line(m)),
    error: (m) => channel.error(line(m)),
    show: () => channel.show(true),
  };
}
