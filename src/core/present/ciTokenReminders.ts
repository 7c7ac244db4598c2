// Reminders for the CI tokens created here: a CI secret expires silently, and CI learns it at the
// next release. Each token is remembered by its registry's host, its name and its expiry — never the
// token nor its key — and each stage (7 days left, 1 day left, expired) is announced once.
// Pure: the editor side (src/ui/ciTokenReminders.ts) stores the list and shows what is due.
import { humanAgo, humanDuration, type Localize } from '../base/localize';
import type { ReminderStage, RememberedCiToken } from '../base/model';

const DAY_MS = 24 * 60 * 60_000;
/** From this long before the expiry, a CI token is something to act on (status line and a notification). */
export const CI_REMINDER_MS = 7 * DAY_MS;
/** How long an expired token stays remembered (and said in the status) before it is forgotten. */
export const CI_FORGET_AFTER_MS = 7 * DAY_MS;

const STAGES: readonly ReminderStage[] = ['7d', '1d', 'expired'];

/** The stage a token is in now, or undefined while more than 7 days are left. */
export function reminderStage(expiresAt: number, now: number): ReminderStage | undefined {
  const left = expiresAt - now;
  if (left <= 0) return 'expired';
  if (left <= DAY_MS) return '1d';
  if (left <= CI_REMINDER_MS) return '7d';
  return undefined;
}

/** A week after its expiry a token is forgotten: no line, no reminder, not stored. */
const forgotten = (token: RememberedCiToken, now: number) => now - token.expiresAt > CI_FORGET_AFTER_MS;

/** A new CI token joins the list (replacing a remembered one of the same name on the same registry). */
export function rememberCiToken(tokens: readonly RememberedCiToken[], token: Omit<RememberedCiToken, 'announced'>): RememberedCiToken[] {
  const record: RememberedCiToken = { registry: token.registry, name: token.name, expiresAt: token.expiresAt, announced: [] };
  return [...tokens.filter((t) => t.registry !== token.registry || t.name !== token.name), record];
}

/** What globalState holds, read defensively: anything not shaped as a record is dropped. */
export function readCiTokens(stored: unknown): RememberedCiToken[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((item: unknown): RememberedCiToken[] => {
    const r = item as Partial<RememberedCiToken> | null;
    if (!r || typeof r.registry !== 'string' || typeof r.name !== 'string' || typeof r.expiresAt !== 'number' || !Number.isFinite(r.expiresAt)) return [];
    const announced = Array.isArray(r.announced) ? r.announced.filter((s): s is ReminderStage => STAGES.includes(s)) : [];
    return [{ registry: r.registry, name: r.name, expiresAt: r.expiresAt, announced }];
  });
}

export interface DueReminder {
  token: RememberedCiToken;
  stage: ReminderStage;
}

/**
 * What to announce now, and the list to store after announcing it: one reminder per token, for the
 * stage it is in, unless announced already. A token that skipped a stage (the editor was closed)
 * gets the current one only, and the skipped one counts as said. Tokens expired a week ago are dropped.
 */
export function dueReminders(tokens: readonly RememberedCiToken[], now: number): { due: DueReminder[]; tokens: RememberedCiToken[] } {
  const due: DueReminder[] = [];
  const kept: RememberedCiToken[] = [];
  for (const token of tokens) {
    if (forgotten(token, now)) continue;
    const stage = reminderStage(token.expiresAt, now);
    if (!stage || token.announced.includes(stage)) {
      kept.push(token);
      continue;
    }
    const said = STAGES.slice(0, STAGES.indexOf(stage) + 1);
    const updated = { ...token, announced: [...new Set([...token.announced, ...said])] };
    due.push({ token: updated, stage });
    kept.push(updated);
  }
  return { due, tokens: kept };
}

/** The notification of one reminder (its button is Generate Token…). */
export function reminderMessage({ token, stage }: DueReminder, now: number, t: Localize): string {
  return stage === 'expired'
    ? t('The CI token "{0}" for {1} has expired: CI cannot publish with it. Generate a new one and update the CI secret.', token.name, token.registry)
    : t('The CI token "{0}" for {1} expires in {2}. Generate a new one and update the CI secret.', token.name, token.registry, humanDuration(token.expiresAt - now, t));
}

/** The status tooltip's one line, about the soonest CI token within 7 days of expiring (or expired, until forgotten). */
export function ciTokensSentence(tokens: readonly RememberedCiToken[], now: number, t: Localize): string | undefined {
  const first = tokens.filter((token) => reminderStage(token.expiresAt, now) && !forgotten(token, now))
    .sort((a, b) => a.expiresAt - b.expiresAt)[0];
  if (!first) return undefined;
  const when = first.expiresAt <= now ? t('expired {0}', humanAgo(first.expiresAt, now, t)) : t('expires in {0}', humanDuration(first.expiresAt - now, t));
  return t('CI token "{0}" ({1}) {2}.', first.name, first.registry, when);
}
