// (8) The packages view in the 1,000-package workspace (issue #19): its first paint and a change of
// one package.json, with the view's own model (core/workspace/workspacePackages.ts, packageRow.ts)
// and a node:fs reader on the real files, as src/ui/packagesView.ts runs them: first paint = sync
// every manifest, a row for each, the badge; a change = reread that manifest, its row, the badge over
// the other rows as cached by revision. Side by side: the npm CLI listing the same packages.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { english } from '../src/core/base/localize';
import { attentionBadge, presentPackageRow, type PackageRow } from '../src/core/workspace/packageRow';
import { WorkspacePackages, type ManifestReader, type WorkspacePackage } from '../src/core/workspace/workspacePackages';
import type { NpmWorkspace } from '../test/registry/conformance/npmCli';
import { measure, RUNS, timed, type Row } from './measure';

/** As packageTracker.ts's readManifestText: a file, not too big (its cap), read whole. */
const MAX_MANIFEST_BYTES = 1024 * 1024;

function countingReader(): ManifestReader & { reads: number } {
  const reader = {
    reads: 0,
    async read(manifest: string): Promise<string | undefined> {
      reader.reads++;
      try {
        const stat = await fs.stat(manifest);
        if (!stat.isFile() || stat.size > MAX_MANIFEST_BYTES) return undefined;
        return await fs.readFile(manifest, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
  return reader;
}

/** The view's row cache (packagesView.ts rowOf): a row is presented again only when its revision moved. */
class Rows {
  private readonly cache = new Map<string, { revision: number; row: PackageRow }>();
  presented = 0;
  of(pkg: WorkspacePackage): PackageRow {
    const cached = this.cache.get(pkg.manifest);
    if (cached?.revision === pkg.revision) return cached.row;
    const row = presentPackageRow(pkg, Date.now(), english);
    this.presented++;
    this.cache.set(pkg.manifest, { revision: pkg.revision, row });
    return row;
  }
}

export async function workspaceView(npm: NpmWorkspace, big: { root: string }): Promise<{ rows: Row[]; result: Record<string, unknown> }> {
  const packagesDir = path.join(big.root, 'packages');
  const manifests = [path.join(big.root, 'package.json'), ...(await fs.readdir(packagesDir)).sort().map((d) => path.join(packagesDir, d, 'package.json'))];
  const changed = path.join(packagesDir, 'p0007', 'package.json');
  const changedName = JSON.parse(await fs.readFile(changed, 'utf8')).name as string;
  const original = await fs.readFile(changed, 'utf8');

  let firstReads = 0;
  let badge: number | undefined;
  const firstPaint = await measure(`packages view: first paint of ${manifests.length} manifests (sync, every row, badge)`, () => {
    const reader = countingReader();
    return timed(async () => {
      const packages = new WorkspacePackages(reader);
      await packages.sync(manifests);
      const rows = new Rows();
      badge = attentionBadge(packages.list().map((p) => rows.of(p)), english)?.value;
      if (rows.presented !== manifests.length) throw new Error(`first paint: ${rows.presented} rows for ${manifests.length} manifests`);
      firstReads = reader.reads;
    });
  });

  // One view, painted once; then one package.json changes on disk, again and again.
  const reader = countingReader();
  const packages = new WorkspacePackages(reader);
  await packages.sync(manifests);
  const rows = new Rows();
  attentionBadge(packages.list().map((p) => rows.of(p)), english);
  let changeReads = 0;
  let changePresented = 0;
  const change = await measure('packages view: one package.json changed (reread it, its row, the badge over cached rows)', async (i) => {
    const version = `9.10.${i + 1}`;
    await fs.writeFile(changed, JSON.stringify({ name: changedName, version }, null, 2));
    reader.reads = 0;
    rows.presented = 0;
    const ms = await timed(async () => {
      const result = await packages.reread(changed);
      const row = rows.of(result!.entry);
      attentionBadge(packages.list().map((p) => rows.of(p)), english);
      if (!row.description.startsWith(version)) throw new Error(`the row shows ${row.description}, not ${version}`);
    });
    [changeReads, changePresented] = [reader.reads, rows.presented];
    return ms;
  });
  await fs.writeFile(changed, original);

  const cliAll = await measure(`npm pkg get name version --workspaces (${manifests.length - 1} packages)`, () =>
    timed(async () => {
      const result = await npm.run(['pkg', 'get', 'name', 'version', '--workspaces'], { cwd: big.root });
      if (result.code !== 0) throw new Error(`npm pkg get --workspaces: ${result.stderr}`);
      const listed = Object.keys(JSON.parse(result.stdout) as object).length;
      if (listed !== manifests.length - 1) throw new Error(`npm pkg get listed ${listed} packages`);
    }), Math.min(RUNS, 5));
  const cliOne = await measure(`npm pkg get version -w ${changedName}`, () =>
    timed(async () => {
      const result = await npm.run(['pkg', 'get', 'version', '-w', changedName], { cwd: big.root });
      if (result.code !== 0) throw new Error(`npm pkg get -w: ${result.stderr}`);
    }), Math.min(RUNS, 5));

  const n = manifests.length;
  const rowsOut: Row[] = [
    { figure: `(8) packages view, ${n} manifests: first paint (sync + ${n} rows + badge; ${firstReads} manifests read, badge ${badge ?? 'none'})`, stats: firstPaint, unit: 'ms', target: '< 1 s', met: firstPaint.median < 1000 },
    { figure: '(8) npm pkg get name version --workspaces (reads every workspace package.json)', stats: cliAll, unit: 'ms' },
    { figure: '(8) npm pkg get --workspaces ÷ first paint', unit: '×', value: (cliAll.median / firstPaint.median).toFixed(1) },
    { figure: '(8) one package.json changed: reread + its row + badge over cached rows', stats: change, unit: 'ms', target: '< 20 ms', met: change.median < 20 },
    { figure: `(8)   manifests read / rows presented during the change`, unit: '', value: `${changeReads} / ${changePresented}`, target: '1 read', met: changeReads === 1 },
    { figure: `(8) npm pkg get version -w ${changedName}`, stats: cliOne, unit: 'ms' },
    { figure: '(8) npm pkg get -w ÷ one change', unit: '×', value: (cliOne.median / change.median).toFixed(0) },
  ];
  return {
    rows: rowsOut,
    result: { manifests: n, firstPaint, firstPaintReads: firstReads, change, changeReads, changeRowsPresented: changePresented, cliAll, cliOne, cliAllOverFirstPaint: cliAll.median / firstPaint.median, cliOneOverChange: cliOne.median / change.median },
  };
}
