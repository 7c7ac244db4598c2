// The account actions' pure parts: the token request npm sends, the wizard's checks, the wizard
// runner (Back keeps answers, conditional steps, the counter), 2FA challenge handling and error words.
import * as assert from 'node:assert/strict';
import { runSteps, type Step, type StepAnswer, type StepView } from '../../../../src/core/policy/multiStep';

describe('multi-step runner', () => {
  const steps: Step[] = [
    { id: 'name', kind: 'text', title: 'T', prompt: 'name', validate: (v) => (v ? undefined : 'empty') },
    { id: 'permission', kind: 'pick', title: 'T', placeholder: 'p', items: [{ label: 'rw', value: 'read-write' }, { label: 'ro', value: 'read-only' }] },
    { id: 'bypass', kind: 'pick', title: 'T', placeholder: 'b', when: (v) => v.permission === 'read-write', items: [{ label: 'no', value: 'no' }, { label: 'yes', value: 'yes' }] },
    { id: 'cidr', kind: 'text', title: 'T', prompt: (v) => `cidr for ${v.name}` },
  ];

  /** Answers from a script; records "id position/total value back?" for each view. */
  async function run(script: StepAnswer[], defaults = {}) {
    const seen: string[] = [];
    const result = await runSteps(steps, defaults, async (view: StepView) => {
      seen.push(`${view.step.id} ${view.position}/${view.total} "${view.value}"${view.canGoBack ? ' back' : ''}${view.prompt ? ` (${view.prompt})` : ''}`);
      return script.shift() ?? { kind: 'cancel' };
    });
    return { result, seen };
  }
  const value = (v: string): StepAnswer => ({ kind: 'value', value: v });

  it('runs every applying step with a counter and returns the answers', async () => {
    const { result, seen } = await run([value('ci'), value('read-write'), value('yes'), value('')], { name: 'suggested' });
    // The counter follows the answers: the bypass step applies once the permission is read-write.
    assert.deepEqual(seen, ['name 1/3 "suggested" (name)', 'permission 2/3 "" back', 'bypass 3/4 "" back', 'cidr 4/4 "" back (cidr for ci)']);
    assert.deepEqual(result, { name: 'ci', permission: 'read-write', bypass: 'yes', cidr: '' });
  });

  it('Back returns to the previous step with its answer kept; a step that no longer applies is skipped and dropped', async () => {
    const { result, seen } = await run([value('ci'), value('read-write'), value('yes'), { kind: 'back' }, { kind: 'back' }, value('read-only'), value('10.0.0.0/8')]);
    assert.deepEqual(seen.slice(3), ['cidr 4/4 "" back (cidr for ci)', 'bypass 3/4 "yes" back', 'permission 2/4 "read-write" back', 'cidr 3/3 "" back (cidr for ci)']);
    assert.deepEqual(result, { name: 'ci', permission: 'read-only', cidr: '10.0.0.0/8' });
  });

  it('cancel at any step returns nothing; an invalid value asks again', async () => {
    assert.equal((await run([value('ci'), { kind: 'cancel' }])).result, undefined);
    const { seen } = await run([value(''), value('ci'), { kind: 'cancel' }]);
    assert.deepEqual(seen.map((s) => s.split(' ')[0]), ['name', 'name', 'permission']);
  });

  it('a step\'s initial value depends on earlier answers; a changed answer resets the steps it names', async () => {
    const pathSteps: Step[] = [
      { id: 'path', kind: 'pick', title: 'T', placeholder: 'p', resets: ['days'], items: [{ label: 'a', value: 'a' }, { label: 'b', value: 'b' }] },
      { id: 'days', kind: 'text', title: 'T', prompt: 'd', initial: (v) => (v.path === 'b' ? '30' : '7') },
      { id: 'end', kind: 'text', title: 'T', prompt: 'e' },
    ];
    const back: StepAnswer = { kind: 'back' };
    const script: StepAnswer[] = [value('b'), back, value('a'), value('12'), back, back, value('a'), value('12'), value('')];
    const seen: string[] = [];
    const result = await runSteps(pathSteps, { path: 'a' }, async (view) => (seen.push(`${view.step.id} "${view.value}"`), script.shift() ?? { kind: 'cancel' }));
    // b proposes 30; back to a, 7 again; choosing the same path again keeps the typed value.
    assert.deepEqual(seen, ['path "a"', 'days "30"', 'path "b"', 'days "7"', 'end ""', 'days "12"', 'path "a"', 'days "12"', 'end ""']);
    assert.deepEqual(result, { path: 'a', days: '12', end: '' });
  });
});
