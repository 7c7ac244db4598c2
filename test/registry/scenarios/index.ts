// Named scenarios (`--scenario NAME`) and the helpers to build new ones.
import { defaultScenario } from './default';
import type { Scenario } from './types';

export * from './types';
export * from './helpers';
export { defaultScenario };

/** A registry with nobody and nothing: for tests that build their own world. */
export const emptyScenario: Scenario = { name: 'empty', users: [], tokens: [], packages: [] };

export const scenarios: Record<string, Scenario> = { default: defaultScenario, empty: emptyScenario };

export function scenarioByName(name: string): Scenario {
  const found = scenarios[name];
  if (!found) throw new Error(`unknown scenario "${name}" (known: ${Object.keys(scenarios).join(', ')})`);
  return structuredClone(found);
}
