// The refreshes the clock asks for: one when the credential crosses its warning threshold or
// expires (focused or not), and retries with backoff while the registry is not answering. No
// editor API: each timer only calls back, so this runs (and is tested) in plain Node.
import type { PublishAuthStatus } from '../core/base/model';
import { SESSION_WARNING_MS, TOKEN_WARNING_MS } from '../core/base/lifetimes';
import { retryDelayMs } from '../core/policy/retryPolicy';
import { credentialExpiry } from '../core/present/sentences';
import { Disposable } from './disposable';
import type { Logger } from './log';

/** setTimeout fires at once for a longer delay, so an expiry a month away is checked again in ~24 days. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Past the boundary, not on it: the status derived then is already on the far side. */
const EXPIRY_MARGIN_MS = 500;

export interface StatusTimerCallbacks {
  /** The credential crossed its warning threshold or expired: the account is worth asking about again. */
  expired(): void;
  /** Time to ask the registry again after it did not answer. */
  retry(): void;
}

export class StatusTimers extends Disposable {
  private expiryTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryAttempt = 0;

  constructor(
    private readonly callbacks: StatusTimerCallbacks,
    private readonly log: Pick<Logger, 'info'>,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.register({ dispose: () => (clearTimeout(this.expiryTimer), clearTimeout(this.retryTimer)) });
  }

  /** Sets both timers for a status just shown, replacing those of the status before. */
  schedule(status: PublishAuthStatus): void {
    if (this.isDisposed) return; // a refresh that ended after dispose must not leave a timer behind
    this.scheduleExpiryRefresh(status);
    this.scheduleRetry(status);
  }

  /** While the registry is not answering, asks again on its own: when a 429 allows, else backing off. */
  private scheduleRetry(status: PublishAuthStatus): void {
    clearTimeout(this.retryTimer);
    if (!status.stale) {
      this.retryAttempt = 0;
      return;
    }
    const delay = retryDelayMs(status.stale.problem, this.retryAttempt++);
    this.log.info(`the registry is not answering; asking again in ${Math.round(delay / 1000)} s`);
    this.retryTimer = setTimeout(() => this.callbacks.retry(), delay);
  }

  private scheduleExpiryRefresh(status: PublishAuthStatus): void {
    clearTimeout(this.expiryTimer);
    const delay = expiryRefreshDelay(status, this.now());
    if (delay !== undefined) this.expiryTimer = setTimeout(() => this.callbacks.expired(), delay);
  }
}

/** How long until the status should be derived again because the credential's warning or expiry passes. */
export function expiryRefreshDelay(status: PublishAuthStatus, now: number): number | undefined {
  const expiry = credentialExpiry(status);
  if (!expiry) return undefined;
  const warnAhead = expiry.kind === 'session' ? SESSION_WARNING_MS : TOKEN_WARNING_MS;
  const next = [expiry.expiresAt - warnAhead, expiry.expiresAt].find((t) => t > now);
  return next === undefined ? undefined : Math.min(next - now + EXPIRY_MARGIN_MS, MAX_TIMER_MS);
}
