// A release of several packages, one after another in the plan's order: the answer the registry
// accepted for one package is offered to the next (a TOTP code in its window, a web approval's
// token), a failure holds back what needs the failed package, and the rest goes on only when the
// user chose so up front. Cancelling stops between packages, never inside an upload. Pure: the
// caller publishes one package (publishRunner.ts) and shows the progress.
import type { CommandFix } from '../base/commands';
import type { Localize } from '../base/localize';
import { inert } from '../base/text';
import type { AcceptedAnswer } from '../account/secondFactor';
import type { ReleaseStep, SkippedPackage } from './releasePlan';

export type StepOutcome =
  | { kind: 'published'; note?: string }
  | { kind: 'staged'; note?: string }
  | { kind: 'failed'; message: string; fix?: CommandFix }
  /** Escape at a prompt, or Cancel: nothing of this package was uploaded. */
  | { kind: 'cancelled' }
  /** Not tried: a package it needs failed, the release stopped at a failure, or it was cancelled. */
  | { kind: 'not-run'; reason: string };

export interface StepResult {
  step: ReleaseStep;
  outcome: StepOutcome;
}

export interface ReleaseRun {
  steps: readonly ReleaseStep[];
  /** Chosen up front: after a failure, publish the packages that do not need the failed one. */
  continueAfterFailure: boolean;
  /** Publishes one package, trying `reuse` (what the same registry accepted last) first; `accepted` is what the registry took this time. */
  publish(step: ReleaseStep, reuse: AcceptedAnswer | undefined): Promise<{ outcome: StepOutcome; accepted?: AcceptedAnswer }>;
  /** The user's Cancel, asked between packages. */
  cancelled(): boolean;
  /** Before a package starts (outcome undefined) and when it ends. */
  onStep?(step: ReleaseStep, index: number, outcome: StepOutcome | undefined): void;
}

export async function runRelease(run: ReleaseRun, t: Localize): Promise<StepResult[]> {
  const results: StepResult[] = [];
  const failed = new Set<string>();
  let stoppedBy: string | undefined;
  let cancelled = false;
  // Per registry: a code or web token goes only back to the registry that accepted it, never to
  // another one a package's publishConfig (the repository's to write) names.
  const accepted = new Map<string, AcceptedAnswer>();
  for (const [index, step] of run.steps.entries()) {
    const end = (outcome: StepOutcome) => {
      if (outcome.kind === 'failed' || outcome.kind === 'not-run' || outcome.kind === 'cancelled') failed.add(step.plan.name);
      results.push({ step, outcome });
      run.onStep?.(step, index, outcome);
    };
    cancelled ||= run.cancelled();
    const blockedBy = step.needs.find((need) => failed.has(need));
    if (cancelled) end({ kind: 'not-run', reason: t('the release was cancelled before it started') });
    else if (blockedBy) end({ kind: 'not-run', reason: t('it needs {0}, which was not published', inert(blockedBy)) });
    else if (stoppedBy && !run.continueAfterFailure) end({ kind: 'not-run', reason: t('the release stopped after {0} failed', stoppedBy) });
    else {
      run.onStep?.(step, index, undefined);
      const published = await run.publish(step, accepted.get(step.plan.registryUrl));
      const { outcome } = published;
      if (published.accepted) accepted.set(step.plan.registryUrl, published.accepted);
      if (outcome.kind === 'cancelled') cancelled = true;
      if (outcome.kind === 'failed') stoppedBy ??= step.plan.id;
      end(outcome);
    }
  }
  return results;
}

export interface ReleaseSummary {
  /** One line: what happened, counted. */
  headline: string;
  /** Per package, in release order, then the packages skipped before it started. */
  lines: string[];
  /** The manifests a resume would try again: failed, not run, cancelled, and skipped for a blocker. */
  left: string[];
  /** The first failure's fix, for the notification's button. */
  fix?: CommandFix;
}

export function releaseSummary(results: readonly StepResult[], skipped: readonly SkippedPackage[], t: Localize): ReleaseSummary {
  const count = (kind: StepOutcome['kind']) => results.filter((r) => r.outcome.kind === kind).length;
  const published = count('published') + count('staged');
  const failures = results.filter((r) => r.outcome.kind === 'failed');
  const notRun = count('not-run') + count('cancelled');
  const parts = [t('{0} of {1} published', published, results.length)];
  if (failures.length > 0) parts.push(t('{0} failed', failures.length));
  if (notRun > 0) parts.push(t('{0} not started', notRun));
  if (skipped.length > 0) parts.push(t('{0} skipped', skipped.length));
  const lines = [
    ...results.map(({ step, outcome }) => `${step.plan.id}: ${outcomeWords(outcome, t)}`),
    ...skipped.map((s) => `${s.id}: ${t('skipped — {0}', s.reason)}`),
  ];
  const left = [
    ...results.filter((r) => r.outcome.kind !== 'published' && r.outcome.kind !== 'staged').map((r) => r.step.manifest),
    ...skipped.filter((s) => s.why === 'blocked' || s.why === 'needs-skipped').map((s) => s.manifest),
  ];
  const firstFailure = failures[0]?.outcome;
  return { headline: `${parts.join(', ')}.`, lines, left, fix: firstFailure?.kind === 'failed' ? firstFailure.fix : undefined };
}

function outcomeWords(outcome: StepOutcome, t: Localize): string {
  switch (outcome.kind) {
    case 'published': return outcome.note ? `${t('published')} (${outcome.note})` : t('published');
    case 'staged': return outcome.note ? `${t('staged')} (${outcome.note})` : t('staged');
    case 'failed': return t('failed — {0}', outcome.message);
    case 'cancelled': return t('cancelled; nothing was uploaded');
    case 'not-run': return t('not started — {0}', outcome.reason);
  }
}
