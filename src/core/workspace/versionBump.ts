// "Bump Versions in Workspace…": the chosen packages' new versions, and the ranges in the other
// workspace packages that follow them. Pure: manifests' text in, a plan out; the UI previews and writes.
//
// What npm does: `npm version <kind> --workspaces` bumps each workspace (libnpmversion) and then
// reifies with `save: false` by default, so package.json ranges stay unless `--save` is given; with
// it, arborist saves `save-prefix + version` (`^1.3.0`) wherever the new version leaves the range.
// Here the ranges follow as the issue asks, decided from semver alone, in `withDependencyRange`:
// - one version with an operator that includes it (`1.2.3`, `=1.2.3`, `^1.2.3`, `~1.2.3`, `>=1.2.3`,
//   `v1.2.3`) is rewritten to the new version keeping the operator's text (`^1.3.0`);
// - `*`, `x`, `""`, tags (`latest`), `file:`, `link:`, git and URL specs are not version ranges:
//   untouched; so are `workspace:*`, `workspace:^` and `workspace:~`, which follow the version at publish;
// - any other range (x-ranges `1.x`, `^1.2`, `||`, hyphen, `<2`) that already includes the new
//   version is untouched; one that does not cannot keep its meaning: it is left and named in the preview.
import { redact } from '@npmcli/redact';
import { inc, lt, satisfies, valid, validRange } from 'semver';
import type { Localize } from '../base/localize';
import { inert } from '../base/text';
import type { Release } from '../publish/versionChoice';
import type { StringValueChange } from './manifestEdits';

/** The fields whose ranges follow (npm's four; bundleDependencies names no range). */
export const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;
export type DependencyField = (typeof DEPENDENCY_FIELDS)[number];

/** A workspace package.json as read: its path, the folder to show, and its text. */
export interface ManifestText {
  path: string;
  folder: string;
  text: string;
}

export interface DependencySpec {
  field: DependencyField;
  /** The key in the field: the package name, or an alias's own name. */
  key: string;
  spec: string;
}

export interface BumpManifest {
  path: string;
  folder: string;
  name?: string;
  version?: string;
  dependencies: DependencySpec[];
}

export type ManifestRead = { ok: true; manifest: BumpManifest } | { ok: false; path: string; folder: string; reason: string };

/** What follows a bump in one dependency range. */
export type RangeFollow =
  | { kind: 'follow'; range: string }
  | { kind: 'keep'; why: 'not-semver' | 'any' | 'workspace' | 'includes' }
  /** A range the new version falls outside and that has no single operator to keep. */
  | { kind: 'outside' };

export interface VersionChange {
  path: string;
  label: string;
  from: string;
  to: string;
}

export interface RangeChange {
  path: string;
  /** The dependent package, as people know it. */
  label: string;
  field: DependencyField;
  key: string;
  /** The bumped package it names. */
  dependency: string;
  from: string;
  to: string;
}

export interface BumpProblem {
  path: string;
  /** `not-bumped`: a chosen package keeps its version; `range-left`: a range cannot follow; `shared-name`: ranges naming it are left. */
  kind: 'not-bumped' | 'range-left' | 'shared-name';
  text: string;
}

export interface BumpPlan {
  release: Release;
  versions: VersionChange[];
  ranges: RangeChange[];
  problems: BumpProblem[];
}

/** Parses a manifest's text the way the plan needs it; a broken file says why (redacted: it may hold a token). */
export function readBumpManifest({ path, folder, text }: ManifestText): ManifestRead {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, path, folder, reason: `package.json is not valid JSON: ${redact(error instanceof Error ? error.message : String(error))}` };
  }
  if (!isObject(json)) return { ok: false, path, folder, reason: 'package.json must contain a JSON object.' };
  const dependencies = DEPENDENCY_FIELDS.flatMap((field) => {
    const entries = json[field];
    return isObject(entries)
      ? Object.entries(entries).flatMap(([key, spec]) => (typeof spec === 'string' ? [{ field, key, spec }] : []))
      : [];
  });
  return {
    ok: true,
    manifest: {
      path, folder, dependencies,
      name: typeof json.name === 'string' ? json.name : undefined,
      version: typeof json.version === 'string' ? json.version : undefined,
    },
  };
}

/** The next version of `version` for `release`, as Bump Version computes it; undefined when npm would not accept it. */
export function bumpedVersion(version: string | undefined, release: Release): string | undefined {
  return version && valid(version) ? (inc(version, release) ?? undefined) : undefined;
}

/** `^`, `~`, `~>`, `>=`, `=` or nothing, an optional `v`, then one whole version: its text is kept, the version replaced. */
const SINGLE_VERSION = /^((?:\^|~>?|>=|=)?\s*v?)(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$/;
const ANY = /^(\*|x|X|)$/;
/** pnpm's and yarn's shorthands that resolve to the workspace package whatever its version. */
const WORKSPACE_ANY = /^workspace:(\*|\^|~)?$/;

/** What `range` becomes when the package it names is now `newVersion` (see the rules at the top). */
export function withDependencyRange(range: string, newVersion: string): RangeFollow {
  if (WORKSPACE_ANY.test(range)) return { kind: 'keep', why: 'workspace' };
  if (range.startsWith('workspace:')) {
    const inner = withDependencyRange(range.slice('workspace:'.length), newVersion);
    return inner.kind === 'follow' ? { kind: 'follow', range: `workspace:${inner.range}` } : inner;
  }
  if (ANY.test(range.trim())) return { kind: 'keep', why: 'any' };
  if (validRange(range) === null) return { kind: 'keep', why: 'not-semver' };
  const single = SINGLE_VERSION.exec(range);
  if (single && valid(single[2]!) && lt(single[2]!, newVersion)) return { kind: 'follow', range: `${single[1]}${newVersion}` };
  return satisfies(newVersion, range) ? { kind: 'keep', why: 'includes' } : { kind: 'outside' };
}

/** `npm:<name>@<range>`: the package an alias stands for, and how to put a new range back. */
function aliasTarget(key: string, spec: string): { name: string; range: string; wrap: (range: string) => string } {
  const alias = /^npm:((?:@[^/@]+\/)?[^/@]+)@(.*)$/.exec(spec);
  if (!alias) return { name: key, range: spec, wrap: (range) => range };
  return { name: alias[1]!, range: alias[2]!, wrap: (range) => `npm:${alias[1]}@${range}` };
}

/**
 * The bump of `chosen` (manifest paths) by `release`, and the ranges in every readable workspace
 * manifest (the chosen ones too) that follow. A chosen package that cannot be bumped, a range that
 * cannot follow and a name two manifests share are problems; nothing else is held back by them.
 */
export function planVersionBump(reads: readonly ManifestRead[], chosen: readonly string[], release: Release, t: Localize): BumpPlan {
  const wanted = new Set(chosen);
  const manifests = reads.flatMap((read) => (read.ok ? [read.manifest] : []));
  const label = (m: { name?: string; folder: string }) => inert(m.name ?? m.folder);
  const problems: BumpProblem[] = [];
  const versions: VersionChange[] = [];
  for (const read of reads.filter((r) => wanted.has(r.ok ? r.manifest.path : r.path))) {
    if (!read.ok) {
      problems.push({ path: read.path, kind: 'not-bumped', text: t('{0}: not changed: {1}', inert(read.folder), inert(read.reason)) });
      continue;
    }
    const m = read.manifest;
    const to = bumpedVersion(m.version, release);
    if (to) versions.push({ path: m.path, label: label(m), from: m.version!, to });
    else if (m.version === undefined) problems.push({ path: m.path, kind: 'not-bumped', text: t('{0}: not changed: package.json has no "version"', label(m)) });
    else problems.push({ path: m.path, kind: 'not-bumped', text: t('{0}: not changed: "{1}" is not a version npm accepts', label(m), inert(m.version)) });
  }

  // A name two manifests share is ambiguous: which one a range means is npm's install to decide, not ours.
  const byName = new Map<string, BumpManifest[]>();
  for (const m of manifests) if (m.name !== undefined) byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
  const newVersions = new Map<string, string>();
  for (const change of versions) {
    const name = manifests.find((m) => m.path === change.path)!.name;
    if (name === undefined) continue;
    const owners = byName.get(name)!;
    if (owners.length > 1) {
      problems.push({ path: change.path, kind: 'shared-name', text: t('Ranges naming {0} are left as they are: {1} package.json files have that name', inert(name), owners.length) });
    } else {
      newVersions.set(name, change.to);
    }
  }

  const ranges: RangeChange[] = [];
  for (const m of manifests) {
    for (const { field, key, spec } of m.dependencies) {
      const target = aliasTarget(key, spec);
      const to = newVersions.get(target.name);
      if (to === undefined || target.name === m.name) continue;
      const follow = withDependencyRange(target.range, to);
      if (follow.kind === 'follow') {
        ranges.push({ path: m.path, label: label(m), field, key, dependency: target.name, from: spec, to: target.wrap(follow.range) });
      } else if (follow.kind === 'outside') {
        problems.push({ path: m.path, kind: 'range-left', text: t('{0}: {1}.{2} {3} does not include {4}; left as it is', label(m), field, inert(key), inert(spec), to) });
      }
    }
  }
  return { release, versions, ranges, problems };
}

/** Per manifest path, the string values the plan changes (for manifestEdits.ts). */
export function manifestChanges(plan: BumpPlan): Map<string, StringValueChange[]> {
  const changes = new Map<string, StringValueChange[]>();
  const add = (path: string, change: StringValueChange) => changes.set(path, [...(changes.get(path) ?? []), change]);
  for (const v of plan.versions) add(v.path, { keys: ['version'], from: v.from, to: v.to });
  for (const r of plan.ranges) add(r.path, { keys: [r.field, r.key], from: r.from, to: r.to });
  return changes;
}

/** At most this many lines in the modal: a laptop screen, not a log (the whole list opens as a document). */
export const PREVIEW_LINES = 14;

/** The preview: a question, and every change and problem as one line each ("a 1.2.3 → 1.3.0", "b: dependencies.a ^1.2.3 → ^1.3.0"). */
export function bumpPreview(plan: BumpPlan, t: Localize): { message: string; lines: string[] } {
  const { versions, ranges, problems } = plan;
  const message = ranges.length === 0
    ? t('Bump {0} package(s) ({1})?', versions.length, plan.release)
    : t('Bump {0} package(s) ({1}) and update {2} range(s) in the workspace?', versions.length, plan.release, ranges.length);
  const lines = [
    ...versions.map((v) => `${v.label} ${v.from} → ${v.to}`),
    ...ranges.map((r) => `${r.label}: ${r.field}.${inert(r.key)} ${inert(r.from)} → ${inert(r.to)}`),
  ];
  if (problems.length > 0) lines.push('', t('Not changed:'), ...problems.map((p) => p.text));
  return { message, lines };
}

/** The modal's detail: the first lines, then how many more the document shows. */
export function cappedPreview(lines: readonly string[], t: Localize): string {
  if (lines.length <= PREVIEW_LINES) return lines.join('\n');
  return [...lines.slice(0, PREVIEW_LINES - 1), t('…and {0} more (Show All Changes lists them)', lines.length - PREVIEW_LINES + 1)].join('\n');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
