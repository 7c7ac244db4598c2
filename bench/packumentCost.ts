// (7) What a status costs as the packument grows (issue #18): lodash, typescript and next, their real
// packuments served gzip from loopback (bench/packuments.ts). Cold: nothing held. Warm: the same
// package again, the facts held with their ETag — the refresh the editor does on save and focus.
// Side by side: the npm CLI doing the same work (`npm view <pkg> version`, with npm's cache: it
// revalidates too), and what the smaller documents would cost raw — the reason they are not used
// is in src/core/status/packageFactsCache.ts: they lack the publication times the status shows.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { english } from '../src/core/base/localize';
import { computeStatus, type StatusRequest } from '../src/core/status/computeStatus';
import { PackageFactsCache } from '../src/core/status/packageFactsCache';
import { AccountFactsCache } from '../src/core/status/registryFacts';
import { NpmWorkspace } from '../test/registry/conformance/npmCli';
import type { LocalRegistry } from '../test/registry/server';
import { measure, stats, timed, type Stats } from './measure';
import { servePackuments, type BenchPackument, type PackumentServer } from './packuments';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

export interface PackumentCostRow {
  packument: BenchPackument;
  cold: Stats;
  /** The first status from the small documents (the extension's path), and until the packument behind it is handed over. */
  firstPaint: Stats;
  complete: Stats;
  warm: Stats;
  warmBytesSent: number;
  warmRequests: string[];
  heapGrowthMB: Stats;
  npmView: Stats;
  /** Raw GET + gunzip + JSON.parse of each smaller document, cold. */
  smaller: { distTagsAndLatest: Stats; abbreviated: Stats; abbreviatedBytes: number };
}

export async function packumentCost(root: string): Promise<PackumentCostRow[]> {
  const server = await servePackuments();
  // npm only needs the registry's URL from the workspace: the packument server stands in for the local registry.
  const npm = new NpmWorkspace({ url: server.url } as LocalRegistry);
  const out: PackumentCostRow[] = [];
  try {
    for (const packument of server.packuments) out.push(await onePackage(server, npm, root, packument));
  } finally {
    npm.cleanup();
    await server.close();
  }
  return out;
}

async function onePackage(server: PackumentServer, npm: NpmWorkspace, root: string, packument: BenchPackument): Promise<PackumentCostRow> {
  const folder = path.join(root, `packument-${packument.name}`);
  fs.mkdirSync(folder, { recursive: true });
  // The local version is the registry's latest: the status then reads versions, latest and its time.
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: packument.name, version: packument.latest }));
  fs.writeFileSync(path.join(folder, '.npmrc'), `registry=${server.url}\n`);
  const request = (packageCache: PackageFactsCache, onPackageFactsRefined?: () => void): StatusRequest => ({
    packageFolder: folder,
    config: { env: { HOME: npm.home }, userconfig: npm.userconfig, globalconfig: npm.globalconfig },
    publishingAccess: () => ({}),
    loggedInAt: () => undefined,
    accountCache: { cache: new AccountFactsCache() },
    packageCache,
    onPackageFactsRefined,
    now: Date.now(),
  });
  const label = `${packument.name} (${(packument.bytes / 1e6).toFixed(1)} MB)`;
  const cold = await measure(`${label}: cold status from the packument (nothing held)`, () => timed(() => computeStatus(request(new PackageFactsCache()), english)));
  const completeSamples: number[] = [];
  const firstPaint = await measure(`${label}: cold first status from the small documents, packument behind`, async (i) => {
    const started = performance.now();
    let done!: () => void;
    const refined = new Promise<void>((resolve) => (done = resolve));
    const status = await computeStatus(request(new PackageFactsCache(), () => done()), english);
    const painted = performance.now() - started;
    if (!(status.packageFacts?.state === 'published' && status.packageFacts.partial)) throw new Error(`${label}: the small documents were not used`);
    await refined;
    if (i >= 0) completeSamples.push(performance.now() - started);
    return painted;
  });

  const held = new PackageFactsCache();
  await computeStatus(request(held), english);
  let warmBytesSent = 0;
  let warmRequests: string[] = [];
  const growth: number[] = [];
  const warm = await measure(`${label}: warm refresh (facts held, revalidated)`, async (i) => {
    collectGarbage();
    server.reset();
    const heapBefore = process.memoryUsage().heapUsed;
    const ms = await timed(() => computeStatus(request(held), english));
    if (i >= 0) growth.push((process.memoryUsage().heapUsed - heapBefore) / 1e6);
    [warmBytesSent, warmRequests] = [server.bytesSent, [...server.requests]];
    return ms;
  });

  const view = await measure(`${label}: npm view ${packument.name} version (npm's cache revalidates)`, () =>
    timed(async () => {
      const result = await npm.run(['view', packument.name, 'version'], { cwd: folder, timeoutMs: 120_000 });
      if (result.code !== 0) throw new Error(`npm view ${packument.name}: ${result.stderr}`);
    }), 3);

  const raw = async (route: string, accept = 'application/json') => {
    const response = await fetch(new URL(route, server.url), { headers: { accept, 'accept-encoding': 'gzip' } });
    return JSON.parse(await response.text()) as unknown;
  };
  const distTagsAndLatest = await measure(`${label}: raw dist-tags + /${packument.name}/${packument.latest}`, () =>
    timed(() => Promise.all([raw(`-/package/${packument.name}/dist-tags`), raw(`${packument.name}/${packument.latest}`)])));
  let abbreviatedBytes = 0;
  const abbreviated = await measure(`${label}: raw abbreviated packument`, () =>
    timed(async () => (abbreviatedBytes = JSON.stringify(await raw(packument.name, 'application/vnd.npm.install-v1+json')).length)));
  return { packument, cold, firstPaint, complete: stats(completeSamples), warm, warmBytesSent, warmRequests, heapGrowthMB: stats(growth), npmView: view, smaller: { distTagsAndLatest, abbreviated, abbreviatedBytes } };
}

/** The table of issue #18, with the goals for the largest packument. */
export function printPackumentTable(rows: PackumentCostRow[]): void {
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
  const ms = (s: Stats) => `${fmt(s.median)} ms`;
  // On a shared machine the minimum is the uncontended cost: both are shown.
  const msWithMin = (s: Stats) => `${fmt(s.median)} ms (min ${fmt(s.min)})`;
  const mb = (bytes: number) => (bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.round(bytes / 1e3)} KB`);
  const header = ['package', 'packument size', 'cold: packument', 'cold: first status (small docs) / complete', 'warm', 'bytes sent per warm refresh', 'heap growth', 'npm view (same work)', 'npm view ÷ warm', 'smaller docs raw: dist-tags+version / abbreviated'];
  const lines = rows.map((r) => [
    `${r.packument.name}${r.packument.source === 'generated' ? ' (generated stand-in: fetch failed)' : ''}`,
    `${mb(r.packument.bytes)} (${mb(r.packument.gzipBytes)} gzip, ${r.packument.versions} versions)`,
    msWithMin(r.cold), `${msWithMin(r.firstPaint)} / ${ms(r.complete)}`, msWithMin(r.warm), `${r.warmBytesSent} B`, `${r.heapGrowthMB.median.toFixed(2)} MB`, ms(r.npmView),
    `${(r.npmView.median / r.warm.median).toFixed(0)}×`,
    `${ms(r.smaller.distTagsAndLatest)} / ${ms(r.smaller.abbreviated)} (${mb(r.smaller.abbreviatedBytes)})`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n(7) status cost by packument size (median of the runs; warm = facts held, packument revalidated)`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(line(l));
  const largest = rows[rows.length - 1];
  if (largest) {
    const goals = [
      ['cold (first status) ≤ 40 ms', largest.firstPaint.median <= 40], ['warm ≤ 10 ms', largest.warm.median <= 10],
      ['≤ 2 KB sent per warm refresh', largest.warmBytesSent <= 2048], ['heap growth ≤ 5 MB per refresh', largest.heapGrowthMB.median <= 5],
    ] as const;
    console.log(`goals for ${largest.packument.name}: ${goals.map(([goal, met]) => `${goal} ${met ? 'met' : 'NOT MET'}`).join(' · ')}`);
    console.log(`warm refresh sends: ${largest.warmRequests.join(', ')}`);
  }
}

