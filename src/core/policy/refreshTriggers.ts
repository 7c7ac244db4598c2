// When something outside the extension may have changed what publishing meets: a command the user
// ran in a terminal, or time passing while the window was in the background.

/** The package managers whose commands change credentials, packages or their access. */
const MANAGERS = new Set(['npm', 'pnpm', 'yarn']);

/** Subcommands (and npm's aliases for them) that change a credential, a package or its access. */
const SUBCOMMANDS = new Set([
  'publish', 'unpublish', 'login', 'adduser', 'add-user', 'logout', 'token', 'access', 'owner', 'author', 'stage',
]);

/** Words that start a command without being it: `sudo npm publish`, `env A=1 npm login`, `npx npm publish`. */
const WRAPPERS = new Set(['sudo', 'env', 'command', 'exec', 'time', 'npx', 'pnpx', 'corepack', 'nohup']);

/**
 * Whether a command line a terminal ran may have changed the publish status: `npm publish`,
 * `pnpm login`, `yarn npm publish` (Yarn 2+ nests npm's commands), `npm --registry=… token create`,
 * also inside `cd pkg && npm publish` or `a; b`. Scripts (`npm run release`) are not followed: what
 * they run is unknown, and a refresh on every script would be noise.
 */
export function changesPublishAuth(commandLine: string): boolean {
  return commandLine.split(/&&|\|\||[;|&\n]/).some((command) => commandChangesPublishAuth(words(command)));
}

function commandChangesPublishAuth(tokens: string[]): boolean {
  let i = 0;
  // Leading `VAR=value` assignments and wrappers (with their own options) come before the command.
  while (i < tokens.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(tokens[i]!) || WRAPPERS.has(tokens[i]!) || (i > 0 && WRAPPERS.has(tokens[i - 1]!) && tokens[i]!.startsWith('-')))) i++;
  const manager = tokens[i] && executableName(tokens[i]!);
  if (!manager || !MANAGERS.has(manager)) return false;
  for (i++; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.startsWith('-')) {
      // `--registry x` takes the next word; `--registry=x` and flags do not.
      if (/^--(registry|userconfig|globalconfig|prefix|workspace|filter|cwd|dir|scope|otp)$/.test(token) || /^-[CwF]$/.test(token)) i++;
      continue;
    }
    if (manager === 'yarn' && token === 'npm') continue; // Yarn 2+: `yarn npm publish`
    return SUBCOMMANDS.has(token);
  }
  return false;
}

/** `/usr/bin/npm`, `npm.cmd`, `"C:\…\npm.exe"` → `npm`. */
function executableName(word: string): string {
  return (word.split(/[\\/]/).pop() ?? word).replace(/\.(cmd|exe|ps1|js)$/i, '').toLowerCase();
}

/** Shell words, quotes removed (enough for telling commands apart; nothing is executed). */
function words(command: string): string[] {
  return [...command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/**
 * Whether regaining focus should refresh: only once the account answers are older than the window
 * in which they are reused anyway, so switching windows back and forth asks the registry nothing.
 */
export function refreshOnFocus(checkedAt: number | undefined, now: number, freshForMs: number): boolean {
  return checkedAt === undefined || now - checkedAt >= freshForMs;
}
