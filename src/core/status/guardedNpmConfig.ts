// npm's config loader (@npmcli/config) as the status runs it: on every refresh, on folders the
// repository wrote. See GuardedNpmConfig.
import Config from '@npmcli/config';
import envReplace from '@npmcli/config/lib/env-replace.js';
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { MAX_NPMRC_BYTES, unreadableFileProblemSync } from './configFiles';
import { restrictRepositoryConfig, type WorkspaceTrust } from './repositoryTrust';
import { registerConfigEntry } from '../base/secrets';

/**
 * npm's own config loader, with three guards of ours around the steps of its load():
 * - config files are checked before npm reads them: a FIFO, a device or an oversized file becomes the
 *   layer's load error (as an unreadable file does), never an open (configFiles.ts);
 * - the user config file as the user's own layers name it is kept before the project layer can move
 *   it, and in Restricted Mode only the registry choice of the project .npmrc stays (repositoryTrust.ts);
 * - where npm's project is, found by npm's own `loadLocalPrefix`, is remembered.
 *
 * The last, in detail. For a package inside
 * npm workspaces npm walks up to the root and maps every workspace of it (a glob, and a read of each
 * package.json: 275 ms for 1,000 packages on the project's machine), on every refresh. The answer
 * depends only on the package.json files and node_modules folders along the walk from the package
 * up to the file system's root (whether each exists, and what the package.json files say: a root's
 * `workspaces` patterns, and the package's own package.json, without which it is no workspace).
 * So the outcome is kept per folder with a fingerprint of those (size, inode, mtime in ns) and
 * reused while none of them changed; anything else is npm's walk again. One thing npm checks is not
 * in the fingerprint: two workspaces *elsewhere* in the root getting the same name make npm fail
 * (mapWorkspaces throws); the status notices that when the root's package.json, the package's, or
 * the cache (LOCAL_PREFIX_ENTRIES, least recently used first) moves on.
 */
export class GuardedNpmConfig extends Config {
  /** The user config file before the project could move it: where writes go. */
  usersOwnUserconfig = '';
  /** Restricted Mode: the project .npmrc keys that were not applied. */
  ignoredProjectKeys: string[] = [];
  private localPrefixLoaded = false;

  constructor(options: ConstructorParameters<typeof Config>[0], private readonly trust: WorkspaceTrust) {
    super(options);
  }

  override async loadBuiltinConfig(): Promise<void> {
    if (!this.refuseSpecialFile('builtin', path.resolve(this.npmPath, 'npmrc'))) await super.loadBuiltinConfig();
  }

  override async loadProjectConfig(): Promise<void> {
    // cli ∪ env ∪ builtin ∪ defaults: everything the user controls, before the project layer exists.
    this.usersOwnUserconfig = String(this.layerData('cli').userconfig);
    await this.loadLocalPrefix(); // once: npm's own loadProjectConfig calls it again (a no-op then)
    const file = path.resolve(this.localPrefix, '.npmrc');
    const globalMode = this.layerData('cli').global === true || this.layerData('cli').location === 'global';
    if (!globalMode && file !== this.usersOwnUserconfig && this.refuseSpecialFile('project', file)) {
      this.localPackage ??= await stat(path.join(this.localPrefix, 'package.json')).then(() => true, () => false);
      return;
    }
    await super.loadProjectConfig();
    if (this.trust === 'restricted') this.restrictProjectLayer();
  }

  override async loadUserConfig(): Promise<void> {
    if (!this.refuseSpecialFile('user', String(this.layerData('cli').userconfig))) await super.loadUserConfig();
  }

  override async loadGlobalConfig(): Promise<void> {
    if (!this.refuseSpecialFile('global', String(this.layerData('cli').globalconfig))) await super.loadGlobalConfig();
  }

  /** Restricted Mode: only the registry choice of the project .npmrc stays (see repositoryTrust.ts). */
  private restrictProjectLayer(): void {
    const layer = this.data.get('project')!;
    const raw = layer.raw as Record<string, unknown>;
    const { ignored } = restrictRepositoryConfig(raw);
    for (const key of ignored) {
      registerConfigEntry(key, raw[key]); // never applied, still never shown
      delete (layer.data as Record<string, unknown>)[envReplace(key, this.env)];
      delete (layer.data as Record<string, unknown>)[key];
      delete raw[key];
    }
    this.ignoredProjectKeys = ignored;
  }

  /**
   * A FIFO, device or oversized file is recorded as the layer's load error, as npm records an
   * unreadable file, without opening it; true when it was refused.
   */
  private refuseSpecialFile(where: 'builtin' | 'project' | 'user' | 'global', file: string): boolean {
    // A stat never opens the file (a FIFO cannot block it); synchronous, because four thread-pool
    // round trips per refresh cost 0.5 ms measured, and the walk above is already cached.
    const problem = unreadableFileProblemSync(file, MAX_NPMRC_BYTES);
    if (!problem) return false;
    const layer = this.data.get(where)! as { source: string | null; loadError?: NodeJS.ErrnoException };
    layer.source = file;
    this.sources.set(file, where);
    layer.loadError = problem;
    return true;
  }

  /** A layer's values during load (prototype-chained to the layers below it); `get` works only after load. */
  private layerData(where: 'cli'): Record<string, unknown> {
    return this.data.get(where)!.data;
  }

  override async loadLocalPrefix(): Promise<void> {
    if (this.localPrefixLoaded) return;
    this.localPrefixLoaded = true;
    const cli = this.data.get('cli')!.data; // prototype-chained: `global` and `location` from any layer
    const key = [this.cwd, cli.prefix, cli.workspaces, cli.global, cli.location].map(String).join('\0');
    const fingerprint = await walkFingerprint(this.cwd);
    const cached = localPrefixes.get(key);
    if (cached && cached.fingerprint === fingerprint) {
      localPrefixes.delete(key);
      localPrefixes.set(key, cached); // most recently used last
      this.localPrefix = cached.localPrefix;
      this.localPackage = cached.localPackage;
      if (cached.workspace) (this.data.get('default')!.data as Record<string, unknown>).workspace = [...cached.workspace];
      return;
    }
    await super.loadLocalPrefix();
    const workspace = Object.hasOwn(this.data.get('default')!.data, 'workspace') ? (this.data.get('default')!.data.workspace as string[]) : undefined;
    localPrefixes.set(key, { fingerprint, localPrefix: this.localPrefix, localPackage: this.localPackage, workspace: workspace && [...workspace] });
    while (localPrefixes.size > LOCAL_PREFIX_ENTRIES) localPrefixes.delete(localPrefixes.keys().next().value!);
  }
}

const LOCAL_PREFIX_ENTRIES = 256;
const localPrefixes = new Map<string, { fingerprint: string; localPrefix: string; localPackage?: boolean; workspace?: string[] }>();

/** The package.json files and node_modules folders from `folder` up to the root, as npm's walk sees them. */
async function walkFingerprint(folder: string): Promise<string> {
  const dirs: string[] = [];
  for (let dir = path.resolve(folder); ; dir = path.dirname(dir)) {
    dirs.push(dir);
    if (path.dirname(dir) === dir) break;
  }
  const describe = async (file: string) => {
    try {
      const s = await stat(file, { bigint: true });
      return `${s.isDirectory() ? 'd' : 'f'}${s.ino}:${s.size}:${s.mtimeNs}`;
    } catch {
      return '-';
    }
  };
  const parts = await Promise.all(dirs.flatMap((dir) => [describe(path.join(dir, 'package.json')), describe(path.join(dir, 'node_modules'))]));
  return parts.join('|');
}
