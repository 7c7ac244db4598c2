import * as assert from 'node:assert/strict';
import { renderDetailsReport } from '../../../../src/core/present/detailsReport';
import { english } from '../../../../src/core/base/localize';
import type { PublishAuthStatus, VerdictCode } from '../../../../src/core/base/model';
import { presentFailure, presentHidden, presentLoading, presentRefreshing, presentStatus, severityOf, type Severity } from '../../../../src/core/present/presentation';
import { expiryWarning, verdictTitle } from '../../../../src/core/present/sentences';
import { displayRegistryUrl } from '../../../../src/core/base/text';
import { redactSecrets } from '../../../../src/core/base/secrets';
import { actionsFor } from '../../../../src/core/present/statusActions';
import { registerSecret } from '../../../../src/core/base/secrets';
import { credentials, input, NOW, status } from '../../fixtures/status';

const automation = { state: 'known', mode: 'automation', source: { kind: 'set-by-extension', at: NOW - 60_000 } } as const;
const disallowTokens = { state: 'known', mode: 'publish', source: { kind: 'declared' } } as const;

/**
 * One status per verdict code, and what the status bar makes of it. The background follows one rule
 * (`severityOf`): error only for a blocker fixable from here, warning for expiry or staleness.
 */
const perVerdict: [VerdictCode, Partial<PublishAuthStatus>, string, Severity][] = [
  ['ready', { credential: credentials.bypassGat, publishingAccess: automation }, '$(shield) alice $(check) ready', 'none'],
  ['needs-otp', {}, '$(package) alice $(key) OTP $(watch) 1 h 12 min', 'none'],
  ['needs-browser-approval', { twoFactorMethod: 'passkey-only' }, '$(package) alice $(globe) browser $(watch) 1 h 12 min', 'none'],
  ['needs-2fa', { twoFactorMethod: undefined, publishingAccess: automation }, '$(shield) alice $(key) 2FA $(watch) 1 h 12 min', 'none'],
  ['not-logged-in', { configuredCredential: { type: 'none' }, credential: undefined }, '$(package) $(sign-in) log in', 'error'],
  ['credential-invalid', { credential: { kind: 'invalid', reason: 'expired-or-revoked' } }, '$(package) $(error) invalid credential', 'error'],
  ['no-write-access', { writeAccess: 'none' }, '$(package) alice $(circle-slash) no write access $(watch) 1 h 12 min', 'none'],
  ['tokens-disallowed', { credential: credentials.bypassGat, publishingAccess: disallowTokens }, '$(lock) alice $(circle-slash) tokens disallowed', 'error'],
  ['account-without-2fa', { accountTwoFactor: 'disabled' }, '$(package) alice $(circle-slash) no 2FA $(watch) 1 h 12 min', 'none'],
  ['published', { package: { ...input().package, version: '1.3.0' } }, '$(package) alice $(pass) v1.3.0 published $(watch) 1 h 12 min', 'none'],
  ['version-exists', { package: { ...input().package, version: '1.3.0' }, packageFacts: { state: 'published', versions: ['1.3.0', '1.4.0'], latest: '1.4.0', maintainers: ['alice'] } }, '$(package) alice $(versions) v1.3.0 exists $(watch) 1 h 12 min', 'error'],
  ['private-package', { package: { ...input().package, private: true } }, '$(package) alice $(eye-closed) private $(watch) 1 h 12 min', 'none'],
  ['read-only-token', { credential: { ...credentials.gat, permission: 'read-only' } }, '$(package) alice $(circle-slash) read-only token', 'error'],
  ['stage-only-token', { credential: { ...credentials.gat, permission: 'stage-only' } }, '$(package) alice $(inbox) will stage', 'none'],
  ['invalid-manifest', { package: { ...input().package, name: '.probe', invalid: 'Invalid name: ".probe"' } }, '$(package) alice $(error) invalid package.json $(watch) 1 h 12 min', 'none'],
  ['unknown', { credential: undefined, packageFacts: undefined }, '$(package) $(question) unknown', 'none'],
];

describe('presentStatus', () => {
  for (const [code, given, text, severity] of perVerdict) {
    describe(code, () => {
      const s = status(given);
      const shown = presentStatus(s, NOW, english);
      it('is the verdict the scenario means', () => assert.equal(s.verdict.code, code));
      it(`text: ${text}`, () => assert.equal(shown.text, text));
      it(`severity: ${severity}`, () => assert.equal(shown.severity, severity));
      it('spells everything out in the accessibility label, without codicons', () => {
        assert.doesNotMatch(shown.accessibilityLabel, /\$\(/);
        assert.ok(shown.accessibilityLabel.startsWith(`npm publish status for ${s.package.name}@${s.package.version}.`), shown.accessibilityLabel);
        assert.ok(shown.accessibilityLabel.includes(s.verdict.reason.split('. ')[0]), 'includes the reason');
      });
      const lines = shown.tooltipSections.flatMap((section) => [...(section.title ? [section.title] : []), ...section.lines]);
      const markdown = lines.join('\n');
      it('tooltip: the verdict first, then its reason with the fix as a link', () => {
        assert.ok(lines[0]!.includes(`**${verdictTitle(code, english)}**`), lines[0]);
        assert.ok(lines[1]!.startsWith(s.verdict.reason.split(' ')[0]!), lines[1]);
        const fix = s.verdict.fix;
        if (fix && !['npmPublishAuth.refresh', 'npmPublishAuth.showDetails'].includes(fix.command)) {
          assert.ok(lines[1]!.endsWith(`[${fix.title}](command:${fix.command})`), lines[1]);
        }
      });
      it('tooltip: at most 12 lines, no absolute path, only our command links', () => {
        assert.ok(lines.length <= 12, `${lines.length} lines:\n${markdown}`);
        assert.doesNotMatch(markdown, /(^|[\s(])\/(ws|home)\//m, 'no absolute path');
        assert.match(markdown, /\[Refresh\]\(command:npmPublishAuth\.refresh\) · \[Show Details\]\(command:npmPublishAuth\.showDetails\)$/);
        for (const link of markdown.matchAll(/\]\((\w+):([\w.]+)\)/g)) {
          assert.equal(link[1], 'command');
          assert.match(link[2]!, /^npmPublishAuth\./);
        }
      });
    });
  }

  it('names the package when asked (several publishable packages in the workspace)', () => {
    const shown = presentStatus(status({ credential: credentials.bypassGat, publishingAccess: automation }), NOW, english, { namePackage: true });
    assert.equal(shown.text, '$(shield) left-pad · alice $(check) ready');
    assert.equal(presentStatus(status({ configuredCredential: { type: 'none' }, credential: undefined }), NOW, english, { namePackage: true }).text, '$(package) left-pad $(sign-in) log in');
  });

  it('shows a fixable no-write-access (token scope) as an error', () => {
    const shown = presentStatus(status({ credential: { ...credentials.bypassGat, packages: ['other'] } }), NOW, english);
    assert.equal(shown.severity, 'error');
  });

  it('marks a stale status and says why', () => {
    const shown = presentStatus(status({ stale: { since: NOW - 5 * 60_000, problem: { kind: 'offline', message: 'getaddrinfo ENOTFOUND registry.npmjs.org' } } }), NOW, english);
    assert.ok(shown.stale);
    assert.match(shown.text, /\$\(debug-disconnect\)$/);
    assert.match(shown.accessibilityLabel, /Last refresh failed 5 min ago: getaddrinfo ENOTFOUND registry\.npmjs\.org\. Showing the last known status\./);
  });

  it('makes package data inert in the tooltip', () => {
    const hostile = status({ package: { ...input().package, name: '[Publish](command:workbench.action.terminal.sendSequence)' } });
    const markdown = presentStatus(hostile, NOW, english).tooltipSections.flatMap((section) => section.lines).join('\n');
    assert.doesNotMatch(markdown, /(?<!\\)\]\(command:workbench/);
  });

  it('explains the item\'s icons: the tooltip\'s lines start with the ones the item shows', () => {
    const stale = { since: NOW - 60_000, problem: { kind: 'offline', message: 'offline' } } as const;
    for (const given of [{ publishingAccess: automation }, {}, { stale }, { credential: credentials.bypassGat }] as Partial<PublishAuthStatus>[]) {
      const shown = presentStatus(status(given), NOW, english);
      const lines = shown.tooltipSections.flatMap((section) => section.lines);
      for (const icon of shown.text.match(/\$\([\w-]+\)/g) ?? []) assert.ok(lines.some((line) => line.startsWith(icon)), `${icon} of "${shown.text}" is explained`);
    }
  });

  it('shows the publishing access with its source, and a link to set it only where that can help', () => {
    const accessLine = (s: PublishAuthStatus) => presentStatus(s, NOW, english).tooltipSections.flatMap((section) => section.lines).find((l) => l.includes('Publishing access:'));
    assert.equal(accessLine(status({ publishingAccess: automation })),
      '$(shield) Publishing access: Require 2FA or a granular access token with bypass 2FA · set here 1 min ago · [Set](command:npmPublishAuth.setPublishingAccess)');
    assert.equal(accessLine(status({ writeAccess: 'none' })), '$(package) Publishing access: Unknown · npm does not reveal it');
    assert.equal(accessLine(status({ package: { ...input().package, private: true } })), '$(package) Publishing access: Unknown · npm does not reveal it');
    assert.equal(accessLine(status({ packageFacts: { state: 'unpublished' }, writeAccess: 'new-package' })), '$(package) Publishing access: Unknown · npm does not reveal it');
  });
});

describe('severityOf: one rule for the background', () => {
  const minutes = (n: number) => n * 60_000;
  const stale = { since: NOW - minutes(5), problem: { kind: 'offline', message: 'offline' } } as const;
  const cases: [string, Partial<PublishAuthStatus>, Severity][] = [
    ['ready, token far from expiry', { credential: credentials.bypassGat, publishingAccess: automation }, 'none'],
    ['ready, token expiring in 2 days', { credential: { ...credentials.bypassGat, expiresAt: NOW + 2 * 86_400_000 }, publishingAccess: automation }, 'warning'],
    ['needs OTP, session with 10 min left', { credential: { ...credentials.session, loggedInAt: undefined, expiresAt: NOW + minutes(10) } }, 'warning'],
    ['needs OTP, stale', { stale }, 'warning'],
    ['not logged in (log in from here)', { configuredCredential: { type: 'none' }, credential: undefined }, 'error'],
    ['not logged in and stale: the blocker wins', { configuredCredential: { type: 'none' }, credential: undefined, stale }, 'error'],
    ['an older version exists (bump from here)', { package: { ...input().package, version: '1.3.0' }, packageFacts: { state: 'published', versions: ['1.3.0', '1.4.0'], latest: '1.4.0', maintainers: ['alice'] } }, 'error'],
    ['this version just published: a success, not an alarm', { package: { ...input().package, version: '1.3.0' } }, 'none'],
    ['token not scoped to the package (new token from here)', { credential: { ...credentials.bypassGat, packages: ['other'] } }, 'error'],
    ['not a maintainer: nobody here can fix it', { writeAccess: 'none' }, 'none'],
    ['not a maintainer, stale', { writeAccess: 'none', stale }, 'warning'],
    ['private package', { package: { ...input().package, private: true } }, 'none'],
    ['account without 2FA (fixed on npmjs.com)', { accountTwoFactor: 'disabled' }, 'none'],
    ['${NPM_TOKEN} unset (fixed in the environment)', { configuredCredential: { type: 'unset-variable', variables: ['NPM_TOKEN'], source: { layer: 'user', key: '//registry.npmjs.org/:_authToken' } }, credential: { kind: 'invalid', reason: 'unset-variable' } }, 'none'],
    ['unknown (refresh is no fix)', { credential: undefined, packageFacts: undefined }, 'none'],
  ];
  for (const [what, given, expected] of cases) it(`${what} → ${expected}`, () => assert.equal(severityOf(status(given), NOW), expected));
});

describe('presentLoading / presentRefreshing / presentFailure / presentHidden', () => {
  it('keeps the text shown while refreshing, a spinner for its first icon (no width jump)', () => {
    const shown = presentStatus(status(), NOW, english);
    const refreshing = presentRefreshing(shown, 'left-pad', english);
    assert.equal(refreshing.text, '$(sync~spin) alice $(key) OTP $(watch) 1 h 12 min');
    assert.equal(refreshing.accessibilityLabel, 'Checking npm publish status for left-pad…');
    assert.deepEqual(refreshing.tooltipSections, shown.tooltipSections);
    assert.equal(refreshing.severity, shown.severity);
    assert.equal(presentRefreshing(undefined, undefined, english).text, '$(sync~spin) npm');
    assert.equal(presentRefreshing(presentHidden(), undefined, english).text, '$(sync~spin) npm');
  });
  it('spins while loading', () => {
    const shown = presentLoading('left-pad', english);
    assert.equal(shown.text, '$(sync~spin) npm');
    assert.equal(shown.accessibilityLabel, 'Checking npm publish status for left-pad…');
    assert.equal(presentLoading(undefined, english).accessibilityLabel, 'Checking npm publish status…');
  });
  it('says what failed, for eyes and for screen readers, without secrets', () => {
    const shown = presentFailure('left-pad', 'EACCES: cannot read /home/u/.npmrc with _authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789', english);
    assert.equal(shown.text, '$(error) npm');
    assert.match(shown.accessibilityLabel, /^The npm publish status for left-pad could not be checked: EACCES/);
    assert.doesNotMatch(shown.accessibilityLabel + JSON.stringify(shown.tooltipSections), /abcdefghij/);
    assert.match(shown.tooltipSections[0]!.lines.join('\n'), /command:npmPublishAuth\.refresh/);
  });
  it('hides without a package', () => assert.equal(presentHidden().visible, false));
});

describe('secrets never reach what is shown', () => {
  const token = 'npm_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'; // npm_ + 36
  const statuses: PublishAuthStatus[] = [
    status({
      registry: { url: `https://bob:hunter2@registry.example.com/npm/?token=${token}`, rule: 'registry', nerfDart: '//registry.example.com/npm/', source: { layer: 'project', file: '/ws/.npmrc', key: 'registry' } },
      configuredCredential: { type: 'token', masked: token, source: { layer: 'env', key: `//registry.example.com/npm/:_authToken=${token}` } },
      credential: { ...credentials.bypassGat, name: `leaked ${token}`, username: `alice ${token}` },
      package: { ...input().package, manifestPath: `/ws/${token}/package.json`, publishConfig: { registry: 'https://carol:s3cret@registry.example.com/', '//registry.example.com/:_authToken': token, otp: '123456' } },
      stale: { since: NOW - 60_000, problem: { kind: 'unauthorized', message: `401 for https://bob:hunter2@registry.example.com/ with Bearer ${token} and npm-otp: 123456` } },
      configProblems: [`bad line _authToken=${token}`, 'publish --otp=654321 failed'],
    }),
    status({
      packageFacts: { state: 'unavailable', error: { kind: 'server-error', message: `500 {"token":"${token}","otp":"246810"}` } },
      credential: { kind: 'invalid', reason: 'rejected', detail: `token ${token} rejected, otp 135790` },
    }),
    status({ configuredCredential: { type: 'basic', username: 'bob', source: { layer: 'user', key: '//registry.npmjs.org/:_password=aHVudGVyMg==' } } }),
  ];
  const forbidden = [/npms?_[A-Za-z0-9]{36}/, /hunter2/, /s3cret/, /123456/, /654321/, /246810/, /135790/, /aHVudGVyMg==/];

  statuses.forEach((s, index) => {
    it(`hostile status ${index + 1}: status bar, tooltip, label, actions, warning and report are clean`, () => {
      const shown = presentStatus(s, NOW, english);
      const outputs = [
        shown.text, shown.accessibilityLabel, ...shown.tooltipSections.flatMap((section) => [section.title, ...section.lines]),
        ...actionsFor(s, english).flatMap((a) => [a.label, a.description ?? '']),
        expiryWarning(s, NOW + 10 * 86_400_000 - 60_000, english)?.message ?? '',
        renderDetailsReport(s, NOW, english),
      ];
      for (const text of outputs) for (const pattern of forbidden) assert.doesNotMatch(text, pattern);
    });
  });

  const urls: [string, string][] = [
    ['https://registry.npmjs.org/', 'https://registry.npmjs.org/'],
    ['https://bob:hunter2@npm.example.com:8443/path/', 'https://npm.example.com:8443/path/'],
    ['https://npm.example.com/?_authToken=abc#frag', 'https://npm.example.com/'],
    // Not a URL, so no shape finds the password; the value registry does, once it knows it.
    ['not a url bob:hunter2@host', 'not a url bob:***@host'],
  ];
  before(() => registerSecret('hunter2'));
  for (const [url, shown] of urls) it(`displayRegistryUrl(${url})`, () => assert.equal(displayRegistryUrl(url), shown));

  it('redactSecrets leaves ordinary sentences alone', () => {
    const sentence = 'Publishing will ask for a one-time password (OTP) from your authenticator app; the token "release" expires in 3 days.';
    assert.equal(redactSecrets(sentence), sentence);
  });
});
