// The order a release goes in: a package after the workspace packages it needs at run time
// (`dependencies`, `peerDependencies`, `optionalDependencies`; devDependencies are not installed by
// its users). A cycle is named, never broken by a guess.

/** A workspace package as the order sees it: its name and every dependency name it declares. */
export interface DependencyNode {
  name: string;
  /** Names from dependencies, peerDependencies and optionalDependencies (any names: outside ones are ignored). */
  needs: readonly string[];
}

export type ReleaseOrder =
  | { kind: 'ordered'; names: string[] }
  /** The packages of one cycle, in the order each needs the next (the first needs the second…, the last the first). */
  | { kind: 'cycle'; names: string[] };

/** The fields whose packages a user's install brings along. */
export const RUNTIME_DEPENDENCY_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'] as const;

/** The dependency names a manifest declares in the run-time fields (a non-object field counts as none). */
export function runtimeDependencyNames(manifest: Record<string, unknown>): string[] {
  const names = new Set<string>();
  for (const field of RUNTIME_DEPENDENCY_FIELDS) {
    const value = manifest[field];
    if (value && typeof value === 'object' && !Array.isArray(value)) for (const name of Object.keys(value)) names.add(name);
  }
  return [...names];
}

/**
 * The selected packages, each after the workspace packages it needs (also through packages that are
 * not selected), ties by name so the order never reshuffles. A cycle among the packages the selection
 * reaches is returned instead.
 */
export function releaseOrder(nodes: readonly DependencyNode[], selected: readonly string[]): ReleaseOrder {
  const byName = new Map(nodes.map((node) => [node.name, node]));
  const inside = (name: string) => byName.has(name);
  const state = new Map<string, 'visiting' | 'done'>();
  const order: string[] = [];
  const path: string[] = [];
  const visit = (name: string): string[] | undefined => {
    const seen = state.get(name);
    if (seen === 'done') return undefined;
    if (seen === 'visiting') return path.slice(path.indexOf(name));
    state.set(name, 'visiting');
    path.push(name);
    const needs = [...new Set(byName.get(name)!.needs.filter((n) => inside(n) && n !== name))].sort(byText);
    for (const need of needs) {
      const cycle = visit(need);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(name, 'done');
    order.push(name);
    return undefined;
  };
  for (const name of [...new Set(selected)].filter(inside).sort(byText)) {
    const cycle = visit(name);
    if (cycle) return { kind: 'cycle', names: cycle };
  }
  const wanted = new Set(selected);
  return { kind: 'ordered', names: order.filter((name) => wanted.has(name)) };
}

/** Every workspace package that needs `name`, directly or through others. */
export function dependentsOf(nodes: readonly DependencyNode[], name: string): Set<string> {
  const found = new Set<string>();
  const queue = [name];
  while (queue.length > 0) {
    const next = queue.shift()!;
    for (const node of nodes) {
      if (!found.has(node.name) && node.name !== name && node.needs.includes(next)) {
        found.add(node.name);
        queue.push(node.name);
      }
    }
  }
  return found;
}

function byText(a: string, b: string): number {
  return a.localeCompare(b, 'en');
}
