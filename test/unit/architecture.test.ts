// The layout's rules, checked on every build (README: "How the code is laid out"). Each folder owns
// one thing and imports only from the folders below it; nothing imports in a circle; only bundle
// entries re-export; the core never sees the editor.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const src = path.resolve(__dirname, '../../../src');

/** Which folders each folder may import from (itself always). Type-only imports count too, except where noted. */
const ALLOWED: Record<string, string[]> = {
  'core/base': [],
  'core/status': ['core/base'],
  'core/present': ['core/base', 'core/trust'],
  'core/policy': ['core/base'],
  // The token wizard's steps are multiStep data (core/policy needs only core/base).
  'core/account': ['core/base', 'core/status', 'core/policy'],
  'core/publish': ['core/base', 'core/status', 'core/account'],
  'core/workspace': ['core/base', 'core/status', 'core/present', 'core/account', 'core/publish'],
  'core/trust': ['core/base'],
  ui: ['core/base', 'core/status', 'core/present', 'core/policy', 'core/account', 'core/publish', 'core/workspace', 'core/trust'],
  bundles: ['core/base', 'core/status', 'core/present', 'core/policy', 'core/account', 'core/publish', 'core/workspace', 'core/trust', 'ui'],
  '.': ['ui'],
};
/** The lazily loaded bundles are named by the UI only as types (lazyModules.ts requires the built files). */
const TYPE_ONLY_ALLOWED: Record<string, string[]> = { ui: ['bundles'] };

interface Edge { from: string; to: string; typeOnly: boolean; reexport: boolean }

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

function folderOf(file: string): string {
  const rel = path.relative(src, file).split(path.sep);
  if (rel.length === 1) return '.';
  return rel[0] === 'core' ? `core/${rel[1]}` : rel[0];
}

function resolveImport(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  return [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate));
}

const files = sourceFiles(src);
const edges: Edge[] = [];
const packageImports = new Map<string, string[]>();
for (const file of files) {
  // Comments are not imports.
  const text = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const statements = /(?:^|\n)\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*'([^']+)'|(?:import|require)\(\s*'([^']+)'\s*\)/g;
  for (const m of text.matchAll(statements)) {
    const spec = m[4] ?? m[5];
    const typeOnly = Boolean(m[2]) || /^\{\s*(type\s+[\w$]+\s*,?\s*)+\}$/.test(m[3] ?? '');
    if (!spec.startsWith('.')) {
      packageImports.set(file, [...(packageImports.get(file) ?? []), spec]);
      continue;
    }
    const to = resolveImport(file, spec);
    if (to) edges.push({ from: file, to, typeOnly, reexport: m[1] === 'export' });
  }
}
const rel = (file: string) => path.relative(src, file);

describe('architecture: the rules of the layout', () => {
  it('finds the source tree', () => assert.ok(files.length > 50 && edges.length > 100, `${files.length} files, ${edges.length} imports`));

  it('every folder imports only from the folders below it', () => {
    const wrong = edges.filter((e) => {
      const [from, to] = [folderOf(e.from), folderOf(e.to)];
      if (from === to) return false;
      const allowed = ALLOWED[from];
      assert.ok(allowed, `${rel(e.from)} is in a folder the rules do not know (${from}): add it to ALLOWED`);
      return !allowed.includes(to) && !(e.typeOnly && TYPE_ONLY_ALLOWED[from]?.includes(to));
    });
    assert.deepEqual(wrong.map((e) => `${rel(e.from)} → ${rel(e.to)}`), []);
  });

  it('nothing imports in a circle (type-only imports are erased, so they cannot make one)', () => {
    const graph = new Map<string, string[]>();
    for (const e of edges.filter((edge) => !edge.typeOnly)) graph.set(e.from, [...(graph.get(e.from) ?? []), e.to]);
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const visit = (node: string) => {
      state.set(node, 'visiting');
      stack.push(node);
      for (const next of graph.get(node) ?? []) {
        if (state.get(next) === 'visiting') cycles.push([...stack.slice(stack.indexOf(next)), next].map(rel).join(' → '));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(node, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    assert.deepEqual(cycles, []);
  });

  it('only bundle entries re-export', () => {
    const reexports = edges.filter((e) => e.reexport && folderOf(e.from) !== 'bundles');
    assert.deepEqual(reexports.map((e) => `${rel(e.from)} re-exports ${rel(e.to)}`), []);
  });

  it('the core never imports the editor', () => {
    const editorInCore = [...packageImports].filter(([file, specs]) => folderOf(file).startsWith('core/') && specs.includes('vscode'));
    assert.deepEqual(editorInCore.map(([file]) => rel(file)), []);
  });
});
