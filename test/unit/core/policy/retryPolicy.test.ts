import * as assert from 'node:assert/strict';
import type { RegistryProblem } from '../../../../src/core/base/model';
import { retryDelayMs } from '../../../../src/core/policy/retryPolicy';

describe('retryDelayMs', () => {
  const offline: RegistryProblem = { kind: 'offline', message: 'down' };
  const limited = (retryAfterSeconds?: number): RegistryProblem => ({ kind: 'rate-limited', status: 429, message: '429', retryAfterSeconds });
  const cases: [string, RegistryProblem, number, number][] = [
    ['offline, first retry', offline, 0, 15_000],
    ['offline, then doubling', offline, 2, 60_000],
    ['offline, capped at 5 minutes', offline, 10, 300_000],
    ['429 with retry-after: as soon as allowed', limited(42), 3, 42_000],
    ['429 with a huge retry-after: capped', limited(86_400), 0, 300_000],
    ['429 with retry-after 0.1: at least a second', limited(0.1), 0, 1_000],
    ['429 without retry-after: backing off', limited(), 1, 30_000],
    ['a 500: backing off', { kind: 'server-error', status: 500, message: '500' }, 0, 15_000],
  ];
  for (const [what, problem, attempt, expected] of cases) {
    it(what, () => assert.equal(retryDelayMs(problem, attempt), expected));
  }
});
