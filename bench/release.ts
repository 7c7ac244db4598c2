// (9) A release of a 20-package npm workspace against the local registry (issue #19), logged in as
// alice with a session token (TOTP for writes): the core release as "npm: Publish Packages…" runs it
// (src/ui/commands/publishRelease.ts): the statuses, 4 at a time as the packages view computes them,
// npm's config per package, planRelease, then runRelease with publishPackage + npmRunner, the
// one-time password typed once. Side by side: `npm publish --workspaces --otp CODE` on an identical
// fresh workspace. Then the prompts when the code runs out after 10 uploads: ours asks again once;
// npm, given one code up front, fails each package after that with EOTP.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { english } from '../src/core/base/localize';
import type { PublishAuthStatus } from '../src/core/base/model';
import { npmRunner, type RunNpm } from '../src/core/publish/npmProcess';
import { describePublishFailure } from '../src/core/publish/publishMessages';
import { publishPackage, type PublishHooks } from '../src/core/publish/publishRunner';
import { computeStatus } from '../src/core/status/computeStatus';
import { resolvePublishConfig } from '../src/core/status/npmConfig';
import { AccountFactsCache } from '../src/core/status/registryFacts';
import { planRelease, type ReleaseCandidate } from '../src/core/workspace/releasePlan';
import { runRelease, type StepOutcome } from '../src/core/workspace/releaseRun';
import { WorkspacePackages } from '../src/core/workspace/workspacePackages';
import { NpmWorkspace } from '../test/registry/conformance/npmCli';
import { demoToken } from '../test/registry/scenarios';
import { asNpmjs, type LocalRegistry } from '../test/registry/server';
import { measure, RUNS, stats, timed, type Row } from './measure';

const RELEASE_PACKAGES = 20;
/** As packagesView.ts: statuses computed at once. */
const CONCURRENCY = 4;
const runId = Date.now().toString(36);
let workspaces = 0;

interface ReleaseWorkspace { root: string; manifests: string[]; names: string[] }

/** A fresh npm workspace of small unpublished packages, names unique to this run; packages 5… need one of 0–4. */
function releaseWorkspace(parent: string, who: string): ReleaseWorkspace {
  const tag = `${runId}-${who}${workspaces++}`;
  const root = path.join(parent, `release-${tag}`);
  const write = (dir: string, manifest: Record<string, unknown>) => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  };
  write(root, { name: `rel-root-${tag}`, private: true, workspaces: ['packages/*'] });
  const names = Array.from({ length: RELEASE_PACKAGES }, (_, i) => `rel-${tag}-${i}`);
  const manifests = names.map((name, i) => {
    const dir = path.join(root, 'packages', `p${String(i).padStart(2, '0')}`);
    const dependencies = i >= 5 ? { [names[i % 5]!]: '^1.0.0' } : undefined;
    write(dir, { name, version: '1.0.0', description: 'bench release package', license: 'MIT', main: 'index.js', dependencies });
    fs.writeFileSync(path.join(dir, 'index.js'), `module.exports = ${i};\n`);
    return path.join(dir, 'package.json');
  });
  return { root, manifests, names };
}

interface OursRun { prepareMs: number; prompts: number; npmProcesses: string[]; published: number; verdicts: string[] }

/** The release as publishRelease.ts runs it, for every package of the workspace. */
async function ours(registry: LocalRegistry, npm: NpmWorkspace, ws: ReleaseWorkspace): Promise<OursRun> {
  const config = { env: { HOME: npm.home, PATH: process.env.PATH }, userconfig: npm.userconfig, globalconfig: npm.globalconfig };
  const started = performance.now();
  const packages = new WorkspacePackages({ read: (m) => fs.promises.readFile(m, 'utf8') });
  await packages.sync(ws.manifests);
  const cache = new AccountFactsCache();
  const statuses = new Map<string, PublishAuthStatus>();
  const queue = [...ws.manifests];
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    for (let manifest = queue.shift(); manifest; manifest = queue.shift()) {
      statuses.set(manifest, await computeStatus({
        packageFolder: path.dirname(manifest), config, registryKinds: asNpmjs(registry),
        publishingAccess: () => ({}), loggedInAt: () => undefined, accountCache: { cache }, now: Date.now(),
      }, english));
    }
  }));
  const candidates: ReleaseCandidate[] = [];
  for (const manifest of ws.manifests) {
    const status = statuses.get(manifest)!;
    const { fetchOptions } = await resolvePublishConfig({ packageFolder: status.package.folder, ...config });
    candidates.push({ manifest, status, needs: packages.get(manifest)!.needs, options: { tag: fetchOptions.defaultTag, access: fetchOptions.access } });
  }
  const plan = planRelease(candidates, ws.manifests, english);
  if (plan.kind !== 'plan' || plan.steps.length !== RELEASE_PACKAGES) throw new Error(`release plan: ${JSON.stringify(plan.kind === 'plan' ? plan.skipped : plan)}`);
  const prepareMs = performance.now() - started;

  let prompts = 0;
  const npmProcesses: string[] = [];
  const runNpm = npmRunner('npm', {
    PATH: process.env.PATH, HOME: npm.home, npm_config_userconfig: npm.userconfig, npm_config_globalconfig: npm.globalconfig,
    npm_config_cache: npm.cache, npm_config_registry: registry.url, npm_config_update_notifier: 'false',
  });
  const run: RunNpm = (args, options) => (npmProcesses.push(args[0]!), runNpm(args, options));
  const hooks: PublishHooks = {
    step: () => undefined, output: () => undefined, browserApproval: async () => undefined,
    oneTimePassword: async () => (prompts++, registry.currentOtp()),
  };
  const results = await runRelease({
    steps: plan.steps, continueAfterFailure: false, cancelled: () => false,
    publish: async (step, reuse) => {
      const { plan: one } = step;
      const result = await publishPackage({ folder: path.dirname(step.manifest), run, askOtpFirst: one.expects === 'one-time-password', stage: one.stage, reuse }, hooks);
      const outcome: StepOutcome = result.kind === 'published' || result.kind === 'staged' || result.kind === 'cancelled' ? { kind: result.kind }
        : { kind: 'failed', message: result.kind === 'failed' ? describePublishFailure(result.failure, one.id, english).message : '' };
      return { outcome, accepted: 'accepted' in result ? result.accepted : undefined };
    },
  }, english);
  const failed = results.find((r) => r.outcome.kind !== 'published');
  if (failed) throw new Error(`release: ${failed.step.plan.id}: ${JSON.stringify(failed.outcome)}`);
  return { prepareMs, prompts, npmProcesses, published: results.length, verdicts: [...new Set([...statuses.values()].map((s) => s.verdict.code))] };
}

function publishedCount(registry: LocalRegistry, ws: ReleaseWorkspace): number {
  return ws.names.filter((name) => registry.state.packages.get(name)?.versions.has('1.0.0')).length;
}

async function npmPublishWorkspaces(npm: NpmWorkspace, ws: ReleaseWorkspace, code: string) {
  return npm.run(['publish', '--workspaces', `--otp=${code}`], { cwd: ws.root, timeoutMs: 180_000 });
}

export async function releaseBench(registry: LocalRegistry): Promise<{ rows: Row[]; result: Record<string, unknown> }> {
  const npm = new NpmWorkspace(registry);
  npm.writeNpmrc([`registry=${registry.url}`, `${npm.nerfDart}:_authToken=${demoToken('alice-session')}`]);
  const runs = Math.min(RUNS, 5);
  try {
    let last: OursRun | undefined;
    const prepare: number[] = [];
    const flow = await measure(`release of ${RELEASE_PACKAGES} packages: ours (statuses, plan, publishPackage each, one code)`, async (i) => {
      const ws = releaseWorkspace(npm.dir, 'ours');
      const code = registry.currentOtp();
      let run!: OursRun;
      const ms = await timed(async () => (run = await ours(registry, npm, ws)));
      if (publishedCount(registry, ws) !== RELEASE_PACKAGES || run.prompts !== 1) throw new Error(`ours: ${publishedCount(registry, ws)} published, ${run.prompts} prompts`);
      if (registry.currentOtp() !== code) throw new Error('the TOTP window moved during a timed run');
      if (i >= 0) prepare.push(run.prepareMs);
      last = run;
      return ms;
    }, runs);
    const direct = await measure(`release of ${RELEASE_PACKAGES} packages: npm publish --workspaces --otp`, async () => {
      const ws = releaseWorkspace(npm.dir, 'npm');
      return timed(async () => {
        const result = await npmPublishWorkspaces(npm, ws, registry.currentOtp());
        if (result.code !== 0 || publishedCount(registry, ws) !== RELEASE_PACKAGES) throw new Error(`npm publish --workspaces: ${result.stderr}`);
      });
    }, runs);
    const prepareStats = stats(prepare);

    // The code runs out after 10 uploads.
    const oursWs = releaseWorkspace(npm.dir, 'ours-window');
    registry.endOtpWindowAfter(10);
    const windowed = await ours(registry, npm, oursWs);
    const npmWs = releaseWorkspace(npm.dir, 'npm-window');
    registry.endOtpWindowAfter(10);
    registry.clearRequests();
    const npmResult = await npmPublishWorkspaces(npm, npmWs, registry.currentOtp());
    const refusedPuts = registry.requests.filter((r) => r.method === 'PUT' && r.status === 401).length;
    const eotp = (npmResult.stderr.match(/code EOTP/g) ?? []).length;
    const npmPublished = publishedCount(registry, npmWs);

    const ratio = flow.median / direct.median;
    const procs = last!.npmProcesses;
    const counts = [...new Set(procs)].map((c) => `${procs.filter((p) => p === c).length} ${c}`).join(' + ');
    const rows: Row[] = [
      { figure: `(9) ${RELEASE_PACKAGES}-package release, ours: statuses + plan + publishes (${procs.length} npm processes: ${counts}; verdict ${last!.verdicts.join(', ')})`, stats: flow, unit: 'ms' },
      { figure: '(9)   of which statuses, npm config and the plan', stats: prepareStats, unit: 'ms' },
      { figure: '(9) npm publish --workspaces --otp CODE (1 npm process)', stats: direct, unit: 'ms' },
      { figure: '(9) ours ÷ npm publish --workspaces', unit: '×', value: ratio.toFixed(2), target: '≤ 1.2×', met: ratio <= 1.2 },
      { figure: `(9) code runs out after 10 uploads: ours, codes asked (${publishedCount(registry, oursWs)}/${RELEASE_PACKAGES} published)`, unit: '', value: String(windowed.prompts), target: '2', met: windowed.prompts === 2 && publishedCount(registry, oursWs) === RELEASE_PACKAGES },
      // npm stops at the first refusal: the packages it did not try are left too, each to publish again with a new code.
      { figure: `(9) code runs out after 10 uploads: npm --otp, 1 code + uploads refused EOTP (${npmPublished}/${RELEASE_PACKAGES} published, ${RELEASE_PACKAGES - npmPublished} left, exit ${npmResult.code})`, unit: '', value: `1 + ${refusedPuts}` },
    ];
    return {
      rows,
      result: {
        packages: RELEASE_PACKAGES, ours: flow, oursPrepare: prepareStats, npm: direct, oursOverNpm: ratio, oursNpmProcesses: procs, verdicts: last!.verdicts,
        window: { endAfterUploads: 10, oursPrompts: windowed.prompts, oursPublished: publishedCount(registry, oursWs), npmRefusedPuts: refusedPuts, npmEotpErrors: eotp, npmPublished, npmLeft: RELEASE_PACKAGES - npmPublished, npmExit: npmResult.code },
      },
    };
  } finally {
    npm.cleanup();
  }
}
