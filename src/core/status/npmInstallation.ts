// Where the user's own npm lives. The extension host runs on VS Code's Node, not the user's, so
// npm's builtin and global config files are found from the `npm` and `node` on PATH instead.
import envReplace from '@npmcli/config/lib/env-replace.js';
import { readFile, realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';

export interface NpmInstallation {
  /**
   * The npm executable as found on PATH, not its realpath: what a terminal's `npm` runs. Version
   * managers' multi-call shims (Volta's `npm → volta-shim`, mise's `npm → mise`) choose the tool
   * from the name they were called by, so running the resolved file would not run npm.
   */
  npmBin?: string;
  /** The npm package folder (holds the builtin `npmrc`); undefined when the realpath is not inside one. */
  npmPath?: string;
  /** `$PREFIX/etc/npmrc`. */
  globalconfig?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

export async function locateNpm(env: Env, platform: NodeJS.Platform = process.platform): Promise<NpmInstallation> {
  const windows = platform === 'win32';
  const [npmBin, node] = await Promise.all([
    findOnPath(windows ? ['npm.cmd', 'npm'] : ['npm'], env),
    findOnPath(windows ? ['node.exe'] : ['node'], env),
  ]);
  // node's realpath: the prefix is about the real installation (a shim's prefix is only a guess).
  const nodeBin = node && (await realpath(node).catch(() => undefined));
  const npmPath = npmBin && (await npmPackageOf(npmBin, windows));
  const builtin = npmPath ? await readBuiltinConfig(path.join(npmPath, 'npmrc'), env) : {};
  // npm's own rule for the default prefix: node's folder on Windows, the folder above node's bin/ elsewhere.
  const nodePrefix = nodeBin && (windows ? path.dirname(nodeBin) : path.dirname(path.dirname(nodeBin)));
  const prefix = env.PREFIX ?? env.npm_config_prefix ?? env.NPM_CONFIG_PREFIX ?? builtin.prefix ?? nodePrefix;
  const globalconfig = env.NPM_CONFIG_GLOBALCONFIG ?? env.npm_config_globalconfig ?? builtin.globalconfig
    ?? (prefix ? path.join(prefix, 'etc', 'npmrc') : undefined);
  return { npmBin, npmPath, globalconfig };
}

/** The first `dir/name` on PATH that exists (a dangling symlink does not), as PATH names it. */
async function findOnPath(names: string[], env: Env): Promise<string | undefined> {
  for (const dir of (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        await stat(candidate);
        return candidate;
      } catch {
        // not in this folder
      }
    }
  }
  return undefined;
}

/**
 * The npm package folder behind `npmBin`, found through its realpath. POSIX: `<npm>/bin/npm-cli.js`
 * (`/usr/bin/npm → ../lib/node_modules/npm/bin/npm-cli.js`). Windows: `npm.cmd` beside
 * `node_modules/npm`. On POSIX a shim resolves to the version manager's own binary, outside any npm folder,
 * and the npm it will pick is not knowable without running it: then there is no builtin layer.
 */
async function npmPackageOf(npmBin: string, windows: boolean): Promise<string | undefined> {
  // Windows: npm.cmd is a plain file, so its folder is where it is (as before; not checked).
  if (windows) return path.join(path.dirname(npmBin), 'node_modules', 'npm');
  try {
    const folder = path.dirname(path.dirname(await realpath(npmBin)));
    await stat(path.join(folder, 'bin', 'npm-cli.js'));
    return folder;
  } catch {
    return undefined;
  }
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
