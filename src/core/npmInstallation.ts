// Where the user's own npm lives. The extension host runs on VS Code's Node, not the user's, so
// npm's builtin and global config files are found from the `npm` and `node` on PATH instead.
import envReplace from '@npmcli/config/lib/env-replace.js';
import { readFile, realpath } from 'node:fs/promises';
import * as path from 'node:path';

export interface NpmInstallation {
  /** The npm executable on PATH (what a terminal's `npm` runs). */
  npmBin?: string;
  /** The npm package folder (holds the builtin `npmrc`). */
  npmPath?: string;
  /** `$PREFIX/etc/npmrc`. */
  globalconfig?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

export async function locateNpm(env: Env, platform: NodeJS.Platform = process.platform): Promise<NpmInstallation> {
  const windows = platform === 'win32';
  const [npmBin, nodeBin] = await Promise.all([
    findOnPath(windows ? ['npm.cmd', 'npm'] : ['npm'], env),
    findOnPath(windows ? ['node.exe'] : ['node'], env),
  ]);
  // POSIX: npm-cli.js sits in <npm>/bin/. Windows: npm.cmd sits beside node_modules/npm.
  const npmPath = npmBin && (windows ? path.join(path.dirname(npmBin), 'node_modules', 'npm') : path.dirname(path.dirname(npmBin)));
  const builtin = npmPath ? await readBuiltinConfig(path.join(npmPath, 'npmrc'), env) : {};
  // npm's own rule for the default prefix: node's folder on Windows, the folder above node's bin/ elsewhere.
  const nodePrefix = nodeBin && (windows ? path.dirname(nodeBin) : path.dirname(path.dirname(nodeBin)));
  const prefix = env.PREFIX ?? env.npm_config_prefix ?? env.NPM_CONFIG_PREFIX ?? builtin.prefix ?? nodePrefix;
  const globalconfig = env.NPM_CONFIG_GLOBALCONFIG ?? env.npm_config_globalconfig ?? builtin.globalconfig
    ?? (prefix ? path.join(prefix, 'etc', 'npmrc') : undefined);
  return { npmBin, npmPath, globalconfig };
}

async function findOnPath(names: string[], env: Env): Promise<string | undefined> {
  for (const dir of (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of names) {
      try {
        return await realpath(path.join(dir, name));
      } catch {
        // not in this folder
      }
    }
  }
  return undefined;
}

/**
 * The `prefix` and `globalconfig` an npm installation sets for itself (Windows installers write
 * `prefix=${APPDATA}\npm`; some distributions set them too), with `${VAR}` expanded as npm does.
 */
async function readBuiltinConfig(file: string, env: Env): Promise<{ prefix?: string; globalconfig?: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return {};
  }
  const found: { prefix?: string; globalconfig?: string } = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(prefix|globalconfig)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match) continue;
    const value = envReplace(match[2]!.replace(/^(["'])(.*)\1$/, '$2'), env);
    if (!value.includes('${')) found[match[1] as 'prefix' | 'globalconfig'] = value;
  }
  return found;
}
