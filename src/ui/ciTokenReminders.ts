// The editor side of the CI token reminders (src/core/present/ciTokenReminders.ts): after each status,
// what is due is stored as announced first (so a restart or a second status never repeats it), then
// shown as a warning with Generate Token…. Bundled with the status pipeline (dist/pipeline.js).
import * as vscode from 'vscode';
import { COMMANDS, fixFor } from '../core/base/commands';
import { dueReminders, readCiTokens, reminderMessage } from '../core/present/ciTokenReminders';
import { tell, type Notifier } from './notify';
import type { StateStore } from './stateStore';

/** One check at a time: two statuses in a row must not both read the list before either stores it. */
let running: Promise<void> = Promise.resolve();

/** Announces the reminders due at `now`; resolves when they are stored (the notifications are not awaited). */
export function remindCiTokens(store: StateStore, notifier: Notifier, now: number): Promise<void> {
  running = running.then(() => remind(store, notifier, now)).catch((error: unknown) => {
    notifier.log.warn(`the CI token reminders failed: ${error instanceof Error ? error.message : String(error)}`);
  });
  return running;
}

async function remind(store: StateStore, notifier: Notifier, now: number): Promise<void> {
  const stored = readCiTokens(store.ciTokens());
  const { due, tokens } = dueReminders(stored, now);
  if (due.length === 0 && tokens.length === stored.length) return;
  await store.rememberCiTokens(tokens);
  const t = vscode.l10n.t;
  for (const reminder of due) {
    notifier.log.info(`CI token "${reminder.token.name}" on ${reminder.token.registry}: reminder ${reminder.stage}`);
    tell(notifier, 'warning', reminderMessage(reminder, now, t), fixFor(COMMANDS.generateToken.id, t));
  }
}
