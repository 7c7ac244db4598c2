// `npm run bench`: speed you can measure (issue 12). Everything runs against the local npm registry
// (test/registry) on loopback, after a warm-up, RUNS times (BENCH_RUNS, default 7); the table shows
// median, min and max and bench/results.json keeps every sample. Figures, not assertions: tests
// assert behaviour, never timing. (7), the cost by packument size, is in packumentCost.ts.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { computeStatus, type StatusRequest } from '../src/core/status/computeStatus';
import { AccountFactsCache } from '../src/core/status/registryFacts';
import { english } from '../src/core/base/localize';
import { resolvePublishConfig } from '../src/core/status/npmConfig';
import { npmRunner } from '../src/core/publish/npmProcess';
import { publishPackage, type PublishHooks } from '../src/core/publish/publishRunner';
import { NpmWorkspace } from '../test/registry/conformance/npmCli';
import { demoToken } from '../test/registry/scenarios';
import { asNpmjs, startRegistry, type LocalRegistry } from '../test/registry/server';
import { installVscodeStub, memento, stubState } from './vscodeStub';
import { measure, RUNS, stats, timed, type Row, type Stats } from './measure';
import { packumentCost, printPackumentTable, type PackumentCostRow } from './packumentCost';
import { releaseBench } from './release';
import { workspaceView } from './workspaceView';

const repoRoot = path.resolve(__dirname, '..', '..');
const dist = path.join(repoRoot, 'dist');
const ACCOUNT_ROUTES = ['/-/whoami', '/-/npm/v1/user', '/-/npm/v1/tokens'];
const WORKSPACE_PACKAGES = 1000;
const loadAtStart = os.loadavg()[0]!;

// The outer `npm run` exports its config as npm_* variables; neither npm nor the extension may see them.
for (const key of Object.keys(process.env)) if (/^(npm_|NPM_CONFIG_)/i.test(key)) delete process.env[key];

const rows: Row[] = [];
const results: Record<string, unknown> = {};
let packumentRows: PackumentCostRow[] = [];

async function main(): Promise<void> {
  const registry = await startRegistry({ scenario: 'default' });
  const npm = new NpmWorkspace(registry);
  const token = demoToken('alice-bypass');
  npm.writeNpmrc([`registry=${registry.url}`, `${npm.nerfDart}:_authToken=${token}`]);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'npa-bench-'));
  try {
    const pkg = path.join(root, 'single');
    writePackage(pkg, { name: 'demo-pkg', version: '9.9.9' });
    console.error(`npm Publish Auth benchmarks: ${RUNS} runs after a warm-up, registry ${registry.url}`);

    // BENCH_ONLY=cold,warm,scale,activation,bursts,publish,packuments,view,release runs a subset (while working on one figure).
    const only = process.env.BENCH_ONLY?.split(',');
    const wanted = (name: string) => !only || only.includes(name);
    if (wanted('cold')) await coldVsCli(registry, npm, pkg, token);
    if (wanted('warm')) await warmRefresh(registry, npm, pkg);
    const big = generateWorkspace(path.join(root, 'big'));
    if (wanted('scale')) await scale(registry, npm, pkg, big);
    if (wanted('activation')) await activation(npm, pkg, big);
    if (wanted('bursts')) await bursts(registry, npm, pkg);
    if (wanted('publish')) await publishOverhead(registry, npm);
    if (wanted('view')) add('view', await workspaceView(npm, big));
    if (wanted('release')) add('release', await releaseBench(registry));
    if (wanted('packuments')) results.packuments = packumentRows = await packumentCost(root);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
    npm.cleanup();
    await registry.close();
  }
  report();
}

function add(key: string, part: { rows: Row[]; result: unknown }): void {
  rows.push(...part.rows);
  results[key] = part.result;
}

function writePackage(dir: string, manifest: Record<string, unknown>): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
}

function statusRequest(npm: NpmWorkspace, folder: string, cache: AccountFactsCache): StatusRequest {
  return {
    packageFolder: folder,
    config: { env: { HOME: npm.home, PATH: process.env.PATH }, userconfig: npm.userconfig, globalconfig: npm.globalconfig },
    registryKinds: asNpmjs(npm.registry),
    publishingAccess: () => ({}),
    loggedInAt: () => undefined,
    accountCache: { cache },
    now: Date.now(),
  };
}

// (1) Everything the status needs, cold, vs the npm CLI's five commands, vs the five raw requests.
async function coldVsCli(registry: LocalRegistry, npm: NpmWorkspace, pkg: string, token: string): Promise<void> {
  let verdict = '';
  let requests = 0;
  const core = await measure('cold status (core, fresh account cache)', async () => {
    registry.clearRequests();
    const cache = new AccountFactsCache();
    return timed(async () => {
      verdict = (await computeStatus(statusRequest(npm, pkg, cache), english)).verdict.code;
      requests = registry.requests.length;
    });
  });
  const commands = [
    ['whoami'],
    ['profile', 'get', '--json'],
    ['token', 'list', '--json'],
    ['access', 'list', 'collaborators', 'demo-pkg', '--json'],
    ['view', 'demo-pkg', '--json'],
  ];
  const cli = await measure('npm CLI, five commands one after another', async () =>
    timed(async () => {
      for (const args of commands) {
        const result = await npm.run(args, { cwd: pkg });
        if (result.code !== 0) throw new Error(`npm ${args.join(' ')} failed: ${result.stderr}`);
      }
    }), Math.min(RUNS, 5));
  const urls = ['-/whoami', '-/npm/v1/user', '-/npm/v1/tokens', '-/package/demo-pkg/collaborators', 'demo-pkg'].map((p) => new URL(p, registry.url));
  const floor = await measure('floor: the five requests raw, in parallel', async () =>
    timed(() => Promise.all(urls.map(async (url) => {
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
      if (!response.ok) throw new Error(`${url.pathname}: ${response.status}`);
      await response.json();
    }))));
  const vsCli = cli.median / core.median;
  const vsFloor = core.median / floor.median;
  rows.push({ figure: `(1) cold status, core in-process (${requests} requests, verdict ${verdict})`, stats: core, unit: 'ms' });
  rows.push({ figure: '(1) npm CLI: whoami, profile get, token list, access list collaborators, view', stats: cli, unit: 'ms' });
  rows.push({ figure: '(1) floor: the same five requests, raw fetch in parallel', stats: floor, unit: 'ms' });
  rows.push({ figure: '(1) CLI ÷ core', unit: '×', value: vsCli.toFixed(1), target: '≥ 20×', met: vsCli >= 20 });
  rows.push({ figure: '(1) core ÷ floor', unit: '×', value: vsFloor.toFixed(1), target: '≤ 5×', met: vsFloor <= 5 });
  results.cold = { core, cli, floor, cliOverCore: vsCli, coreOverFloor: vsFloor, coreRequests: requests, verdict };
}

// (2) A refresh with nothing changed, inside the account cache window.
async function warmRefresh(registry: LocalRegistry, npm: NpmWorkspace, pkg: string): Promise<void> {
  const cache = new AccountFactsCache();
  await computeStatus(statusRequest(npm, pkg, cache), english);
  let sent: string[] = [];
  const warm = await measure('warm refresh (core, account answers cached)', async () => {
    registry.clearRequests();
    const ms = await timed(() => computeStatus(statusRequest(npm, pkg, cache), english));
    sent = registry.requests.map((r) => `${r.method} ${r.path}`);
    return ms;
  });
  const config = await measure('  of which npm config (@npmcli/config load)', () =>
    timed(() => resolvePublishConfig({ packageFolder: pkg, env: { HOME: npm.home }, userconfig: npm.userconfig, globalconfig: npm.globalconfig })));
  const account = sent.filter((s) => ACCOUNT_ROUTES.some((r) => s.slice(s.indexOf(' ') + 1).startsWith(r))).length;
  rows.push({ figure: `(2) warm refresh: requests sent (${sent.join(', ')})`, unit: '', value: String(sent.length), target: '0 account requests', met: account === 0 });
  rows.push({ figure: '(2) warm refresh, core', stats: warm, unit: 'ms', target: '≤ 10 ms', met: warm.median <= 10 });
  rows.push({ figure: '(2)   of which npm config loading', stats: config, unit: 'ms' });
  results.warm = { warm, config, requests: sent, accountRequests: account };
}

/** A root with npm workspaces `packages/*` holding WORKSPACE_PACKAGES packages; demo-pkg is one of them. */
function generateWorkspace(root: string): { root: string; member: string } {
  writePackage(root, { name: 'big-root', private: true, workspaces: ['packages/*'] });
  let member = '';
  for (let i = 0; i < WORKSPACE_PACKAGES; i++) {
    const dir = path.join(root, 'packages', `p${String(i).padStart(4, '0')}`);
    const isDemo = i === WORKSPACE_PACKAGES / 2;
    writePackage(dir, { name: isDemo ? 'demo-pkg' : `ws-pkg-${i}`, version: '9.9.9' });
    if (isDemo) member = dir;
  }
  return { root, member };
}

// (4) One package of a 1,000-package npm workspace.
async function scale(registry: LocalRegistry, npm: NpmWorkspace, pkg: string, big: { root: string; member: string }): Promise<void> {
  // A new mtime on the root's package.json: npm's walk (and its mapping of the workspaces) runs again.
  const touchRoot = () => fs.utimesSync(path.join(big.root, 'package.json'), new Date(), new Date(Date.now() + Math.random() * 1000));
  const cold = await measure(`cold status of one package in a ${WORKSPACE_PACKAGES}-package workspace (root package.json touched)`, () => {
    touchRoot();
    return timed(() => computeStatus(statusRequest(npm, big.member, new AccountFactsCache()), english));
  });
  const cache = new AccountFactsCache();
  await computeStatus(statusRequest(npm, big.member, cache), english);
  const warm = await measure('  warm refresh of it', () => timed(() => computeStatus(statusRequest(npm, big.member, cache), english)));
  const configOf = (folder: string) => () =>
    timed(() => resolvePublishConfig({ packageFolder: folder, env: { HOME: npm.home }, userconfig: npm.userconfig, globalconfig: npm.globalconfig }));
  const configWalk = await measure('  npm config, root package.json touched (npm maps the workspaces)', () => (touchRoot(), configOf(big.member)()));
  const config = await measure('  npm config, nothing changed (the walk remembered)', configOf(big.member));
  const alone = await measure('  npm config of a package outside any workspace', configOf(pkg));
  void registry;
  rows.push({ figure: `(4) ${WORKSPACE_PACKAGES}-package workspace: cold status of one package (root package.json just changed)`, stats: cold, unit: 'ms' });
  rows.push({ figure: '(4)   warm refresh of it', stats: warm, unit: 'ms', target: '(≤ 10 ms as (2))', met: warm.median <= 10 });
  rows.push({ figure: '(4)   npm config in the workspace, root package.json changed (npm maps 1,000 workspaces)', stats: configWalk, unit: 'ms' });
  rows.push({ figure: '(4)   npm config in the workspace, nothing changed (walk remembered)', stats: config, unit: 'ms' });
  rows.push({ figure: '(4)   npm config of a lone package', stats: alone, unit: 'ms' });
  results.scale = { packages: WORKSPACE_PACKAGES, cold, warm, configWalk, config, configAlone: alone };
}

interface ProbeResult {
  requireMs: number; activateMs: number; firstStatusMs: number; verdict?: string;
  activationFiles: string[]; activationBytes: number; laterFiles: string[]; laterBytes: number;
  scan?: { maxResults?: number; found: number }; warnings: string[];
}

function probeEnv(npm: NpmWorkspace): NodeJS.ProcessEnv {
  return { ...process.env, HOME: npm.home, NPM_CONFIG_USERCONFIG: npm.userconfig, NPM_CONFIG_GLOBALCONFIG: npm.globalconfig };
}

function runProbe(npm: NpmWorkspace, workspace: string): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'activationProbe.js'), dist, workspace], { env: probeEnv(npm), stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as ProbeResult) : reject(new Error(`activation probe exited ${code}`))));
  });
}

// (3) What activation loads, and how long require + activate take (fresh Node, stub vscode).
async function activation(npm: NpmWorkspace, pkg: string, big: { root: string }): Promise<void> {
  const files = fs.readdirSync(dist).filter((f) => f.endsWith('.js')).map((f) => ({ file: `dist/${f}`, bytes: fs.statSync(path.join(dist, f)).size }));
  let last: ProbeResult | undefined;
  const samples: ProbeResult[] = [];
  await measure('activation in a fresh Node (stub vscode): require + activate', async (i) => {
    const r = await runProbe(npm, pkg);
    if (i >= 0) samples.push(r);
    last = r;
    return r.requireMs;
  });
  const require = stats(samples.map((s) => s.requireMs));
  const activate = stats(samples.map((s) => s.activateMs));
  const first = stats(samples.map((s) => s.firstStatusMs));
  const bigSamples: ProbeResult[] = [];
  await measure(`  first status in the ${WORKSPACE_PACKAGES}-package workspace`, async (i) => {
    const r = await runProbe(npm, big.root);
    if (i >= 0) bigSamples.push(r);
    return r.firstStatusMs;
  }, 5);
  const bigFirst = stats(bigSamples.map((s) => s.firstStatusMs));
  const scan = bigSamples[0]?.scan;
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
  for (const f of files) rows.push({ figure: `(3) ${f.file}`, unit: '', value: kb(f.bytes) });
  rows.push({ figure: `(3) JavaScript loaded by activate (${last!.activationFiles.join(', ')})`, unit: '', value: kb(last!.activationBytes), target: '< 150 KB', met: last!.activationBytes < 150 * 1024 });
  rows.push({ figure: `(3) loaded lazily on the first refresh (${last!.laterFiles.join(', ') || 'nothing'})`, unit: '', value: kb(last!.laterBytes) });
  rows.push({ figure: '(3) require the activation bundle', stats: require, unit: 'ms' });
  rows.push({ figure: '(3) activate()', stats: activate, unit: 'ms' });
  rows.push({ figure: `(3) require → first status shown (${last!.verdict})`, stats: first, unit: 'ms' });
  rows.push({ figure: `(4) require → first status, ${WORKSPACE_PACKAGES}-package workspace (stub findFiles)`, stats: bigFirst, unit: 'ms' });
  rows.push({ figure: `(4) package tracker: package.json files in the workspace / the tracker's cap`, unit: '', value: `${scan?.found} / ${scan?.maxResults}`, target: 'no silent cap', met: (scan?.maxResults ?? Infinity) > (scan?.found ?? 0) || bigSamples[0]!.warnings.length > 0 });
  results.activation = { files, activationFiles: last!.activationFiles, activationBytes: last!.activationBytes, laterFiles: last!.laterFiles, laterBytes: last!.laterBytes, require, activate, firstStatus: first, firstStatusBigWorkspace: bigFirst, trackerScan: scan };
}

interface Api {
  status: { verdict: { code: string } } | undefined;
  whenIdle(): Promise<void>;
}

// (5) 100 file events within a second → how many refreshes run (the bundled extension, stub vscode, in this process).
async function bursts(registry: LocalRegistry, npm: NpmWorkspace, pkg: string): Promise<void> {
  Object.assign(process.env, { HOME: npm.home, NPM_CONFIG_USERCONFIG: npm.userconfig, NPM_CONFIG_GLOBALCONFIG: npm.globalconfig });
  installVscodeStub();
  stubState.workspaceFolders = [pkg];
  const load = createRequire(__filename);
  const extension = load(path.join(dist, 'extension.js')) as { activate(context: unknown): Api };
  const context = { subscriptions: [] as { dispose(): void }[], globalState: memento(), workspaceState: memento() };
  const api = extension.activate(context);
  while (!api.status) await new Promise((r) => setTimeout(r, 20));
  await api.whenIdle();
  const manifestWatcher = stubState.watchers.find((w) => w.pattern === '**/package.json')!;
  const refreshes = () => stubState.logLines.filter((l) => / in \d+ ms$/.test(l)).length;
  const manifest = { scheme: 'file', fsPath: path.join(pkg, 'package.json'), path: path.join(pkg, 'package.json') } as never;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  const patterns: [string, (i: number) => number][] = [
    ['evenly, one every 10 ms', (i) => i * 10],
    ['at random instants', () => Math.random() * 1000],
    ['all at once', () => 0],
  ];
  const counts: Record<string, Stats> = {};
  for (const [what, at] of patterns) {
    counts[what] = await measure(`100 package.json changes within 1 s, ${what}`, async () => {
      const before = refreshes();
      const times = Array.from({ length: 100 }, (_, i) => at(i)).sort((a, b) => a - b);
      const start = performance.now();
      for (const t of times) {
        const wait = t - (performance.now() - start);
        if (wait > 0) await sleep(wait);
        manifestWatcher.change.fire(manifest);
      }
      await sleep(350); // past the debounce
      await api.whenIdle();
      return refreshes() - before;
    });
  }
  // A refresh in the extension with nothing changed: the time it logs for the pipeline.
  const logged = stubState.logLines.filter((l) => / in \d+ ms$/.test(l)).slice(-RUNS).map((l) => Number(/ in (\d+) ms$/.exec(l)![1]));
  for (const d of context.subscriptions) d.dispose();
  void registry;
  for (const [what, s] of Object.entries(counts)) {
    rows.push({ figure: `(5) 100 changes in 1 s (${what}) → refreshes`, stats: s, unit: '', target: '≤ 2', met: s.max <= 2 });
  }
  rows.push({ figure: '(2) warm refresh inside the bundled extension (as logged, whole ms)', stats: stats(logged), unit: 'ms' });
  results.bursts = { counts, loggedRefreshMs: logged };
}

// (6) Publishing a small package through the extension's flow vs `npm publish`.
async function publishOverhead(registry: LocalRegistry, npm: NpmWorkspace): Promise<void> {
  const hooks: PublishHooks = { step: () => undefined, output: () => undefined, oneTimePassword: async () => undefined, browserApproval: async () => undefined };
  const npmRun = npmRunner('npm', {
    PATH: process.env.PATH, HOME: npm.home, npm_config_userconfig: npm.userconfig, npm_config_globalconfig: npm.globalconfig,
    npm_config_cache: npm.cache, npm_config_registry: registry.url, npm_config_update_notifier: 'false',
  });
  let started: string[] = [];
  const run: typeof npmRun = (args, options) => (started.push(args.filter((a) => !a.startsWith('-') && !a.includes('/')).slice(0, 2).join(' ')), npmRun(args, options));
  const flow = await measure('publish through the extension\'s flow (publishPackage + npmRunner)', (i) =>
    timed(async () => {
      started = [];
      const result = await publishPackage({ folder: npm.makePackage('demo-pkg', `3.1.${i + 1}`), run }, hooks);
      if (result.kind !== 'published') throw new Error(`publish: ${JSON.stringify(result)}`);
    }), 5);
  const direct = await measure('npm publish directly', async (i) => {
    const folder = npm.makePackage('demo-pkg', `3.2.${i + 1}`);
    return timed(async () => {
      const result = await npm.run(['publish'], { cwd: folder });
      if (result.code !== 0) throw new Error(`npm publish: ${result.stderr}`);
    });
  }, 5);
  rows.push({ figure: '(6) publish through the extension\'s flow', stats: flow, unit: 'ms' });
  rows.push({ figure: '(6) npm publish directly', stats: direct, unit: 'ms' });
  rows.push({ figure: '(6) flow ÷ npm publish', unit: '×', value: (flow.median / direct.median).toFixed(2) });
  rows.push({ figure: `(6) npm processes per publish: the flow (${started.join(', ')}) · npm publish`, unit: '', value: `${started.length} · 1` });
  results.publish = { flow, direct, ratio: flow.median / direct.median, flowNpmProcesses: started };
}

function report(): void {
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
  const lines = rows.map((r) => {
    const value = r.stats ? `${fmt(r.stats.median)} ${r.unit}`.trim() : `${r.value ?? ''}${r.unit === '×' ? '×' : ''}`;
    const range = r.stats ? `${fmt(r.stats.min)}–${fmt(r.stats.max)}` : '';
    const target = r.target ? `${r.target} ${r.met ? 'met' : 'NOT MET'}` : '';
    return [r.figure, value, range, target];
  });
  const header = ['figure', 'median', 'min–max', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(line(l));
  if (packumentRows.length > 0) printPackumentTable(packumentRows);
  const machine = {
    cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGB: Math.round(os.totalmem() / 2 ** 30), node: process.version,
    npm: spawnSync('npm', ['--version'], { encoding: 'utf8' }).stdout.trim(), platform: `${os.platform()} ${os.release()}`,
    loadAverage: { atStart: loadAtStart, atEnd: os.loadavg()[0] },
  };
  console.log(`\nmachine: ${machine.cpus} cores (${machine.cpu}), Node ${machine.node}, npm ${machine.npm}; ${RUNS} runs after a warm-up; ` +
    `load average ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end (on a shared machine the minimum is the uncontended cost)`);
  const out = path.join(repoRoot, 'bench', 'results.json');
  fs.writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), command: 'npm run bench', runs: RUNS, machine, rows, results }, null, 2)}\n`);
  console.log(`written: ${path.relative(repoRoot, out)}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
