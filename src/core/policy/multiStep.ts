// A wizard as data: steps that ask for one value each, some only when earlier answers call for them,
// with Back to the previous shown step and every answer kept when going back and forth (the
// quickinput-sample pattern). The runner is pure; the editor supplies `ask`, which shows one step.

export type Values = Record<string, string>;

export interface PickItem {
  label: string;
  value: string;
  description?: string;
  detail?: string;
}

interface StepBase {
  id: string;
  title: string;
  /** Whether this step applies, given the answers so far. Default: always. */
  when?: (values: Values) => boolean;
  /** The value proposed when the step has no answer yet and the defaults name none (defaults that depend on earlier answers). */
  initial?: (values: Values) => string;
  /** Steps whose answers a different answer here discards, so that their `initial` applies again (a path's own defaults). */
  resets?: string[];
}

export type Step =
  | (StepBase & {
      kind: 'text';
      prompt: string | ((values: Values) => string);
      placeholder?: string;
      /** An error message, or undefined when the value is fine. */
      validate?: (value: string, values: Values) => string | undefined;
    })
  | (StepBase & { kind: 'pick'; placeholder: string; items: PickItem[] | ((values: Values) => PickItem[]) });

/** What showing one step ended with. */
export type StepAnswer = { kind: 'value'; value: string } | { kind: 'back' } | { kind: 'cancel' };

export interface StepView {
  step: Step;
  /** 1-based position and the count of steps that apply now (for the "2/6" counter). */
  position: number;
  total: number;
  /** The value to start from: the earlier answer when coming back, else the default. */
  value: string;
  /** Items and prompt resolved for the current answers. */
  items?: PickItem[];
  prompt?: string;
  canGoBack: boolean;
  validate(value: string): string | undefined;
}

/** Runs the steps; the answers by step id (only steps that applied), or undefined when cancelled. */
export async function runSteps(steps: Step[], defaults: Values, ask: (view: StepView) => Promise<StepAnswer>): Promise<Values | undefined> {
  const values: Values = { ...defaults };
  const applies = (step: Step) => step.when?.(values) ?? true;
  const history: number[] = [];
  let index = steps.findIndex(applies);
  while (index !== -1 && index < steps.length) {
    const step = steps[index]!;
    const active = steps.filter(applies);
    const answer = await ask({
      step,
      position: active.indexOf(step) + 1,
      total: active.length,
      value: values[step.id] ?? step.initial?.(values) ?? '',
      items: step.kind === 'pick' ? (typeof step.items === 'function' ? step.items(values) : step.items) : undefined,
      prompt: step.kind === 'text' ? (typeof step.prompt === 'function' ? step.prompt(values) : step.prompt) : undefined,
      canGoBack: history.length > 0,
      validate: (value) => (step.kind === 'text' ? step.validate?.(value, values) : undefined),
    });
    if (answer.kind === 'cancel') return undefined;
    if (answer.kind === 'back') {
      const previous = history.pop();
      if (previous !== undefined) index = previous;
      continue;
    }
    // A value the step itself would refuse never goes through (the view should not offer it anyway).
    if (step.kind === 'text' && step.validate?.(answer.value, values)) continue;
    if (values[step.id] !== answer.value) for (const id of step.resets ?? []) delete values[id];
    values[step.id] = answer.value;
    history.push(index);
    index = nextApplying(steps, index + 1, applies);
  }
  return Object.fromEntries(Object.entries(values).filter(([id]) => steps.some((s) => s.id === id && applies(s))));
}

function nextApplying(steps: Step[], from: number, applies: (step: Step) => boolean): number {
  for (let i = from; i < steps.length; i++) if (applies(steps[i]!)) return i;
  return steps.length;
}
