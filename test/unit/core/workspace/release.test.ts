import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/base/localize';
import type { PublishAuthStatus } from '../../../../src/core/base/model';
import type { AcceptedAnswer } from '../../../../src/core/account/secondFactor';
import { dependentsOf, releaseOrder, runtimeDependencyNames, type DependencyNode } from '../../../../src/core/workspace/releaseOrder';
import { planRelease, releaseConfirmation, type ReleaseCandidate, type ReleaseStep } from '../../../../src/core/workspace/releasePlan';
import { releaseSummary, runRelease, type StepOutcome } from '../../../../src/core/workspace/releaseRun';
import { credentials, input, status } from '../../fixtures/status';

const node = (name: string, ...needs: string[]): DependencyNode => ({ name, needs });

describe('releaseOrder', () => {
  const cases: [string, DependencyNode[], string[], ReturnType<typeof releaseOrder>][] = [
    ['independent packages go by name', [node('b'), node('a'), node('c')], ['c', 'a', 'b'], { kind: 'ordered', names: ['a', 'b', 'c'] }],
    ['a dependency before its dependent', [node('app', 'core'), node('core')], ['app', 'core'], { kind: 'ordered', names: ['core', 'app'] }],
    ['a chain, whatever the selection order', [node('a', 'b'), node('b', 'c'), node('c')], ['a', 'c', 'b'], { kind: 'ordered', names: ['c', 'b', 'a'] }],
    ['through a package not selected', [node('a', 'b'), node('b', 'c'), node('c')], ['a', 'c'], { kind: 'ordered', names: ['c', 'a'] }],
    ['outside names are ignored', [node('a', 'react', 'b'), node('b', 'lodash')], ['a', 'b'], { kind: 'ordered', names: ['b', 'a'] }],
    ['a package needing itself is not a cycle', [node('a', 'a')], ['a'], { kind: 'ordered', names: ['a'] }],
    ['a diamond', [node('app', 'left', 'right'), node('left', 'base'), node('right', 'base'), node('base')], ['app', 'right', 'left', 'base'], { kind: 'ordered', names: ['base', 'left', 'right', 'app'] }],
    ['a cycle is named', [node('a', 'b'), node('b', 'c'), node('c', 'a')], ['a'], { kind: 'cycle', names: ['a', 'b', 'c'] }],
    ['a cycle the selection does not reach is no obstacle', [node('a'), node('x', 'y'), node('y', 'x')], ['a'], { kind: 'ordered', names: ['a'] }],
    ['unknown selected names are dropped', [node('a')], ['a', 'ghost'], { kind: 'ordered', names: ['a'] }],
  ];
  for (const [title, nodes, selected, expected] of cases) {
    it(title, () => assert.deepEqual(releaseOrder(nodes, selected), expected));
  }

  it('reads only the run-time dependency fields', () => {
    assert.deepEqual(
      runtimeDependencyNames({ dependencies: { a: '^1' }, devDependencies: { dev: '1' }, peerDependencies: { b: '*' }, optionalDependencies: { a: '1', c: '1' } }).sort(),
      ['a', 'b', 'c'],
    );
    assert.deepEqual(runtimeDependencyNames({ dependencies: ['not', 'an', 'object'], peerDependencies: 'x' }), []);
  });

  it('finds dependents, also indirect ones', () => {
    assert.deepEqual([...dependentsOf([node('app', 'mid'), node('mid', 'core'), node('core'), node('other')], 'core')].sort(), ['app', 'mid']);
  });
});

/** A workspace package at /ws/<name>, unpublished at `version` unless `published` lists versions. */
function candidate(name: string, needs: string[] = [], overrides: Partial<PublishAuthStatus> = {}, published?: string[]): ReleaseCandidate {
  const base = input().package;
  const version = overrides.package?.version ?? '1.0.0';
  const given = {
    ...overrides,
    package: { ...base, manifestPath: `/ws/${name}/package.json`, folder: `/ws/${name}`, name, version, ...overrides.package },
    packageFacts: overrides.packageFacts ?? (published ? { state: 'published' as const, versions: published, latest: published.at(-1), maintainers: ['alice'] } : { state: 'unpublished' as const }),
    writeAccess: overrides.writeAccess ?? (published ? 'write' : 'new-package'),
  };
  return { manifest: `/ws/${name}/package.json`, status: status(given), needs };
}

describe('planRelease', () => {
  const core = candidate('core');
  const app = candidate('app', ['core', 'react']);
  const util = candidate('util', [], {}, ['1.0.0']);
  const secret = candidate('secret', [], { package: { ...input().package, name: 'secret', version: '1.0.0', private: true } });

  it('orders what goes and skips the published and the private with their reasons', () => {
    const plan = planRelease([app, core, util, secret], [app.manifest, core.manifest, util.manifest, secret.manifest], english);
    assert.equal(plan.kind, 'plan');
    assert.deepEqual(plan.kind === 'plan' && plan.steps.map((s) => [s.plan.id, s.needs]), [['core@1.0.0', []], ['app@1.0.0', ['core']]]);
    assert.deepEqual(plan.kind === 'plan' && plan.skipped.map((s) => [s.id, s.why]), [['util@1.0.0', 'published'], ['secret@1.0.0', 'private']]);
  });

  it('a blocked package is skipped with its verdict and fix; what needs it waits', () => {
    const blocked = candidate('core', [], { configuredCredential: { type: 'none' }, credential: undefined });
    const plan = planRelease([blocked, app], [blocked.manifest, app.manifest], english);
    assert.ok(plan.kind === 'plan');
    assert.deepEqual(plan.steps, []);
    assert.deepEqual(plan.skipped.map((s) => [s.id, s.why, s.fix?.command]), [['core@1.0.0', 'blocked', 'npmPublishAuth.login'], ['app@1.0.0', 'needs-skipped', undefined]]);
    assert.match(plan.skipped[1]!.reason, /needs core/);
  });

  it('a dependency already on the registry lets its dependent go alone', () => {
    const publishedCore = candidate('core', [], {}, ['1.0.0']);
    const plan = planRelease([publishedCore, app], [app.manifest], english);
    assert.deepEqual(plan.kind === 'plan' && plan.steps.map((s) => [s.plan.id, s.needs]), [['app@1.0.0', []]]);
  });

  it('a cycle is returned instead of an order', () => {
    const a = candidate('a', ['b']);
    const b = candidate('b', ['a']);
    assert.deepEqual(planRelease([a, b], [a.manifest, b.manifest], english), { kind: 'cycle', names: ['a', 'b'] });
  });

  it('the confirmation lists the order, what each asks for, the skipped and how often you are asked', () => {
    const plan = planRelease([app, core, util], [app.manifest, core.manifest, util.manifest], english);
    assert.ok(plan.kind === 'plan');
    const { message, detail } = releaseConfirmation(plan, english);
    assert.equal(message, 'Publish 2 packages to https://registry.npmjs.org/?');
    assert.equal(detail, [
      '1. core@1.0.0 — one-time password',
      '2. app@1.0.0 — one-time password',
      '',
      'Skipped:',
      'util@1.0.0 — this version is already on the registry',
      '',
      'You type one code; it is used for the next packages while the registry accepts it, and a new one is asked for only if it is refused.',
    ].join('\n'));
  });

  it('the 5-minute skip is named only on npmjs', () => {
    const passkey = (name: string, family: 'npmjs' | 'verdaccio') => candidate(name, [], {
      twoFactorMethod: 'passkey-only',
      registry: { url: 'https://r.example/', rule: 'default', nerfDart: '//r.example/', family },
    });
    const on = (family: 'npmjs' | 'verdaccio') => {
      const c = passkey('x', family);
      const plan = planRelease([c], [c.manifest], english);
      assert.ok(plan.kind === 'plan');
      return releaseConfirmation(plan, english).detail;
    };
    assert.match(on('npmjs'), /skip 2FA for the next 5 minutes/);
    assert.doesNotMatch(on('verdaccio'), /5 minutes/);
  });

  it('packages bound for several registries: the question names none, each line its own', () => {
    const other = candidate('other', [], { registry: { url: 'https://npm.corp.example/', rule: 'default', nerfDart: '//npm.corp.example/', family: 'npmjs' } });
    const plan = planRelease([core, other], [core.manifest, other.manifest], english);
    assert.ok(plan.kind === 'plan');
    const { message, detail } = releaseConfirmation(plan, english);
    assert.equal(message, 'Publish 2 packages?');
    assert.deepEqual(detail.split('\n').slice(0, 2), ['1. core@1.0.0 (registry.npmjs.org) — one-time password', '2. other@1.0.0 (npm.corp.example) — one-time password']);
  });

  it('a long release is capped in the modal', () => {
    const many = Array.from({ length: 30 }, (_, i) => candidate(`p${String(i).padStart(2, '0')}`, [], { credential: { ...credentials.bypassGat, packages: [], allPackages: true } }));
    const plan = planRelease(many, many.map((c) => c.manifest), english);
    assert.ok(plan.kind === 'plan');
    const lines = releaseConfirmation(plan, english).detail.split('\n');
    assert.deepEqual(lines.slice(10), ['11. p10@1.0.0 — no prompt', '…and 19 more']);
  });
});

describe('runRelease', () => {
  const step = (name: string, ...needs: string[]): ReleaseStep => ({
    manifest: `/ws/${name}/package.json`, needs,
    plan: { id: `${name}@1.0.0`, name, version: '1.0.0', tag: 'latest', registryUrl: 'https://registry.npmjs.org/', expects: 'one-time-password', stage: false },
  });
  const elsewhere = (name: string): ReleaseStep => ({ ...step(name), plan: { ...step(name).plan, registryUrl: 'https://npm.attacker.example/' } });
  const typed = (otp: string): AcceptedAnswer => ({ otp, secondFactor: 'typed' });

  /** Runs with scripted outcomes per package; records the answer each publish was offered. */
  async function run(steps: ReleaseStep[], script: Record<string, StepOutcome>, options: { continueAfterFailure?: boolean; cancelAfter?: string } = {}) {
    const offered: [string, string | undefined][] = [];
    let cancelled = false;
    const results = await runRelease({
      steps,
      continueAfterFailure: options.continueAfterFailure ?? false,
      cancelled: () => cancelled,
      publish: async (s, reuse) => {
        offered.push([s.plan.name, reuse?.otp]);
        if (s.plan.name === options.cancelAfter) cancelled = true;
        const outcome = script[s.plan.name] ?? { kind: 'published' };
        // The first package is answered with code 111111; "c" needed a new one (the old one was refused).
        const accepted = outcome.kind === 'published' ? (reuse && s.plan.name !== 'c' ? reuse : typed(s.plan.name === 'c' ? '222222' : '111111')) : undefined;
        return { outcome, accepted };
      },
    }, english);
    return { offered, outcomes: results.map((r) => [r.step.plan.name, r.outcome.kind]) };
  }

  it('offers the accepted code to each next package, and the newer one once it changed', async () => {
    const { offered, outcomes } = await run([step('a'), step('b'), step('c'), step('d')], {});
    assert.deepEqual(offered, [['a', undefined], ['b', '111111'], ['c', '111111'], ['d', '222222']]);
    assert.deepEqual(outcomes, [['a', 'published'], ['b', 'published'], ['c', 'published'], ['d', 'published']]);
  });

  it('an accepted answer goes back only to the registry that accepted it, never to one a package names elsewhere', async () => {
    const { offered } = await run([step('a'), elsewhere('x'), step('b')], {});
    assert.deepEqual(offered, [['a', undefined], ['x', undefined], ['b', '111111']]);
  });

  it('a failure stops the rest unless chosen otherwise; what needs the failed one never runs', async () => {
    const failed: StepOutcome = { kind: 'failed', message: 'E403' };
    const steps = [step('core'), step('app', 'core'), step('other')];
    assert.deepEqual((await run(steps, { core: failed })).outcomes, [['core', 'failed'], ['app', 'not-run'], ['other', 'not-run']]);
    const going = await run(steps, { core: failed }, { continueAfterFailure: true });
    assert.deepEqual(going.outcomes, [['core', 'failed'], ['app', 'not-run'], ['other', 'published']]);
    assert.deepEqual(going.offered.map(([name]) => name), ['core', 'other']);
  });

  it('a dependent of a package that was not run is not run either', async () => {
    const steps = [step('core'), step('mid', 'core'), step('app', 'mid'), step('free')];
    const { outcomes } = await run(steps, { core: { kind: 'failed', message: 'x' } }, { continueAfterFailure: true });
    assert.deepEqual(outcomes, [['core', 'failed'], ['mid', 'not-run'], ['app', 'not-run'], ['free', 'published']]);
  });

  it('cancelling stops between packages, and Escape at a prompt ends the release', async () => {
    assert.deepEqual((await run([step('a'), step('b'), step('c')], {}, { cancelAfter: 'a' })).outcomes, [['a', 'published'], ['b', 'not-run'], ['c', 'not-run']]);
    assert.deepEqual((await run([step('a'), step('b')], { a: { kind: 'cancelled' } })).outcomes, [['a', 'cancelled'], ['b', 'not-run']]);
  });

  it('the summary counts, names each package and leaves what a resume would try', async () => {
    const steps = [step('core'), step('app', 'core'), step('other')];
    const results = await runRelease({
      steps, continueAfterFailure: true, cancelled: () => false,
      publish: async (s) => ({ outcome: s.plan.name === 'core' ? { kind: 'failed', message: 'the token is read-only.', fix: { command: 'npmPublishAuth.generateToken', title: 'Generate Token…' } } : { kind: 'published' } }),
    }, english);
    const summary = releaseSummary(results, [{ manifest: '/ws/util/package.json', id: 'util@1.0.0', why: 'published', reason: 'this version is already on the registry' }], english);
    assert.equal(summary.headline, '1 of 3 published, 1 failed, 1 not started, 1 skipped.');
    assert.deepEqual(summary.lines, [
      'core@1.0.0: failed — the token is read-only.',
      'app@1.0.0: not started — it needs core, which was not published',
      'other@1.0.0: published',
      'util@1.0.0: skipped — this version is already on the registry',
    ]);
    assert.deepEqual(summary.left, ['/ws/core/package.json', '/ws/app/package.json']);
    assert.equal(summary.fix?.command, 'npmPublishAuth.generateToken');
  });
});
