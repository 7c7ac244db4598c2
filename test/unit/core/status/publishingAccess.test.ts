import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/base/localize';
import type { PackageFacts, PublishingAccess } from '../../../../src/core/base/model';
import { publishingAccessLabel, publishingAccessModeLabel } from '../../../../src/core/base/publishingAccessWords';
import { describePublishingAccess } from '../../../../src/core/present/publishingAccessDescription';
import { inferPublishingAccess, type PublishingAccessEvidence } from '../../../../src/core/status/publishingAccess';
import { NOW } from '../../fixtures/status';

const published = (firstPublished?: string): PackageFacts =>
  ({ state: 'published', versions: ['1.0.0'], maintainers: ['alice'], firstPublished });

describe('publishing access', () => {
  it('labels the three modes in npm\'s UI wording', () => {
    assert.equal(publishingAccessModeLabel('none', english), "Don't require 2FA");
    assert.equal(publishingAccessModeLabel('automation', english), 'Require 2FA or a granular access token with bypass 2FA');
    assert.equal(publishingAccessModeLabel('publish', english), 'Require 2FA and disallow tokens');
    assert.equal(publishingAccessLabel({ state: 'unknown', why: 'x' }, english), 'Unknown');
  });

  describe('inferPublishingAccess', () => {
    const setByUs = { mode: 'publish', at: NOW - 1000 } as const;
    const learned = { mode: 'publish', what: 'a 403', at: NOW - 500 } as const;
    const cases: [string, PublishingAccessEvidence, PublishingAccess['state'], string | undefined][] = [
      ['set by this extension', { setByExtension: setByUs, declared: 'none' }, 'known', 'set-by-extension'],
      ['a newer registry answer wins over our older setting', { setByExtension: { mode: 'automation', at: NOW - 5000 }, learned }, 'known', 'registry-answer'],
      ['our newer setting wins over an older answer', { setByExtension: { mode: 'automation', at: NOW }, learned }, 'known', 'set-by-extension'],
      ['declared in a setting', { declared: 'automation', packageFacts: published('2026-01-01T00:00:00Z') }, 'known', 'declared'],
      ['first published after 2025-12-09', { packageFacts: published('2025-12-10T08:00:00Z') }, 'likely-default', undefined],
      ['first published on or before 2025-12-09', { packageFacts: published('2025-12-09T23:00:00Z') }, 'unknown', undefined],
      ['first publish date unknown', { packageFacts: published() }, 'unknown', undefined],
      // npm's default mode is an npmjs fact: a new Verdaccio package says nothing of it.
      ['on Verdaccio, whatever the first publish date', { packageFacts: published('2026-01-01T00:00:00Z'), registryFamily: 'verdaccio' }, 'unknown', undefined],
      ['on Verdaccio, a declaration still counts', { declared: 'publish', registryFamily: 'verdaccio' }, 'known', 'declared'],
      ['not published yet', { packageFacts: { state: 'unpublished' } }, 'unknown', undefined],
      ['no facts at all', {}, 'unknown', undefined],
    ];
    for (const [name, evidence, state, source] of cases) {
      it(`${name} → ${state}${source ? ` (${source})` : ''}`, () => {
        const access = inferPublishingAccess(evidence, english);
        assert.equal(access.state, state);
        if (access.state === 'known') assert.equal(access.source.kind, source);
        if (access.state === 'unknown') assert.match(access.why, /^[^\n]+$/, 'one line why');
      });
    }
    it('explains a new package with the default it will get', () => {
      const access = inferPublishingAccess({ packageFacts: { state: 'unpublished' } }, english);
      assert.equal(access.state === 'unknown' && access.why, 'Not published yet: the first publish gets npm\'s default, "Require 2FA or a granular access token with bypass 2FA".');
    });
  });

  describe('describePublishingAccess', () => {
    const cases: [PublishingAccess, string, RegExp][] = [
      [{ state: 'unknown', why: 'npm offers no way to read it.' }, 'Unknown', /^npm offers no way to read it\.$/],
      [{ state: 'known', mode: 'publish', source: { kind: 'set-by-extension', at: NOW - 3 * 86_400_000 } }, 'Require 2FA and disallow tokens', /^Set by this extension 3 days ago\.$/],
      [{ state: 'known', mode: 'publish', source: { kind: 'registry-answer', what: 'a publish with a bypass-2FA token was refused (403)', at: NOW - 20 * 60_000 } }, 'Require 2FA and disallow tokens', /^Learned 20 min ago from a registry answer: a publish with a bypass-2FA token was refused \(403\)\.$/],
      [{ state: 'known', mode: 'none', source: { kind: 'declared' } }, "Don't require 2FA", /^Declared in your settings\.$/],
      [{ state: 'likely-default', mode: 'automation', firstPublished: '2026-02-01T10:00:00Z' }, 'Require 2FA or a granular access token with bypass 2FA', /^Likely npm's default: first published 2026-02-01, after the 2025-12-09 change\./],
    ];
    for (const [access, label, source] of cases) {
      it(`${access.state}${access.state === 'known' ? ` (${access.source.kind})` : ''}`, () => {
        const description = describePublishingAccess(access, NOW, english);
        assert.equal(description.label, label);
        assert.match(description.source, source);
      });
    }
  });
});
