// The core never imports `vscode`, so its user-visible strings go through a `Localize` function
// passed in by the caller: `vscode.l10n.t` in the extension, `english` in tests.

/** Same contract as `vscode.l10n.t`: `{0}`, `{1}` … are replaced by the arguments. */
export type Localize = (message: string, ...args: (string | number)[]) => string;

/** The identity translation: fills the placeholders and keeps the English text. */
export const english: Localize = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (placeholder, index: string) =>
    Number(index) < args.length ? String(args[Number(index)]) : placeholder);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration in the words people use for it: "less than a minute", "12 min", "1 h 12 min", "3 days". */
export function humanDuration(ms: number, localize: Localize): string {
  const span = Math.max(0, ms);
  if (span < MINUTE) return localize('less than a minute');
  if (span < HOUR) return localize('{0} min', Math.floor(span / MINUTE));
  if (span < DAY) {
    const hours = Math.floor(span / HOUR);
    const minutes = Math.floor((span % HOUR) / MINUTE);
    return minutes === 0 ? localize('{0} h', hours) : localize('{0} h {1} min', hours, minutes);
  }
  const days = Math.floor(span / DAY);
  const hours = Math.floor((span % DAY) / HOUR);
  if (days === 1) return hours === 0 ? localize('1 day') : localize('1 day {0} h', hours);
  return localize('{0} days', days);
}

/** "3 days ago", or "just now" under a minute. */
export function humanAgo(at: number, now: number, localize: Localize): string {
  return now - at < MINUTE ? localize('just now') : localize('{0} ago', humanDuration(now - at, localize));
}
