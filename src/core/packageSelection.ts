// Which package.json the status is about: the nearest one above the active file, as npm finds it.
import * as path from 'node:path';

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
