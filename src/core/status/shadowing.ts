// Log In and Generate Token write the user's .npmrc, but npm reads a credential from places it ranks
// higher first: the environment and the project's .npmrc (npm's order: cli > env > project > user >
// global > builtin). While one of those holds the credential, the fix that works is to remove it there.
import * as path from 'node:path';
import { COMMANDS, fixFor, type CommandFix, type FixCommand } from '../base/commands';
import type { Localize } from '../base/localize';
import type { ConfiguredCredential, PackageInfo } from '../base/model';

export type Shadowing =
  | { where: 'project'; file: string; line?: number }
  | { where: 'environment'; variable: string };

/** Where the credential npm uses comes from, when that place would hide a new one in the user's .npmrc. */
export function shadowingOf(credential: ConfiguredCredential): Shadowing | undefined {
  if (credential.type === 'none') return undefined;
  const { source } = credential;
  if (source.key.startsWith('publishConfig.')) return undefined;
  if (source.layer === 'env') return { where: 'environment', variable: `npm_config_${source.key}` };
  if (source.layer === 'project' && source.file) return { where: 'project', file: source.file, line: source.line };
  return undefined;
}

/** The fixes that write a new credential into the user's .npmrc. */
const WRITES_USER_NPMRC: ReadonlySet<FixCommand> = new Set<FixCommand>([COMMANDS.login.id, COMMANDS.generateToken.id]);

/**
 * A verdict's fix as it works for this configuration: Log In / Generate Token while a shadowing
 * credential exists becomes removing it (project) or an explanation (environment: only the person can
 * unset it), with the sentence that says why.
 */
export function shadowedFix(
  fix: FixCommand | undefined,
  credential: ConfiguredCredential,
  pkg: Pick<PackageInfo, 'folder'>,
  t: Localize,
): { fix: CommandFix; sentence: string } | undefined {
  const shadowing = fix && WRITES_USER_NPMRC.has(fix) ? shadowingOf(credential) : undefined;
  if (!shadowing) return undefined;
  if (shadowing.where === 'environment') {
    return {
      fix: fixFor(COMMANDS.showDetails.id, t),
      sentence: t('npm takes this credential from the environment variable {0}, ahead of your user .npmrc: unset it and restart VS Code, or a new login is not used.', shadowing.variable),
    };
  }
  return {
    fix: fixFor(COMMANDS.removeProjectCredential.id, t),
    sentence: t('npm takes this credential from {0}, ahead of your user .npmrc: remove it there, or a new login is not used.', projectPlace(shadowing, pkg, t)),
  };
}

/** "line 2 of this package's .npmrc", or of the file's path when it is elsewhere (a workspace root). */
export function projectPlace(shadowing: Extract<Shadowing, { where: 'project' }>, pkg: Pick<PackageInfo, 'folder'>, t: Localize): string {
  const own = path.dirname(shadowing.file) === path.resolve(pkg.folder);
  if (shadowing.line) return own ? t('line {0} of this package\'s .npmrc', shadowing.line) : t('line {0} of {1}', shadowing.line, shadowing.file);
  return own ? t('this package\'s .npmrc') : shadowing.file;
}
