import * as assert from 'node:assert/strict';
import { renderDetailsReport } from '../../../../src/core/present/detailsReport';
import { english } from '../../../../src/core/base/localize';
import type { PublishAuthStatus } from '../../../../src/core/base/model';
import { credentials, input, NOW, status } from '../../fixtures/status';

const sections = ['Verdict', 'Package', 'Registry', 'Credential', 'Package on the registry', 'Publishing access', 'Refresh'];

describe('renderDetailsReport', () => {
  const cases: [string, PublishAuthStatus, RegExp[]][] = [
    ['session, TOTP', status(), [
      /^# npm Publish Auth details for left-pad\\@1\.4\.0\n/,
      /\*\*Publishing will ask for a one-time password\*\* \(`needs-otp`\)/,
      /Fix: Publish \(npmPublishAuth\.publish\)\./,
      /\| Kind \| session \|/,
      /\| Expiry \| Session: 1 h 12 min left\. \|/,
      /\| Account 2FA \| Account two-factor authentication: auth-and-writes, with an authenticator app\. \|/,
      /\| This version \| 1\.4\.0 is not published yet\. \|/,
      /\| Mode \| Unknown \|/,
      /\| How we know \| npm offers no way to read it\. \|/,
      /\| Masked token \| npm\\_abcd\.\.\.wxyz \|/,
    ]],
    ['bypass token, disallow tokens', status({ credential: credentials.bypassGat, publishingAccess: { state: 'known', mode: 'publish', source: { kind: 'declared' } } }), [
      /`tokens-disallowed`/,
      /\| Token name \| release \|/,
      /\| Bypass 2FA \| yes \|/,
      /\| Packages \| left-pad \|/,
      /\| Expiry \| The token expires in 10 days\. \|/,
      /\| Mode \| Require 2FA and disallow tokens \(mfa=publish\) \|/,
      /\| Certainty \| known \|/,
    ]],
    ['offline, stale', status({ stale: { since: NOW - 120_000, problem: { kind: 'offline', message: 'getaddrinfo ENOTFOUND registry.npmjs.org' } }, configProblems: ['~/.npmrc is not readable'] }), [
      /\| Stale \| since 2026-09-01T11:58:00\.000Z: offline: getaddrinfo ENOTFOUND registry\.npmjs\.org \|/,
      /\| Config problems \| \\~\/\.npmrc is not readable \|/,
      /\| Checked \| 2026-09-01T11:59:30\.000Z \(just now\) \|/,
    ]],
    ['not logged in, unpublished', status({ configuredCredential: { type: 'none' }, credential: undefined, packageFacts: { state: 'unpublished' }, writeAccess: 'new-package' }), [
      /`not-logged-in`/,
      /\| Summary \| Not logged in to registry\.npmjs\.org\. \|/,
      /\| State \| unpublished \|/,
      /\| Write access \| A new package: the first publish creates it\. \|/,
    ]],
    ['a trusted publisher read here', status({ trustedPublishing: {
      state: 'configured', at: NOW - 60_000, how: 'read',
      config: { id: 'c1', provider: 'gitlab', repository: 'group/project', file: '.gitlab-ci.yml', permissions: { publish: false, stage: true } },
    } }), [
      /\| Trusted publisher \| GitLab CI\/CD · group\/project · \.gitlab-ci\.yml · allows npm stage publish only \(a maintainer approves\) · read 1 min ago \|/,
    ]],
    ['package.json mid-edit', status({ package: { ...input().package, name: undefined, parseError: 'Unexpected token | in JSON' } }), [
      /# npm Publish Auth details for \/ws\/left-pad\/package\.json/,
      /\| Parse error \| Unexpected token \\\| in JSON \|/,
    ]],
  ];

  for (const [name, s, expected] of cases) {
    describe(name, () => {
      const report = renderDetailsReport(s, NOW, english);
      it('has every section, in order', () => {
        const found = [...report.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
        assert.deepEqual(found, sections);
      });
      it('keeps every table row to one line with two cells', () => {
        for (const row of report.split('\n').filter((line) => line.startsWith('| '))) {
          assert.equal(row.replace(/\\\|/g, '').split('|').length, 4, row);
        }
      });
      for (const pattern of expected) it(`contains ${pattern}`, () => assert.match(report, pattern));
    });
  }

  it('hides credentials that publishConfig may hold', () => {
    const report = renderDetailsReport(status({
      package: { ...input().package, publishConfig: { registry: 'https://bob:hunter2@npm.example.com/', '//npm.example.com/:_authToken': 'plain-secret-value', access: 'public' } },
    }), NOW, english);
    assert.doesNotMatch(report, /hunter2|plain-secret-value/);
    assert.match(report, /access/);
  });
});

describe('renderDetailsReport: a page for people first', () => {
  const report = renderDetailsReport(status(), NOW, english);
  const people = report.slice(0, report.indexOf('<details>'));
  it('says the verdict and the facts in words, the fix as a link, no ids, jargon or ISO times', () => {
    assert.match(people, /\*\*Publishing will ask for a one-time password\*\*/);
    assert.match(people, /→ \[Publish\]\(command:npmPublishAuth\.publish\)/);
    assert.match(people, /^- Who: alice · session from npm login · 1 h 12 min left$/m);
    assert.doesNotMatch(people.replace(/\(command:npmPublishAuth\.\w+\)/g, '').replace(/title="[^"]*"/g, ''), /needs-otp|npmPublishAuth|auth-and-writes|\d{4}-\d\d-\d\dT|\$\(/);
  });
  it('gives the exact time on hover of a relative one', () => {
    assert.match(people, /Checked <span title="2026-09-01T11:59:30\.000Z">just now<\/span>\./);
  });
  it('keeps every raw fact, collapsed', () => {
    assert.match(report, /<details>\n<summary>All facts, as npm and the registry name them<\/summary>[\s\S]*`needs-otp`[\s\S]*<\/details>\n$/);
  });
});

describe('the Details page\'s CI checklist', () => {
  const checklist = (report: string) => /## Trusted publishing from CI: checklist\n\n([\s\S]*?)\n\n<details>/.exec(report)?.[1];

  it('lists problems first, each with where it is and its fix; what is fine without a fix', () => {
    const report = renderDetailsReport(status(), NOW, english, [
      { id: 'repository', state: 'ok', message: 'package.json\'s repository matches the git remote (alice/demo).', fix: 'never shown' },
      { id: 'id-token', state: 'problem', message: 'Job "release" runs npm publish without "id-token: write".', fix: 'Add "permissions: id-token: write".', at: { file: '/repo/.github/workflows/release.yml', line: 7 } },
      { id: 'environment', state: 'unknown', message: 'The environment is not known.', at: { file: 'C:\\repo\\.github\\workflows\\release.yml', line: 3 } },
    ]);
    assert.equal(checklist(report), [
      '- ⚠ Job "release" runs npm publish without "id-token: write". (release.yml:7) **Fix:** Add "permissions: id-token: write".',
      '- ? The environment is not known. (release.yml:3)',
      '- ✓ package.json\'s repository matches the git remote (alice/demo).',
    ].join('\n'));
  });

  it('is not there when no workflow publishes the package (no findings)', () => {
    assert.doesNotMatch(renderDetailsReport(status(), NOW, english), /checklist/);
  });

  it('keeps what a workflow file says inert', () => {
    const report = renderDetailsReport(status(), NOW, english, [
      { id: 'environment', state: 'problem', message: 'The job runs in environment "[x](command:evil)".', at: { file: '/r/[x](command:evil).yml', line: 1 } },
    ]);
    assert.doesNotMatch(checklist(report)!, /(?<!\\)\]\(command:evil/);
  });
});
