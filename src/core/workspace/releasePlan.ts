// Before a release of several packages: which go, in which order, which are skipped and why, and what
// the one confirmation says. Derived from each package's status alone (the single publish's
// preflight), so a blocker is skipped with the verdict's own reason and fix.
import type { CommandFix } from '../base/commands';
import type { Localize } from '../base/localize';
import type { PublishAuthStatus } from '../base/model';
import { hasNpmjsPolicies } from '../base/npmjsPolicies';
import { displayRegistryUrl, inert, registryHost } from '../base/text';
import { preflight, type ExpectedChallenge, type PublishPlan } from '../publish/publishPlan';
import { releaseOrder, type DependencyNode } from './releaseOrder';

/** One package of the workspace as the release sees it. */
export interface ReleaseCandidate {
  manifest: string;
  status: PublishAuthStatus;
  /** The dependency names its manifest declares at run time (releaseOrder.ts's `runtimeDependencyNames`). */
  needs: readonly string[];
  /** npm's `tag` and `access` for the package (its publish config). */
  options?: { tag?: unknown; access?: unknown };
}

/** A package that goes: its plan and the release's packages it needs (published before it). */
export interface ReleaseStep {
  manifest: string;
  plan: PublishPlan;
  needs: string[];
}

export type SkipWhy = 'published' | 'private' | 'blocked' | 'needs-skipped';

export interface SkippedPackage {
  manifest: string;
  /** `name@version`, or the folder's manifest when the package has no name. */
  id: string;
  why: SkipWhy;
  reason: string;
  fix?: CommandFix;
}

export type ReleasePlan =
  | { kind: 'plan'; steps: ReleaseStep[]; skipped: SkippedPackage[] }
  /** The selection reaches a dependency cycle: no order is guessed. */
  | { kind: 'cycle'; names: string[] };

/**
 * The release of `selected` (manifest paths) among the workspace's `candidates`: the publishable ones
 * in dependency order; the others skipped with their reason. A package whose workspace dependency
 * cannot go and is not on the registry either waits too: it would point at a version nobody can install.
 */
export function planRelease(candidates: readonly ReleaseCandidate[], selected: readonly string[], t: Localize): ReleasePlan {
  const wanted = new Set(selected);
  const chosen = candidates.filter((c) => wanted.has(c.manifest));
  const skipped: SkippedPackage[] = [];
  const going = new Map<string, ReleaseCandidate & { plan: PublishPlan }>();
  for (const candidate of chosen) {
    const decision = decide(candidate, t);
    if ('plan' in decision) going.set(decision.plan.name, { ...candidate, plan: decision.plan });
    else skipped.push(decision);
  }
  const nodes = dependencyNodes(candidates);
  const order = releaseOrder(nodes, [...going.keys()]);
  if (order.kind === 'cycle') return { kind: 'cycle', names: order.names };

  // A needed package that is neither going nor on the registry holds its dependents back.
  const unavailable = new Set(nodes.filter((n) => !going.has(n.name) && !onRegistry(candidates, n.name)).map((n) => n.name));
  const steps: ReleaseStep[] = [];
  for (const name of order.names) {
    const step = going.get(name)!;
    const needs = [...nodes.find((n) => n.name === name)!.needs];
    const missing = needs.find((need) => unavailable.has(need));
    if (missing) {
      unavailable.add(name);
      skipped.push({ manifest: step.manifest, id: step.plan.id, why: 'needs-skipped', reason: t('it needs {0}, which is not on the registry and is not part of this release', inert(missing)) });
      continue;
    }
    steps.push({ manifest: step.manifest, plan: step.plan, needs: needs.filter((need) => going.has(need)) });
  }
  return { kind: 'plan', steps, skipped };
}

function decide(candidate: ReleaseCandidate, t: Localize): { plan: PublishPlan } | SkippedPackage {
  const { status, manifest } = candidate;
  const id = status.package.name && status.package.version ? `${status.package.name}@${status.package.version}` : manifest;
  const skip = (why: SkipWhy, reason: string, fix?: CommandFix): SkippedPackage => ({ manifest, id, why, reason, fix });
  if (status.package.private) return skip('private', t('private ("private": true in package.json)'));
  const code = status.verdict.code;
  if (code === 'published' || code === 'version-exists') return skip('published', t('this version is already on the registry'), status.verdict.fix);
  const check = preflight(status, candidate.options ?? {}, t);
  return check.ok ? { plan: check.plan } : skip('blocked', check.reason, check.fix);
}

/** The workspace's packages with names, as the order reads them. */
export function dependencyNodes(candidates: readonly ReleaseCandidate[]): DependencyNode[] {
  return candidates.flatMap((c) => (c.status.package.name ? [{ name: c.status.package.name, needs: c.needs }] : []));
}

function onRegistry(candidates: readonly ReleaseCandidate[], name: string): boolean {
  return candidates.some((c) => {
    const facts = c.status.packageFacts;
    return c.status.package.name === name && facts?.state === 'published' && c.status.package.version !== undefined && facts.versions.includes(c.status.package.version);
  });
}

const ASKS: Record<ExpectedChallenge, (t: Localize) => string> = {
  none: (t) => t('no prompt'),
  'one-time-password': (t) => t('one-time password'),
  'browser-approval': (t) => t('approval in the browser'),
  'second-factor': (t) => t('a second factor'),
  unknown: (t) => t('not known'),
};

/** At most this many lines per list in the modal: a laptop screen, not a log. */
const MAX_LINES = 12;

/** The one confirmation: what goes in which order, what each asks for, what is skipped, and how often you are asked. */
export function releaseConfirmation(plan: Extract<ReleasePlan, { kind: 'plan' }>, t: Localize): { message: string; detail: string } {
  const { steps, skipped } = plan;
  const registries = [...new Set(steps.map((s) => s.plan.registryUrl))];
  const message = registries.length === 1
    ? t('Publish {0} packages to {1}?', steps.length, displayRegistryUrl(registries[0]))
    : t('Publish {0} packages?', steps.length);
  // With several registries each line names its own: the user sees where every package (and its code) goes.
  const where = (s: ReleaseStep) => (registries.length > 1 ? ` (${registryHost(s.plan.registryUrl)})` : '');
  const lines = capped(steps.map((s, i) => `${i + 1}. ${s.plan.stage ? t('{0} (staged)', s.plan.id) : s.plan.id}${where(s)} — ${ASKS[s.plan.expects](t)}`), t);
  if (skipped.length > 0) lines.push('', t('Skipped:'), ...capped(skipped.map((s) => `${s.id} — ${s.reason}`), t));
  const asking = askingSentence(steps, t);
  if (asking) lines.push('', asking);
  return { message, detail: lines.join('\n') };
}

/** How many times the release will ask: once, while the registry accepts the answer. */
export function askingSentence(steps: readonly ReleaseStep[], t: Localize): string | undefined {
  const expects = new Set(steps.map((s) => s.plan.expects));
  if (expects.has('browser-approval') || expects.has('second-factor')) {
    const npmjs = steps.some((s) => hasNpmjsPolicies({ family: s.plan.family }));
    return npmjs
      ? t('You approve once: on npm\'s page, tick "skip 2FA for the next 5 minutes" and the other packages go without asking. You are asked again only if the registry asks again.')
      : t('You are asked once; the answer is used for the next packages while the registry accepts it.');
  }
  if (expects.has('one-time-password')) return t('You type one code; it is used for the next packages while the registry accepts it, and a new one is asked for only if it is refused.');
  return undefined;
}

function capped(lines: string[], t: Localize): string[] {
  return lines.length <= MAX_LINES ? lines : [...lines.slice(0, MAX_LINES - 1), t('…and {0} more', lines.length - MAX_LINES + 1)];
}
