// The clock's refreshes: when the credential's warning and expiry pass, and that a refresh ending
// after dispose leaves no timer behind.
import * as assert from 'node:assert/strict';
import { SESSION_WARNING_MS } from '../../../src/core/base/lifetimes';
import { expiryRefreshDelay, StatusTimers } from '../../../src/ui/statusTimers';
import { credentials, NOW, status } from '../fixtures/status';

const timeouts = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
const quiet = { info: () => undefined };
const session = (expiresAt: number) => status({ credential: { ...credentials.session, expiresAt } });
const stale = () => status({ stale: { since: NOW, problem: { kind: 'offline', message: 'ECONNREFUSED' } } });

describe('statusTimers: expiryRefreshDelay', () => {
  it('is the warning threshold first, then the expiry, each just past', () => {
    assert.equal(expiryRefreshDelay(session(NOW + SESSION_WARNING_MS + 60_000), NOW), 60_000 + 500);
    assert.equal(expiryRefreshDelay(session(NOW + 60_000), NOW), 60_000 + 500);
  });

  it('is nothing once expired, or without a known expiry', () => {
    assert.equal(expiryRefreshDelay(session(NOW - 1), NOW), undefined);
    assert.equal(expiryRefreshDelay(status({ credential: credentials.tokenUnknown }), NOW), undefined);
  });

  it('stays within what setTimeout can wait', () => {
    assert.equal(expiryRefreshDelay(status({ credential: { ...credentials.gat, expiresAt: NOW + 365 * 86_400_000 } }), NOW), 2 ** 31 - 1);
  });
});

describe('statusTimers: StatusTimers', () => {
  it('sets a timer for an expiry and clears it on dispose', () => {
    const timers = new StatusTimers({ expired: () => undefined, retry: () => undefined }, quiet, () => NOW);
    const before = timeouts();
    timers.schedule(session(NOW + 60_000));
    assert.equal(timeouts(), before + 1);
    timers.dispose();
    assert.equal(timeouts(), before);
  });

  it('sets no timer for a status that arrives after dispose', () => {
    const timers = new StatusTimers({ expired: () => undefined, retry: () => undefined }, quiet, () => NOW);
    timers.dispose();
    const before = timeouts();
    timers.schedule(session(NOW + 60_000));
    timers.schedule(stale());
    assert.equal(timeouts(), before);
  });
});
