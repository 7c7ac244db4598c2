// Small helpers to build scenarios in tests: known tokens, copies with changes.
import { demoToken } from '../tokenFormat';
import type { PackageSpec, Scenario, TokenSpec, UserSpec } from './types';

/** The one-time password every demo TOTP account accepts (unless its `otp` says otherwise). */
export const DEMO_OTP = '123456';

export { demoToken };

/** A deep copy, so a test can change a shared scenario without affecting others. */
export function cloneScenario(scenario: Scenario): Scenario {
  return structuredClone(scenario);
}

/** A copy of `base` with extra users, tokens and packages (same names replace the base's entries). */
export function extendScenario(
  base: Scenario,
  extra: { name?: string; users?: UserSpec[]; tokens?: TokenSpec[]; packages?: PackageSpec[]; options?: Scenario['options'] },
): Scenario {
  const copy = cloneScenario(base);
  const replace = <T>(list: T[], items: T[] | undefined, same: (a: T, b: T) => boolean): T[] =>
    [...list.filter((a) => !(items ?? []).some((b) => same(a, b))), ...(items ?? [])];
  return {
    ...copy,
    name: extra.name ?? copy.name,
    users: replace(copy.users, extra.users, (a, b) => a.name === b.name),
    tokens: replace(copy.tokens, extra.tokens, (a, b) => a.value === b.value),
    packages: replace(copy.packages, extra.packages, (a, b) => a.name === b.name),
    options: { ...copy.options, ...extra.options },
  };
}

/** A granular token spec with a stable value derived from `label`. */
export function granularToken(user: string, label: string, spec: Partial<TokenSpec> = {}): TokenSpec {
  return { kind: 'granular', user, value: demoToken(label), name: label, permission: 'read-write', expiresInDays: 7, label, ...spec };
}

/** A session token spec with a stable value derived from `label`. */
export function sessionToken(user: string, label: string): TokenSpec {
  return { kind: 'session', user, value: demoToken(label), label };
}

/** The demo token with this label in a scenario (throws if absent, so typos fail loudly). */
export function tokenOf(scenario: Scenario, label: string): string {
  const value = demoToken(label);
  if (!scenario.tokens.some((t) => t.value === value)) throw new Error(`scenario ${scenario.name} has no token "${label}"`);
  return value;
}
