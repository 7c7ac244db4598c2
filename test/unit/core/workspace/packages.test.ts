import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/base/localize';
import type { PublishAuthStatus } from '../../../../src/core/base/model';
import { attentionBadge, presentPackageRow } from '../../../../src/core/workspace/packageRow';
import { WorkspacePackages, type WorkspacePackage } from '../../../../src/core/workspace/workspacePackages';
import { input, NOW, status } from '../../fixtures/status';

/** A reader over an in-memory workspace that counts its reads. */
function workspace(files: Record<string, string | undefined>) {
  const reads: string[] = [];
  const packages = new WorkspacePackages({
    read: async (manifest) => {
      reads.push(manifest);
      return files[manifest];
    },
  });
  return { packages, reads, files };
}

const manifest = (name: string) => `/ws/${name}/package.json`;
const json = (fields: Record<string, unknown>) => JSON.stringify(fields, null, 2);

function statusFor(name: string, version: string, overrides: Partial<PublishAuthStatus> = {}): PublishAuthStatus {
  return status({ ...overrides, package: { ...input().package, manifestPath: manifest(name), folder: `/ws/${name}`, name, version, ...overrides.package } });
}

describe('WorkspacePackages', () => {
  it('reads every manifest once, lists by name (nameless last) and keeps the dependency names', async () => {
    const { packages, reads } = workspace({
      [manifest('b')]: json({ name: 'b', version: '1.0.0', dependencies: { a: '^1.0.0' }, devDependencies: { dev: '1' } }),
      [manifest('a')]: json({ name: 'a', version: '1.0.0' }),
      [manifest('x')]: json({ version: '1.0.0' }),
    });
    await packages.sync([manifest('x'), manifest('b'), manifest('a')]);
    assert.deepEqual(packages.list().map((p) => p.info.name ?? p.manifest), ['a', 'b', manifest('x')]);
    assert.deepEqual(packages.get(manifest('b'))?.needs, ['a']);
    assert.equal(reads.length, 3);
    await packages.sync([manifest('x'), manifest('b'), manifest('a')]);
    assert.equal(reads.length, 3, 'a second sync of the same manifests reads nothing');
  });

  it('one changed manifest is read alone; its status goes only when what the status is about changed', async () => {
    const { packages, reads, files } = workspace({
      [manifest('a')]: json({ name: 'a', version: '1.0.0' }),
      [manifest('b')]: json({ name: 'b', version: '1.0.0' }),
    });
    await packages.sync([manifest('a'), manifest('b')]);
    packages.setStatus(manifest('a'), { status: statusFor('a', '1.0.0') });
    packages.setStatus(manifest('b'), { status: statusFor('b', '1.0.0') });
    reads.length = 0;

    files[manifest('a')] = json({ name: 'a', version: '1.0.0', description: 'only words' });
    const same = await packages.reread(manifest('a'));
    assert.equal(same?.statusDropped, false);
    assert.ok(packages.get(manifest('a'))?.status);

    files[manifest('a')] = json({ name: 'a', version: '1.1.0' });
    const bumped = await packages.reread(manifest('a'));
    assert.equal(bumped?.statusDropped, true);
    assert.equal(packages.get(manifest('a'))?.status, undefined);
    assert.ok(packages.get(manifest('b'))?.status, 'the other package keeps its status');
    assert.deepEqual(reads, [manifest('a'), manifest('a')]);
    assert.deepEqual(packages.unchecked().map((p) => p.info.name), ['a']);
  });

  it('forgets the statuses of some packages (after a publish) or of all (another credential)', async () => {
    const { packages } = workspace({ [manifest('a')]: json({ name: 'a', version: '1.0.0' }), [manifest('b')]: json({ name: 'b', version: '1.0.0' }) });
    await packages.sync([manifest('a'), manifest('b')]);
    packages.setStatus(manifest('a'), { status: statusFor('a', '1.0.0') });
    packages.setStatus(manifest('b'), { status: statusFor('b', '1.0.0') });
    assert.deepEqual(packages.dropStatuses([manifest('a')]).map((p) => p.info.name), ['a']);
    assert.deepEqual(packages.unchecked().map((p) => p.info.name), ['a']);
    packages.dropStatuses();
    assert.deepEqual(packages.unchecked().map((p) => p.info.name), ['a', 'b']);
  });

  it('a status computed for the manifest as it was is not taken', async () => {
    const { packages } = workspace({ [manifest('a')]: json({ name: 'a', version: '2.0.0' }) });
    await packages.sync([manifest('a')]);
    assert.equal(packages.setStatus(manifest('a'), { status: statusFor('a', '1.0.0') }), undefined);
    assert.equal(packages.get(manifest('a'))?.status, undefined);
  });

  it('a manifest that cannot be read or parsed is listed with its problem, never asked about', async () => {
    const { packages } = workspace({ [manifest('gone')]: undefined, [manifest('broken')]: '{ "name": "broken", ' });
    await packages.sync([manifest('gone'), manifest('broken')]);
    assert.match(packages.get(manifest('gone'))!.info.parseError!, /cannot be read/);
    assert.match(packages.get(manifest('broken'))!.info.parseError!, /not valid JSON/);
    assert.deepEqual(packages.unchecked(), []);
  });

  it('drops the manifests that are gone, and what was being read for one', async () => {
    const { packages } = workspace({ [manifest('a')]: json({ name: 'a', version: '1.0.0' }), [manifest('b')]: json({ name: 'b', version: '1.0.0' }) });
    await packages.sync([manifest('a'), manifest('b')]);
    await packages.sync([manifest('b')]);
    assert.deepEqual(packages.list().map((p) => p.info.name), ['b']);
    assert.equal(await packages.reread(manifest('a')), undefined);
  });
});

describe('presentPackageRow', () => {
  const entry = (info: Partial<WorkspacePackage['info']>, extra: Partial<WorkspacePackage> = {}): WorkspacePackage => ({
    manifest: manifest(info.name ?? 'nameless'),
    info: { manifestPath: manifest(info.name ?? 'nameless'), folder: '/ws/x', private: false, ...info },
    needs: [],
    revision: 0,
    ...extra,
  });
  const published = (versions: string[]) => ({ state: 'published' as const, versions, latest: versions.at(-1), maintainers: ['alice'] });

  const cases: [string, WorkspacePackage, { description: string; icon: string; attention: boolean; tooltip?: RegExp; contextValue?: string }][] = [
    ['checking', entry({ name: 'a', version: '1.0.0' }), { description: '1.0.0 · checking…', icon: 'loading~spin', attention: false, contextValue: 'package publishable bumpable' }],
    ['private, shown as such', entry({ name: 'p', version: '1.0.0', private: true }), { description: '1.0.0 · private', icon: 'eye-closed', attention: false, contextValue: 'package bumpable' }],
    ['invalid package.json', entry({ name: 'b', version: '1.0.0', parseError: 'package.json is not valid JSON: Unexpected end' }), { description: '1.0.0 · invalid package.json', icon: 'error', attention: true, tooltip: /not valid JSON/, contextValue: 'package' }],
    ['nameless', entry({ version: '1.0.0' }), { description: '1.0.0 · no name', icon: 'circle-slash', attention: false, tooltip: /No "name"/ }],
    ['not checked', entry({ name: 'a', version: '1.0.0' }, { failure: 'npm was not found' }), { description: '1.0.0 · not checked', icon: 'warning', attention: true, tooltip: /npm was not found/ }],
    ['a release publishing it', entry({ name: 'a', version: '1.0.0' }, { activity: 'publishing…' }), { description: '1.0.0 · publishing…', icon: 'loading~spin', attention: false }],
    ['a TOTP session: a code, and the registry\'s latest', entry({ name: 'a', version: '1.1.0' }, { status: statusFor('a', '1.1.0', { packageFacts: published(['1.0.0']), writeAccess: 'write' }) }), {
      description: '1.1.0 · OTP · latest 1.0.0', icon: 'key', attention: false, tooltip: /On registry\.npmjs\.org: latest 1\.0\.0; 1\.1\.0 is not published yet\./,
    }],
    ['this version is out', entry({ name: 'a', version: '1.0.0' }, { status: statusFor('a', '1.0.0', { packageFacts: published(['1.0.0']), writeAccess: 'write' }) }), {
      description: '1.0.0 · published', icon: 'pass', attention: false, tooltip: /1\.0\.0 is published/,
    }],
    ['not logged in: a blocker fixed from here, with its link', entry({ name: 'a', version: '1.0.0' }, { status: statusFor('a', '1.0.0', { configuredCredential: { type: 'none' }, credential: undefined }) }), {
      description: '1.0.0 · log in · latest 1.3.0', icon: 'sign-in', attention: true, tooltip: /\[Log In\]\(command:npmPublishAuth\.login\?%5B%7B%22manifest%22%3A%22%2Fws%2Fa%2Fpackage\.json%22%7D%5D\)/,
    }],
  ];
  for (const [title, pkg, expected] of cases) {
    it(title, () => {
      const row = presentPackageRow(pkg, NOW, english);
      assert.equal(row.description, expected.description);
      assert.equal(row.icon, expected.icon);
      assert.equal(row.attention, expected.attention);
      if (expected.tooltip) assert.match(row.tooltip, expected.tooltip);
      if (expected.contextValue) assert.equal(row.contextValue, expected.contextValue);
      assert.doesNotMatch(row.accessibilityLabel, /\*\*|\\|\$\(/, 'the label is plain text');
    });
  }

  it('data in the tooltip is inert Markdown and secrets are redacted', () => {
    const hostile = entry({ name: '[x](command:evil)', version: '1.0.0', parseError: 'token npm_' + 'A'.repeat(36) });
    const row = presentPackageRow(hostile, NOW, english);
    assert.doesNotMatch(row.tooltip, /\[x\]\(command/);
    assert.doesNotMatch(row.tooltip + row.accessibilityLabel + row.description, /npm_A{36}/);
  });

  it('the badge counts what needs attention', () => {
    assert.equal(attentionBadge([{ attention: false }], english), undefined);
    assert.deepEqual(attentionBadge([{ attention: true }, { attention: false }, { attention: true }], english), { value: 2, tooltip: '2 packages need attention' });
  });
});
