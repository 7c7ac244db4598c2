// Which package.json the status is about: the nearest one above the active file, as npm finds it.
import * as path from 'node:path';

/** How the workspace's package.json files are found: the tracker's scan and watcher, and the commands that write them. */
export const MANIFEST_GLOB = '**/package.json';
export const MANIFEST_EXCLUDE = '**/node_modules/**';
/**
 * A bound on the scan, not a size anyone should reach: the tracker keeps paths only (the menu reads
 * the files when it opens). At 200, a 1,000-package workspace silently lost 800 packages from the
 * menu; now a scan that reaches the bound is reported (`onTruncated`) and logged.
 */
export const MAX_MANIFESTS = 10_000;

/**
 * The package.json paths that could own `filePath`, nearest first, up to (and including) the root
 * that contains it. Empty when no root contains the file or when it lies inside `node_modules`
 * (a dependency's file belongs to no package of the workspace).
 */
export function manifestCandidates(filePath: string, roots: readonly string[]): string[] {
  const root = roots
    .filter((r) => isInside(filePath, r))
    .sort((a, b) => b.length - a.length)[0];
  if (root === undefined || path.relative(root, filePath).split(path.sep).includes('node_modules')) return [];
  const candidates: string[] = [];
  for (let dir = path.dirname(filePath); isInside(dir, root); dir = path.dirname(dir)) {
    candidates.push(path.join(dir, 'package.json'));
    if (dir === root) break;
  }
  return candidates;
}

function isInside(target: string, folder: string): boolean {
  const relative = path.relative(folder, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export interface PackageChoice {
  /** The workspace's manifests. */
  manifests: readonly string[];
  /** The active editor's file, when the active editor shows a file. */
  editorFile?: string;
  /** The manifest owning `editorFile`, when the workspace has one. */
  editorManifest?: string;
  /** What "Switch Package…" picked, and the file that was active then. */
  picked?: { manifest: string; editorFileThen?: string };
  /** The manifest the status showed last. */
  lastShown?: string;
  /** The first publishable manifest, the fallback when nothing else says. */
  firstPublishable?: string;
}

/**
 * Which package the status is about. A pick from "Switch Package…" holds until the user opens a file
 * of another package; then the active file's package; with no file editor (Output, Settings, a
 * preview) the package shown last, so the item does not jump; only then the first publishable one.
 */
export function choosePackage(choice: PackageChoice): { manifest: string | undefined; keepPick: boolean } {
  const known = (manifest: string | undefined) => (manifest !== undefined && choice.manifests.includes(manifest) ? manifest : undefined);
  const { picked, editorManifest } = choice;
  if (picked && known(picked.manifest)) {
    const openedAnotherPackage = choice.editorFile !== undefined && choice.editorFile !== picked.editorFileThen && editorManifest !== picked.manifest;
    if (!openedAnotherPackage) return { manifest: picked.manifest, keepPick: true };
  }
  return {
    manifest: editorManifest ?? known(choice.lastShown) ?? known(choice.firstPublishable) ?? choice.manifests[0],
    keepPick: false,
  };
}

export interface PackageEntry {
  manifest: string;
  name: string;
  /** The folder, relative to the workspace, for telling packages apart. */
  folder: string;
}

/** The switcher's order: by name, then folder, so it never reshuffles between openings. */
export function sortPackages<T extends PackageEntry>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => a.name.localeCompare(b.name, 'en') || a.folder.localeCompare(b.folder, 'en'));
}
