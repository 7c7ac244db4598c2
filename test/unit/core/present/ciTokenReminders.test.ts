// The CI token reminders: which stage is due (7 days, 1 day, expired), each announced once, tokens
// forgotten a week after they expired, and the stored record holding no secret.
import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/base/localize';
import type { RememberedCiToken } from '../../../../src/core/base/model';
import { ciTokensSentence, dueReminders, readCiTokens, reminderMessage, reminderStage, rememberCiToken } from '../../../../src/core/present/ciTokenReminders';
import { tooltipSections } from '../../../../src/core/present/tooltip';
import { NOW, status } from '../../fixtures/status';

const DAY = 24 * 60 * 60_000;
const token = (daysLeft: number, announced: RememberedCiToken['announced'] = []): RememberedCiToken =>
  ({ registry: 'registry.npmjs.org', name: 'release-ci', expiresAt: NOW + daysLeft * DAY, announced });

describe('CI token reminders', () => {
  const stages: [string, number, ReturnType<typeof reminderStage>][] = [
    ['8 days left: nothing yet', 8, undefined],
    ['7 days left', 7, '7d'],
    ['2 days left: still the 7-day stage', 2, '7d'],
    ['1 day left', 1, '1d'],
    ['an hour left', 1 / 24, '1d'],
    ['expired', -0.001, 'expired'],
  ];
  for (const [what, days, stage] of stages) it(`stage: ${what}`, () => assert.equal(reminderStage(NOW + days * DAY, NOW), stage));

  const due: [string, RememberedCiToken, string | undefined, RememberedCiToken['announced']][] = [
    ['8 days: none', token(8), undefined, []],
    ['7 days: the 7-day reminder', token(7), '7d', ['7d']],
    ['2 days, 7-day shown: none', token(2, ['7d']), undefined, ['7d']],
    ['1 day, 7-day shown: the 1-day reminder', token(1, ['7d']), '1d', ['7d', '1d']],
    ['1 day, never shown (the editor was closed): only the 1-day one, the 7-day one counts as said', token(1), '1d', ['7d', '1d']],
    ['expired, 1-day shown: the expired one', token(-1, ['7d', '1d']), 'expired', ['7d', '1d', 'expired']],
    ['expired, already shown: none', token(-1, ['7d', '1d', 'expired']), undefined, ['7d', '1d', 'expired']],
  ];
  for (const [what, given, stage, announced] of due) {
    it(`due: ${what}`, () => {
      const result = dueReminders([given], NOW);
      assert.deepEqual(result.due.map((d) => d.stage), stage ? [stage] : []);
      assert.deepEqual(result.tokens.map((t) => t.announced), [announced]);
    });
  }

  it('each stage once: the list stored after announcing answers nothing more at the same time', () => {
    const first = dueReminders([token(5), token(0.5)], NOW);
    assert.equal(first.due.length, 2);
    assert.deepEqual(dueReminders(first.tokens, NOW).due, []);
  });

  it('forgets a token 7 days after it expired', () => {
    assert.equal(dueReminders([token(-6.9, ['7d', '1d', 'expired'])], NOW).tokens.length, 1);
    assert.deepEqual(dueReminders([token(-7.1, ['7d', '1d', 'expired'])], NOW).tokens, []);
  });

  it('the notifications name the token and the registry', () => {
    assert.equal(reminderMessage({ token: token(7), stage: '7d' }, NOW, english),
      'The CI token "release-ci" for registry.npmjs.org expires in 7 days. Generate a new one and update the CI secret.');
    assert.equal(reminderMessage({ token: token(-1), stage: 'expired' }, NOW, english),
      'The CI token "release-ci" for registry.npmjs.org has expired: CI cannot publish with it. Generate a new one and update the CI secret.');
  });

  it('the tooltip has one line, about the soonest, only within 7 days (and until forgotten)', () => {
    assert.equal(ciTokensSentence([token(8)], NOW, english), undefined);
    assert.equal(ciTokensSentence([token(5), { ...token(2), name: 'other' }], NOW, english), 'CI token "other" (registry.npmjs.org) expires in 2 days.');
    assert.equal(ciTokensSentence([token(-2)], NOW, english), 'CI token "release-ci" (registry.npmjs.org) expired 2 days ago.');
    assert.equal(ciTokensSentence([token(-8)], NOW, english), undefined);
    const lines = tooltipSections(status({ ciTokens: [token(1.5)] }), NOW, english).flatMap((s) => s.lines);
    assert.deepEqual(lines.filter((l) => l.includes('CI token')), ['$(watch) CI token "release-ci" (registry.npmjs.org) expires in 1 day 12 h. [Generate Token…](command:npmPublishAuth.generateToken)']);
    assert.equal(tooltipSections(status({ ciTokens: [token(30)] }), NOW, english).flatMap((s) => s.lines).filter((l) => l.includes('CI token')).length, 0);
  });

  it('a remembered record holds only registry host, name, expiry and the stages shown: no token, no key (planted secrets)', () => {
    const secret = 'npm_PLANTEDsecretTOKENvalue0123456789ab';
    const key = 'a'.repeat(64);
    // What the create answer carries (a list item plus the full token): none of it but the name and expiry may be kept.
    const answer = { token: secret, key, name: 'release-ci', expires: new Date(NOW + 30 * DAY).toISOString() };
    const stored = rememberCiToken([], { registry: 'registry.npmjs.org', name: answer.name, expiresAt: Date.parse(answer.expires), ...({ token: answer.token, key: answer.key } as object) });
    assert.deepEqual(Object.keys(stored[0]!).sort(), ['announced', 'expiresAt', 'name', 'registry']);
    const text = JSON.stringify(readCiTokens(JSON.parse(JSON.stringify(stored))));
    assert.ok(!text.includes(secret) && !text.includes(key), text);
  });

  it('replaces a token of the same name on the same registry; keeps others', () => {
    const list = rememberCiToken([token(3, ['7d']), { ...token(3), registry: 'npm.example' }], { registry: 'registry.npmjs.org', name: 'release-ci', expiresAt: NOW + 30 * DAY });
    assert.deepEqual(list.map((t) => [t.registry, t.announced.length]), [['npm.example', 0], ['registry.npmjs.org', 0]]);
  });

  it('reads globalState defensively (a corrupt or foreign value is no list)', () => {
    assert.deepEqual(readCiTokens(undefined), []);
    assert.deepEqual(readCiTokens({ a: 1 }), []);
    assert.deepEqual(readCiTokens([null, { name: 'x' }, { registry: 'r', name: 'n', expiresAt: 5, announced: ['7d', 'bogus'], token: 'npm_x' }]),
      [{ registry: 'r', name: 'n', expiresAt: 5, announced: ['7d'] }]);
  });
});
