// "npm: Publish Packages…": several packages of the workspace as one release. The choice (the view's
// selection, or a pick preselecting what is not on the registry), fresh statuses, one confirmation
// in dependency order (core/workspace/releasePlan.ts), then one publish after another with the
// answer the registry accepted reused (releaseRun.ts), progress in a notification and in the rows,
// and a summary that can resume what is left.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../core/base/commands';
import { hasNpmjsPolicies } from '../../core/base/npmjsPolicies';
import { verdictTitle } from '../../core/present/sentences';
import { inert, md } from '../../core/base/text';
import { npmRunner } from '../../core/publish/npmProcess';
import { describePublishFailure } from '../../core/publish/publishMessages';
import { publishPackage, type PublishResult } from '../../core/publish/publishRunner';
import type { ResolvedPublishConfig } from '../../core/status/npmConfig';
import { planRelease, releaseConfirmation, type ReleaseCandidate, type ReleaseStep, type SkippedPackage } from '../../core/workspace/releasePlan';
import { releaseSummary, runRelease, type StepOutcome, type StepResult } from '../../core/workspace/releaseRun';
import { isPublishable } from '../../core/status/packageManifest';
import type { WorkspacePackage } from '../../core/workspace/workspacePackages';
import type { ActionContext } from '../actionContext';
import { tell } from '../notify';
import type { PackagesView } from '../packagesView';
import { secondFactorPrompts } from './accountFlow';
import { publishStepWords, rememberLessons } from './publish';

/** What the last release left (failed, not started, blocked), for Resume. */
let leftFromLast: string[] = [];

export async function publishRelease(context: ActionContext, view: PackagesView, selection: readonly string[]): Promise<void> {
  const t = vscode.l10n.t;
  if (!vscode.workspace.isTrusted) return; // asked by the command's trust check; never run the scripts here
  await view.rereadAll();
  const chosen = selection.length > 0 ? selection : await choosePackages(context, view);
  if (!chosen?.length) return;
  const prepared = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Checking {0} packages…', chosen.length) },
    () => prepare(context, view, chosen),
  );
  const plan = planRelease(prepared.candidates, chosen, t);
  if (plan.kind === 'cycle') {
    tell(context, 'error', t('Not published: these packages need each other in a cycle, so none can go first: {0}.', plan.names.map(inert).join(' → ')));
    return;
  }
  const skipped = [...prepared.skipped, ...plan.skipped];
  if (plan.steps.length === 0) {
    const why = skipped.slice(0, 3).map((s) => `${s.id}: ${s.reason}`).join('; ');
    tell(context, 'info', inert(t('Nothing to publish. {0}', why)));
    return;
  }
  const { message, detail } = releaseConfirmation({ ...plan, skipped }, t);
  const go = t('Publish');
  const goOn = t('Publish, Continue Past Failures');
  const choice = await context.prompts().confirm(message, detail, go, goOn);
  if (choice !== go && choice !== goOn) return;
  const results = await run(context, view, plan.steps, prepared, choice === goOn);
  await report(context, view, results, skipped);
}

/** The packages to release, from a pick: what is not on the registry is ticked (or what the last release left). */
async function choosePackages(context: ActionContext, view: PackagesView): Promise<string[] | undefined> {
  const t = vscode.l10n.t;
  const publishable = view.packages.list().filter((p) => isPublishable(p.info));
  if (publishable.length === 0) {
    tell(context, 'info', t('No package of this workspace can be published: each is private, nameless or invalid.'));
    return undefined;
  }
  const statuses = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Checking {0} packages…', publishable.length) },
    () => view.statusesOf(publishable.map((p) => p.manifest)),
  );
  const resume = new Set(leftFromLast.filter((m) => view.packages.get(m)));
  const items = publishable.map((pkg) => {
    const status = statuses.get(pkg.manifest);
    const out = status?.verdict.code === 'published' || status?.verdict.code === 'version-exists';
    return {
      label: inert(`${pkg.info.name}@${pkg.info.version ?? ''}`),
      // The verdict's short title; a blocker is marked (the confirmation names its reason).
      description: status ? `${status.verdict.blocked && !out ? '$(warning) ' : ''}${inert(verdictTitle(status.verdict.code, t))}` : t('status unknown'),
      detail: inert(vscode.workspace.asRelativePath(path.dirname(pkg.manifest))),
      picked: resume.size > 0 ? resume.has(pkg.manifest) : !out,
      manifest: pkg.manifest,
      out,
    };
  });
  const picked = await context.prompts().pickMany(items, {
    title: resume.size > 0 ? t('Publish Packages: resume the last release ({0} left)', resume.size) : t('Publish Packages'),
    placeHolder: t('Ticked: every package whose version is not on its registry'),
  });
  // The versions already out are part of "everything": the confirmation and the summary name them as skipped.
  return picked && [...picked.map((item) => item.manifest), ...items.filter((item) => item.out && !picked.includes(item)).map((item) => item.manifest)];
}

interface Prepared {
  candidates: ReleaseCandidate[];
  /** Chosen packages that cannot be planned: unreadable, private or without a status. */
  skipped: SkippedPackage[];
  configs: Map<string, ResolvedPublishConfig>;
}

/** Fresh statuses of the chosen packages and of the workspace packages they need, and npm's config for each chosen one. */
async function prepare(context: ActionContext, view: PackagesView, chosen: readonly string[]): Promise<Prepared> {
  const t = vscode.l10n.t;
  const needed = withWorkspaceDependencies(view.packages.list(), chosen);
  view.recheck(chosen);
  const statuses = await view.statusesOf(needed);
  const candidates: ReleaseCandidate[] = [];
  const skipped: SkippedPackage[] = [];
  const configs = new Map<string, ResolvedPublishConfig>();
  for (const manifest of needed) {
    const pkg = view.packages.get(manifest);
    const status = statuses.get(manifest);
    const isChosen = chosen.includes(manifest);
    const id = pkg?.info.name ? `${pkg.info.name}@${pkg.info.version ?? ''}` : vscode.workspace.asRelativePath(manifest);
    if (!pkg || !status) {
      if (isChosen) {
        const why = pkg?.info.private ? 'private' : 'blocked';
        const reason = pkg?.info.private ? t('private ("private": true in package.json)') : pkg?.info.parseError ?? t('its status could not be checked: {0}', pkg?.failure ?? t('unknown'));
        skipped.push({ manifest, id, why, reason });
      }
      continue;
    }
    let options: ReleaseCandidate['options'];
    if (isChosen) {
      const config = await context.publishConfig(status.package.folder);
      configs.set(manifest, config);
      options = { tag: config.fetchOptions.defaultTag, access: config.fetchOptions.access };
    }
    candidates.push({ manifest, status, needs: pkg.needs, options });
  }
  return { candidates, skipped, configs };
}

/** The chosen manifests and every workspace package they need, directly or not: the order and "is it on the registry" read them. */
function withWorkspaceDependencies(all: readonly WorkspacePackage[], chosen: readonly string[]): string[] {
  const byName = new Map(all.flatMap((p) => (p.info.name ? [[p.info.name, p] as const] : [])));
  const byManifest = new Map(all.map((p) => [p.manifest, p]));
  const found = new Set(chosen);
  const queue = [...chosen];
  for (let manifest = queue.pop(); manifest !== undefined; manifest = queue.pop()) {
    const pkg = byManifest.get(manifest);
    for (const need of pkg?.needs ?? []) {
      const dependency = byName.get(need);
      if (dependency && !found.has(dependency.manifest)) {
        found.add(dependency.manifest);
        queue.push(dependency.manifest);
      }
    }
  }
  return [...found];
}

async function run(context: ActionContext, view: PackagesView, steps: ReleaseStep[], prepared: Prepared, continueAfterFailure: boolean): Promise<StepResult[]> {
  const t = vscode.l10n.t;
  const words = publishStepWords();
  const npm = await context.npm();
  const statusOf = new Map(prepared.candidates.map((c) => [c.manifest, c.status]));
  for (const step of steps) view.setActivity(step.manifest, t('waiting to publish…'));
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('Publishing {0} packages', steps.length), cancellable: true },
      async (progress, token) => {
        const cancel = new AbortController();
        token.onCancellationRequested(() => cancel.abort());
        return runRelease({
          steps,
          continueAfterFailure,
          cancelled: () => cancel.signal.aborted,
          onStep: (step, index, outcome) => {
            if (outcome) return view.setActivity(step.manifest, undefined);
            view.setActivity(step.manifest, t('publishing…'));
            progress.report({ message: t('{0} of {1}: {2}', index + 1, steps.length, step.plan.id), increment: index === 0 ? 0 : 100 / steps.length });
          },
          publish: async (step, reuse) => {
            const { plan } = step;
            const config = prepared.configs.get(step.manifest)!;
            // npm's page offers to skip 2FA for 5 minutes (npm-registry-protocol.md §7.4): ticked, the rest go without asking.
            const browserTitle = hasNpmjsPolicies({ family: plan.family }) && steps.length > 1
              ? t('approve {0} in your browser; tick "skip 2FA for the next 5 minutes" so the other packages need no approval', plan.id)
              : t('approve {0} in your browser', plan.id);
            context.log.info(`release: publishing ${plan.id}${reuse ? ' with the answer the registry accepted last' : ''}`);
            const result = await publishPackage(
              { folder: path.dirname(step.manifest), run: npmRunner(npm, process.env), askOtpFirst: plan.expects === 'one-time-password', stage: plan.stage, reuse, signal: cancel.signal },
              {
                step: (s) => progress.report({ message: `${plan.id}: ${words[s]}` }),
                output: (line) => line.trim() && context.log.info(`[npm] ${line}`),
                ...secondFactorPrompts(context, t('Publish {0}', plan.id), plan.registryUrl, config.fetchOptions, browserTitle, {
                  report: (message) => progress.report({ message }), signal: cancel.signal,
                }),
              },
            );
            context.log.info(`release: ${plan.id}: ${result.kind}${result.kind === 'failed' ? ` (${result.failure.kind}, ${result.failure.npmCode ?? 'no code'})` : ''}`);
            const status = statusOf.get(step.manifest);
            if (status) await rememberLessons(context, status, plan, result);
            return { outcome: outcomeOf(result, plan.id), accepted: 'accepted' in result ? result.accepted : undefined };
          },
        }, t);
      },
    );
  } finally {
    for (const step of steps) view.setActivity(step.manifest, undefined);
  }
}

function outcomeOf(result: PublishResult, id: string): StepOutcome {
  const t = vscode.l10n.t;
  switch (result.kind) {
    case 'published': return { kind: 'published', note: result.scriptFailed && t('the "{0}" script failed afterwards', result.scriptFailed) };
    case 'staged': return { kind: 'staged', note: result.stageId && t('approve it with npm stage approve {0}', result.stageId) };
    case 'cancelled': return { kind: 'cancelled' };
    case 'failed': {
      const { message, fix } = describePublishFailure(result.failure, id, t);
      return { kind: 'failed', message, fix };
    }
  }
}

async function report(context: ActionContext, view: PackagesView, results: StepResult[], skipped: SkippedPackage[]): Promise<void> {
  const t = vscode.l10n.t;
  const summary = releaseSummary(results, skipped, t);
  leftFromLast = summary.left;
  context.log.info(`release: ${summary.headline}`);
  view.recheck(results.map((r) => r.step.manifest));
  await context.afterAction();
  const details = t('Show Summary');
  const resume = t('Resume');
  const buttons = [details, ...(summary.left.length > 0 ? [resume] : []), ...(summary.fix ? [summary.fix.title] : [])];
  const severity = results.some((r) => r.outcome.kind === 'failed') ? 'error' : summary.left.length > 0 ? 'warning' : 'info';
  void context.prompts().message(severity, inert(summary.headline), ...buttons).then(async (choice) => {
    if (choice === details) await context.reports.show(t('Release summary'), [`# ${md(summary.headline)}`, '', ...summary.lines.map((line) => `- ${md(line)}`)].join('\n'));
    else if (choice === resume) await vscode.commands.executeCommand(COMMANDS.publishRelease.id, undefined, summary.left.map((manifest) => ({ manifest })));
    else if (summary.fix && choice === summary.fix.title) await vscode.commands.executeCommand(summary.fix.command);
  });
}
