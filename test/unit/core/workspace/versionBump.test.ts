import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/base/localize';
import { applyEdits, stringValueEdits, type StringValueChange } from '../../../../src/core/workspace/manifestEdits';
import {
  bumpPreview, bumpedVersion, cappedPreview, manifestChanges, planVersionBump, readBumpManifest, withDependencyRange, PREVIEW_LINES,
  type ManifestRead, type RangeFollow,
} from '../../../../src/core/workspace/versionBump';

describe('withDependencyRange', () => {
  const follow = (range: string): RangeFollow => ({ kind: 'follow', range });
  const keep = (why: Extract<RangeFollow, { kind: 'keep' }>['why']): RangeFollow => ({ kind: 'keep', why });
  const outside: RangeFollow = { kind: 'outside' };
  const cases: [string, string, RangeFollow][] = [
    // one version with an operator that includes it: the operator's text stays
    ['^1.2.3', '1.3.0', follow('^1.3.0')],
    ['~1.2.3', '1.3.0', follow('~1.3.0')],
    ['1.2.3', '1.3.0', follow('1.3.0')],
    ['=1.2.3', '1.3.0', follow('=1.3.0')],
    ['>=1.2.3', '1.3.0', follow('>=1.3.0')],
    ['>= 1.2.3', '1.3.0', follow('>= 1.3.0')],
    ['v1.2.3', '1.3.0', follow('v1.3.0')],
    ['~>1.2.3', '1.2.4', follow('~>1.2.4')],
    ['^1.0.0', '2.0.0', follow('^2.0.0')],
    ['^0.1.0', '0.2.0', follow('^0.2.0')],
    // prereleases
    ['^1.2.3', '1.2.4-0', follow('^1.2.4-0')],
    ['^1.2.4-beta.0', '1.2.4-beta.1', follow('^1.2.4-beta.1')],
    ['1.2.4-0', '1.2.4', follow('1.2.4')],
    ['^1.2.3+build.5', '1.3.0', follow('^1.3.0')],
    // the workspace protocol
    ['workspace:*', '2.0.0', keep('workspace')],
    ['workspace:^', '2.0.0', keep('workspace')],
    ['workspace:~', '2.0.0', keep('workspace')],
    ['workspace:^1.2.3', '1.3.0', follow('workspace:^1.3.0')],
    ['workspace:1.x', '1.3.0', keep('includes')],
    ['workspace:1.x', '2.0.0', outside],
    // not version ranges
    ['*', '2.0.0', keep('any')],
    ['', '2.0.0', keep('any')],
    ['x', '2.0.0-0', keep('any')],
    ['latest', '2.0.0', keep('not-semver')],
    ['file:../a', '2.0.0', keep('not-semver')],
    ['link:../a', '2.0.0', keep('not-semver')],
    ['github:acme/a#v1.0.0', '2.0.0', keep('not-semver')],
    ['git+https://example.invalid/a.git#semver:^1.0.0', '2.0.0', keep('not-semver')],
    ['https://example.invalid/a-1.0.0.tgz', '2.0.0', keep('not-semver')],
    ['acme/a', '2.0.0', keep('not-semver')],
    // x-ranges, partial versions, `||`, hyphens and bounds: untouched while they include the new version
    ['1.x', '1.3.0', keep('includes')],
    ['1.x', '2.0.0', outside],
    ['^1.2', '1.3.0', keep('includes')],
    ['^1', '2.0.0', outside],
    ['~1.2', '1.3.0', outside],
    ['^1.2.3 || ^2.0.0', '2.1.0', keep('includes')],
    ['^1.2.3 || ^2.0.0', '3.0.0', outside],
    ['1.0.0 - 2.0.0', '1.5.0', keep('includes')],
    ['>=1.0.0 <2.0.0', '1.3.0', keep('includes')],
    ['>=1.0.0 <2.0.0', '2.0.0', outside],
    ['<2.0.0', '1.3.0', keep('includes')],
    ['>1.0.0', '1.3.0', keep('includes')],
    ['>=1.0.0', '1.3.0-0', follow('>=1.3.0-0')],
    ['1.x', '1.3.0-0', outside],
    // a single version already at or ahead of the new one is not moved back
    ['^1.3.0', '1.3.0', keep('includes')],
    ['^2.0.0', '1.3.0', outside],
  ];
  for (const [range, version, expected] of cases) {
    it(`${JSON.stringify(range)} with ${version} → ${JSON.stringify(expected)}`, () => assert.deepEqual(withDependencyRange(range, version), expected));
  }
});

describe('bumpedVersion', () => {
  const cases: [string | undefined, Parameters<typeof bumpedVersion>[1], string | undefined][] = [
    ['1.2.3', 'patch', '1.2.4'],
    ['1.2.3', 'minor', '1.3.0'],
    ['1.2.3', 'major', '2.0.0'],
    ['1.2.3', 'prerelease', '1.2.4-0'],
    ['1.2.4-0', 'prerelease', '1.2.4-1'],
    ['1.2.4-0', 'patch', '1.2.4'],
    ['not-a-version', 'minor', undefined],
    [undefined, 'minor', undefined],
  ];
  for (const [version, release, expected] of cases) it(`${version} ${release} → ${expected}`, () => assert.equal(bumpedVersion(version, release), expected));
});

describe('stringValueEdits', () => {
  const change = (keys: string[], from: string, to: string): StringValueChange => ({ keys, from, to });
  const edit = (text: string, ...changes: StringValueChange[]) => {
    const edits = stringValueEdits(text, changes);
    return edits && applyEdits(text, edits);
  };

  it('changes only the values: CRLF, tabs, key order, no final newline and a BOM stay', () => {
    const text = '\uFEFF{\r\n\t"name": "b",\r\n\t"dependencies": {\r\n\t\t"a": "^1.0.0",\r\n\t\t"z": "^1.0.0"\r\n\t},\r\n\t"version": "1.0.0"\r\n}';
    assert.equal(
      edit(text, change(['version'], '1.0.0', '1.1.0'), change(['dependencies', 'a'], '^1.0.0', '^1.1.0')),
      '\uFEFF{\r\n\t"name": "b",\r\n\t"dependencies": {\r\n\t\t"a": "^1.1.0",\r\n\t\t"z": "^1.0.0"\r\n\t},\r\n\t"version": "1.1.0"\r\n}',
    );
  });

  it('is not fooled by the same key deeper, in a string or in an array', () => {
    const text = '{"scripts": {"version": "echo \\"version\\": \\"1.0.0\\""}, "x": [{"version": "1.0.0"}], "peerDependencies": {}, "version" : "1.0.0", "dependencies": {"a": "1.0.0"}}';
    assert.equal(
      edit(text, change(['version'], '1.0.0', '2.0.0')),
      '{"scripts": {"version": "echo \\"version\\": \\"1.0.0\\""}, "x": [{"version": "1.0.0"}], "peerDependencies": {}, "version" : "2.0.0", "dependencies": {"a": "1.0.0"}}',
    );
  });

  it('of duplicate keys, changes the last (the one JSON.parse and npm read)', () => {
    assert.equal(edit('{"version": "0.0.1", "version": "1.0.0"}', change(['version'], '1.0.0', '1.1.0')), '{"version": "0.0.1", "version": "1.1.0"}');
  });

  it('finds keys written with escapes', () => {
    assert.equal(edit('{"dependencies": {"\\u0061": "^1.0.0"}}', change(['dependencies', 'a'], '^1.0.0', '^2.0.0')), '{"dependencies": {"\\u0061": "^2.0.0"}}');
  });

  const refused: [string, string, StringValueChange][] = [
    ['the file is not JSON', '{"version": "1.0.0",', change(['version'], '1.0.0', '1.1.0')],
    ['the value changed since it was read', '{"version": "1.0.5"}', change(['version'], '1.0.0', '1.1.0')],
    ['the value is not a string', '{"version": 1}', change(['version'], '1.0.0', '1.1.0')],
    ['the key is missing', '{"name": "a"}', change(['version'], '1.0.0', '1.1.0')],
  ];
  for (const [title, text, one] of refused) it(`refuses when ${title}`, () => assert.equal(stringValueEdits(text, [one]), undefined));
});

const manifest = (folder: string, json: Record<string, unknown>, raw?: string): ManifestRead =>
  readBumpManifest({ path: `/ws/${folder}/package.json`, folder, text: raw ?? JSON.stringify(json, null, 2) });
const pathOf = (folder: string) => `/ws/${folder}/package.json`;

describe('planVersionBump', () => {
  const workspace = [
    manifest('a', { name: 'a', version: '1.0.0' }),
    manifest('b', { name: 'b', version: '2.0.0', private: true, dependencies: { a: '^1.0.0' }, devDependencies: { a: '~1.0.0' }, peerDependencies: { a: '1.x' } }),
    manifest('c', { name: 'c', version: '0.1.0', optionalDependencies: { a: 'workspace:*', other: '^1.0.0' }, dependencies: { 'a-alias': 'npm:a@^1.0.0', lodash: '^4.0.0' } }),
    manifest('root', { name: 'root', private: true, devDependencies: { a: 'file:./a', b: '*' } }),
  ];

  it('bumps the chosen and lets the dependents\' ranges follow, keeping the operators', () => {
    const plan = planVersionBump(workspace, [pathOf('a')], 'minor', english);
    assert.deepEqual(plan.versions, [{ path: pathOf('a'), label: 'a', from: '1.0.0', to: '1.1.0' }]);
    assert.deepEqual(plan.ranges.map((r) => `${r.label}: ${r.field}.${r.key} ${r.from} → ${r.to}`), [
      'b: dependencies.a ^1.0.0 → ^1.1.0',
      'b: devDependencies.a ~1.0.0 → ~1.1.0',
      'c: dependencies.a-alias npm:a@^1.0.0 → npm:a@^1.1.0',
    ]);
    assert.deepEqual(plan.problems, []);
  });

  it('names the range that cannot follow a major', () => {
    const plan = planVersionBump(workspace, [pathOf('a')], 'major', english);
    assert.deepEqual(plan.problems.map((p) => [p.kind, p.text]), [['range-left', 'b: peerDependencies.a 1.x does not include 2.0.0; left as it is']]);
  });

  it('bumps private packages and several at once; a bumped dependent gets both changes', () => {
    const plan = planVersionBump(workspace, [pathOf('a'), pathOf('b')], 'patch', english);
    assert.deepEqual(plan.versions.map((v) => `${v.label} ${v.from} → ${v.to}`), ['a 1.0.0 → 1.0.1', 'b 2.0.0 → 2.0.1']);
    assert.deepEqual([...manifestChanges(plan).get(pathOf('b'))!], [
      { keys: ['version'], from: '2.0.0', to: '2.0.1' },
      { keys: ['dependencies', 'a'], from: '^1.0.0', to: '^1.0.1' },
      { keys: ['devDependencies', 'a'], from: '~1.0.0', to: '~1.0.1' },
    ]);
  });

  it('a broken, version-less or invalid chosen package is named and not changed; the others still go', () => {
    const reads = [
      ...workspace,
      manifest('broken', {}, '{"name": "broken", "version": "1.0.0",'),
      manifest('bare', { name: 'bare' }),
      manifest('odd', { name: 'odd', version: 'one' }),
    ];
    const plan = planVersionBump(reads, [pathOf('a'), pathOf('broken'), pathOf('bare'), pathOf('odd')], 'minor', english);
    assert.deepEqual(plan.versions.map((v) => v.label), ['a']);
    assert.deepEqual(plan.problems.map((p) => p.kind), ['not-bumped', 'not-bumped', 'not-bumped']);
    assert.match(plan.problems[0]!.text, /^broken: not changed: package\.json is not valid JSON/);
    assert.equal(plan.problems[1]!.text, 'bare: not changed: package.json has no "version"');
    assert.equal(plan.problems[2]!.text, 'odd: not changed: "one" is not a version npm accepts');
  });

  it('a name two manifests share: bumped, but no range follows it', () => {
    const reads = [...workspace, manifest('copy-of-a', { name: 'a', version: '1.0.0' })];
    const plan = planVersionBump(reads, [pathOf('a')], 'minor', english);
    assert.equal(plan.versions.length, 1);
    assert.deepEqual(plan.ranges, []);
    assert.deepEqual(plan.problems.map((p) => p.text), ['Ranges naming a are left as they are: 2 package.json files have that name']);
  });

  it('a nameless package is shown by its folder; a package naming itself is no dependent', () => {
    const reads = [manifest('tools', { version: '1.0.0' }), manifest('self', { name: 'self', version: '1.0.0', devDependencies: { self: '^1.0.0' } })];
    const plan = planVersionBump(reads, [pathOf('tools'), pathOf('self')], 'patch', english);
    assert.deepEqual(plan.versions.map((v) => v.label), ['tools', 'self']);
    assert.deepEqual(plan.ranges, []);
  });

  it('package names cannot smuggle codicons or links into the preview', () => {
    const plan = planVersionBump([manifest('evil', { name: '$(alert) [x](command:y)', version: '1.0.0' })], [pathOf('evil')], 'patch', english);
    assert.doesNotMatch(bumpPreview(plan, english).lines.join('\n'), /\$\(|\]\(/);
  });
});

describe('bumpPreview', () => {
  it('lists every change and problem, one line each', () => {
    const reads = [manifest('a', { name: 'a', version: '1.2.3' }), manifest('b', { name: 'b', version: '1.0.0', dependencies: { a: '^1.2.3' }, peerDependencies: { a: '~1.2' } })];
    const preview = bumpPreview(planVersionBump(reads, [pathOf('a')], 'minor', english), english);
    assert.equal(preview.message, 'Bump 1 package(s) (minor) and update 1 range(s) in the workspace?');
    assert.deepEqual(preview.lines, ['a 1.2.3 → 1.3.0', 'b: dependencies.a ^1.2.3 → ^1.3.0', '', 'Not changed:', 'b: peerDependencies.a ~1.2 does not include 1.3.0; left as it is']);
  });

  it('the modal shows the first lines and says how many more there are', () => {
    const lines = Array.from({ length: PREVIEW_LINES + 5 }, (_, i) => `line ${i}`);
    const detail = cappedPreview(lines, english).split('\n');
    assert.equal(detail.length, PREVIEW_LINES);
    assert.equal(detail.at(-1), '…and 6 more (Show All Changes lists them)');
    assert.equal(cappedPreview(lines.slice(0, 3), english), 'line 0\nline 1\nline 2');
  });
});
