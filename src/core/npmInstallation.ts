// Where the user's own npm lives. The extension host runs on VS Code's Node, not the user's, so
// npm's builtin and global config files are found from the `npm` and `node` on PATH instead.
import { realpath } from 'node:fs/promises';
import * as path from 'node:path';

export interface NpmInstallation {
  /** The npm package folder (holds the builtin `npmrc`). */
  npmPath?: string;
  /** `$PREFIX/etc/npmrc`. */
  globalconfig?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

export async function locateNpm(env: Env): Promise<NpmInstallation> {
  const [npmBin, nodeBin] = await Promise.all([findOnPath('npm', env), findOnPath('node', env)]);
  // npm-cli.js sits in <npm>/bin/; the prefix is the folder above node's bin/ (npm's own rule on POSIX).
  const npmPath = npmBin ? path.dirname(path.dirname(npmBin)) : undefined;
  const prefix = env.PREFIX ?? env.npm_config_prefix ?? env.NPM_CONFIG_PREFIX ?? (nodeBin ? path.dirname(path.dirname(nodeBin)) : undefined);
  const globalconfig = env.NPM_CONFIG_GLOBALCONFIG ?? env.npm_config_globalconfig ?? (prefix ? path.join(prefix, 'etc', 'npmrc') : undefined);
  return { npmPath, globalconfig };
}

async function findOnPath(command: string, env: Env): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    try {
      return await realpath(path.join(dir, command));
    } catch {
      // not in this folder
    }
  }
  return undefined;
}
