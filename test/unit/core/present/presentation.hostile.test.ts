// What the registry, package.json and .npmrc say is data: rendered as plain text on every surface,
// and odd values (a number where a string belongs) never crash the presentation.
import * as assert from 'node:assert/strict';
import { renderDetailsReport } from '../../../../src/core/present/detailsReport';
import { english } from '../../../../src/core/base/localize';
import type { CredentialFacts, PackageFacts, PublishAuthStatus } from '../../../../src/core/base/model';
import { presentStatus } from '../../../../src/core/present/presentation';
import { expiryWarning } from '../../../../src/core/present/sentences';
import { actionsFor } from '../../../../src/core/present/statusActions';
import { registerSecret } from '../../../../src/core/base/secrets';
import { credentials, NOW, status } from '../../fixtures/status';

/** Every text a status produces, by surface. */
function surfaces(s: PublishAuthStatus) {
  const shown = presentStatus(s, NOW, english);
  return {
    statusBar: shown.text,
    label: shown.accessibilityLabel,
    tooltip: shown.tooltipSections.flatMap((section) => section.lines).join('\n'),
    quickPick: actionsFor(s, english).flatMap((a) => [a.label, a.description ?? '']).join('\n'),
    notification: expiryWarning(s, NOW + 10 * 86_400_000 - 60_000, english)?.message ?? '',
    report: renderDetailsReport(s, NOW, english),
  };
}

describe('registry text is plain text everywhere', () => {
  const names = ['$(check) admin', '[x](command:workbench.action.terminal.sendSequence?%7B%7D)', '<img src=x onerror=alert(1)>', 'evil\n\n# heading'];
  for (const name of names) {
    it(`a username and token name ${JSON.stringify(name)}`, () => {
      const s = status({ credential: { ...credentials.bypassGat, username: name, name }, publishingAccess: { state: 'known', mode: 'automation', source: { kind: 'declared' } } });
      const shown = surfaces(s);
      assert.doesNotMatch(shown.statusBar, /\$\((?!shield\)|check\)|watch\))/, 'no codicon but ours');
      assert.equal((shown.statusBar.match(/\$\(/g) ?? []).length, 2, 'exactly our two icons');
      for (const markdown of [shown.tooltip, shown.report]) {
        assert.doesNotMatch(markdown, /(?<!\\)\]\(command:workbench/, 'no foreign command link');
        assert.doesNotMatch(markdown, /(?<!\\)<img/, 'no HTML');
        assert.doesNotMatch(markdown, /\n# heading/, 'no new Markdown block');
      }
      assert.doesNotMatch(shown.quickPick + shown.notification, /\]\(command:workbench|\$\(check\) admin/);
      assert.doesNotMatch(shown.label, /\n/);
    });
  }

  it('an npm-notice repeating a registered token is redacted in the report', () => {
    const token = 'Zq8xR2vN5tLw9KcP3mYb7HdF1sJg4QaE6u';
    registerSecret(token);
    const report = renderDetailsReport(status({ credential: { kind: 'invalid', reason: 'expired-or-revoked', detail: `Access token expired or revoked: ${token}` } }), NOW, english);
    assert.match(report, /\| Problem \| Access token expired or revoked: \\\*\\\*\\\* \|/);
  });
});

describe('odd fact values do not crash the presentation', () => {
  const odd = <T>(value: unknown) => value as T;
  const cases: [string, Partial<PublishAuthStatus>][] = [
    ['cidr is a string', { credential: odd<CredentialFacts>({ ...credentials.bypassGat, cidr: '10.0.0.0/8' }) }],
    ['token name is a number', { credential: odd<CredentialFacts>({ ...credentials.bypassGat, name: 42 }) }],
    ['packages and scopes are not lists', { credential: odd<CredentialFacts>({ ...credentials.gat, packages: 'left-pad', scopes: { a: 1 } }) }],
    ['time.created is a number', { packageFacts: odd<PackageFacts>({ state: 'published', versions: ['1.0.0'], maintainers: ['alice'], firstPublished: 1_600_000_000_000, latest: 3 }) }],
    ['maintainers is an object', { packageFacts: odd<PackageFacts>({ state: 'published', versions: ['1.0.0'], maintainers: { name: 'alice' } }) }],
    ['trusted publisher provider is an object', { packageFacts: odd<PackageFacts>({ state: 'published', versions: ['1.0.0'], maintainers: [], trustedPublisher: { version: 1, provider: {} } }) }],
    ['username is a number', { credential: odd<CredentialFacts>({ ...credentials.session, username: 7 }) }],
  ];
  for (const [what, given] of cases) {
    it(what, () => {
      const shown = surfaces(status(given));
      for (const text of Object.values(shown)) assert.equal(typeof text, 'string');
      assert.doesNotMatch(shown.tooltip + shown.report, /\[object Object\]/);
    });
  }

  it('shows what it can of an odd value', () => {
    const shown = surfaces(status({ credential: odd<CredentialFacts>({ ...credentials.bypassGat, cidr: '10.0.0.0/8', name: 42 }) }));
    assert.match(shown.report, /\| Allowed IP ranges \| 10\.0\.0\.0\/8 \|/);
    assert.match(shown.report, /\| Token name \| 42 \|/);
  });
});

describe('a config file npm cannot read', () => {
  const s = status({ configuredCredential: { type: 'none', unreadable: ['/home/u/.npmrc'] }, credential: { kind: 'none' }, configProblems: ['~/.npmrc cannot be read (permission denied).'] });
  it('makes the credential unknown, not "not logged in"', () => {
    assert.equal(s.verdict.code, 'unknown');
    const shown = surfaces(s);
    assert.match(shown.label, /The credential for registry\.npmjs\.org is unknown: \/home\/u\/\.npmrc cannot be read\./);
    assert.doesNotMatch(shown.label + shown.tooltip, /Not logged in/);
    assert.match(shown.report, /\| Configured \| unknown: a config file cannot be read \|/);
    assert.match(shown.report, /\| Kind \| unknown \|/);
  });
});
