// The one question the status's words ask of its registry, kept apart from the registry table
// (registries.ts) so that what renders the status bar does not load the table.
import type { RegistryFamily } from './registries';

/**
 * Whether npmjs's policies (publishing needs 2FA or a bypass token, 2-hour sessions, publishing
 * access) hold for a status's registry. computeStatus names the family; unnamed means unknown.
 */
export function hasNpmjsPolicies(registry: { family?: RegistryFamily } | undefined): boolean {
  return registry?.family === 'npmjs';
}

/**
 * When npm plans to end direct publishing with bypass-2FA tokens (npmjs only): January 2027, per the
 * warning npm 12's `npm token create` prints and npm's changelog of 2026-07-08 (the project's
 * npm-registry-protocol.md §12). The one place to change when npm moves it.
 */
export const BYPASS_DIRECT_PUBLISH_END = { at: Date.UTC(2027, 0, 1), month: 'January 2027' } as const;

/** From this long before the end, a bypass token is something to act on (the status turns yellow). */
export const BYPASS_END_NOTICE_MS = 90 * 24 * 60 * 60_000;
