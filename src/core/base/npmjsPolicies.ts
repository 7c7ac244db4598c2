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
