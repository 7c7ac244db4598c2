// When to ask a failing registry again on our own: as soon as it allows (429 `retry-after`),
// otherwise backing off, so an offline laptop is not polled every few seconds.
import type { RegistryProblem } from '../base/model';

const FIRST_RETRY_MS = 15_000;
const MAX_RETRY_MS = 5 * 60_000;
const MIN_RETRY_AFTER_MS = 1_000;

/** The delay before automatic retry number `attempt` (0-based) after `problem`. */
export function retryDelayMs(problem: RegistryProblem, attempt: number): number {
  if (problem.kind === 'rate-limited' && problem.retryAfterSeconds !== undefined) {
    return Math.min(Math.max(problem.retryAfterSeconds * 1000, MIN_RETRY_AFTER_MS), MAX_RETRY_MS);
  }
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempt), MAX_RETRY_MS);
}
