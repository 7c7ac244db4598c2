// Which versions "Bump Version…" offers: never one the registry already has. The base is the higher of
// the local version and the registry's latest, so a package.json left behind a publish made elsewhere
// (CI, another clone) still gets a version that can be published.
import { gt, inc, valid, type ReleaseType } from 'semver';
import type { PackageFacts } from '../base/model';

export type Release = Extract<ReleaseType, 'patch' | 'minor' | 'major' | 'prerelease'>;
export const RELEASES: readonly Release[] = ['patch', 'minor', 'major', 'prerelease'];

export interface VersionChoice {
  version: string;
  release: Release;
}

/** A registry with a thousand prereleases of one line is odd, but it must not hang the picker. */
const MAX_STEPS = 1000;

/** The next version per release kind, from `base`, skipping every version in `taken`. */
export function nextVersions(local: string, facts: PackageFacts): VersionChoice[] {
  if (!valid(local)) return [];
  const taken = new Set(facts.state === 'published' ? facts.versions : []);
  const latest = facts.state === 'published' ? facts.latest : undefined;
  const base = latest && valid(latest) && gt(latest, local) ? latest : local;
  return RELEASES.flatMap((release) => {
    let next = inc(base, release);
    for (let steps = 0; next && taken.has(next) && steps < MAX_STEPS; steps++) next = inc(next, release);
    return next && !taken.has(next) ? [{ version: next, release }] : [];
  });
}
