// One LogOutputChannel for the extension. Every line passes through the session's redactor (the
// secrets the pipeline registered, then npm's secret shapes) and becomes one line, so text from the
// registry can neither leak a secret nor forge a log line.
import * as vscode from 'vscode';
import { logLine } from '../core/base/text';

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

interface Channel {
  trace(line: string): void;
  info(line: string): void;
  warn(line: string): void;
  error(line: string | Error): void;
  show(preserveFocus?: boolean): void;
}

/**
 * The channel, also keeping the last lines written in memory (already redacted), so in-host tests
 * can check that no secret reached the log: the channel's own text cannot be read back.
 */
export function recordingChannel(channel: vscode.LogOutputChannel, keep = 2000): Channel & { lines: string[] } {
  const lines: string[] = [];
  const record = (line: string) => {
    lines.push(line);
    if (lines.length > keep) lines.splice(0, lines.length - keep);
  };
  return {
    lines,
    trace: (line: string) => (record(line), channel.trace(line)),
    info: (line: string) => (record(line), channel.info(line)),
    warn: (line: string) => (record(line), channel.warn(line)),
    error: (line: string | Error) => (record(String(line)), channel.error(line)),
    show: (preserveFocus?: boolean) => channel.show(preserveFocus),
  };
}

/** A logger whose lines start with `[component]`. */
export function componentLogger(channel: Channel, component: string): Logger {
  const line = (message: string | Error) => logLine(component, message);
  return {
    trace: (m) => channel.trace(line(m)),
    info: (m) => channel.info(line(m)),
    warn: (m) => channel.warn(line(m)),
    error: (m) => channel.error(line(m)),
    show: () => channel.show(true),
  };
}
