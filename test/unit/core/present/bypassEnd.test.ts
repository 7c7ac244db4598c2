import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/base/localize';
import { BYPASS_DIRECT_PUBLISH_END } from '../../../../src/core/base/npmjsPolicies';
import { tokenSummary } from '../../../../src/core/account/tokenRequest';
import { accessibilityLabel, severityOf } from '../../../../src/core/present/presentation';
import { bypassEndSentence } from '../../../../src/core/present/sentences';
import { tooltipSections } from '../../../../src/core/present/tooltip';
import { credentials, input, status } from '../../fixtures/status';

const DAY = 86_400_000;
const bypass = (overrides: Parameters<typeof status>[0] = {}) => status({ credential: { ...credentials.bypassGat, expiresAt: Date.UTC(2027, 5, 1) }, ...overrides });

describe('the end of direct publishing with bypass-2FA tokens', () => {
  const cases: [string, ReturnType<typeof status>, number, RegExp | undefined, 'none' | 'warning'][] = [
    ['months before: said, not yet an alarm', bypass(), Date.UTC(2026, 8, 1), /^npm plans to end direct publishing with bypass-2FA tokens in January 2027 \(.+\): move to trusted publishing from CI, or to a stage-only token with approval\.$/, 'none'],
    ['within 90 days: said, and yellow', bypass(), Date.UTC(2026, 11, 3), /in January 2027 \(29 days\)/, 'warning'],
    ['after the planned end: said as planned, with what to do if refused', bypass(), BYPASS_DIRECT_PUBLISH_END.at + DAY, /^npm planned to end .* in January 2027: if the registry refuses this token, move to trusted publishing/, 'warning'],
    ['a token without bypass: nothing', status({ credential: { ...credentials.gat, expiresAt: Date.UTC(2027, 5, 1) } }), Date.UTC(2026, 11, 3), undefined, 'none'],
    ['a session: nothing', status({ credential: { ...credentials.session, loggedInAt: Date.UTC(2026, 11, 3) - 10 * 60_000 } }), Date.UTC(2026, 11, 3), undefined, 'none'],
    ['a bypass token on another registry: npmjs\'s plan is not claimed', bypass({ registry: { ...input().registry!, family: 'verdaccio' } }), Date.UTC(2026, 11, 3), undefined, 'none'],
  ];
  for (const [title, given, now, sentence, severity] of cases) {
    it(title, () => {
      const said = bypassEndSentence(given, now, english);
      if (sentence) assert.match(said ?? '', sentence);
      else assert.equal(said, undefined);
      assert.equal(severityOf(given, now), severity);
      const tooltip = tooltipSections(given, now, english).flatMap((s) => s.lines).join('\n');
      assert.equal(tooltip.includes('$(calendar)') && tooltip.includes('(https://docs.npmjs.com/trusted-publishers)') && tooltip.includes('(command:npmPublishAuth.setUpTrustedPublishing)'), Boolean(sentence), 'the tooltip says it, with where the move starts');
      assert.equal(accessibilityLabel(given, now, english).includes('direct publishing with bypass-2FA tokens'), Boolean(sentence));
    });
  }

  it('the token wizard says it where the bypass is chosen, from the same date', () => {
    const request = { name: 'ci', permission: 'read-write' as const, packagesAndScopes: ['left-pad'], expiresDays: 30, bypass2fa: true, cidr: [] };
    assert.match(tokenSummary(request, 'registry.npmjs.org', english).detail, /npm plans to end direct publishing with such tokens in January 2027: trusted publishing from CI, or a stage-only token with approval/);
  });
});
