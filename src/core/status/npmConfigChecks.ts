// What npmConfig does besides npm's own resolution: registers every secret the loaded config holds
// (so they are redacted by value wherever they might appear), and turns files npm cannot read into
// named config problems instead of a silent "not logged in" or a raw EISDIR/EACCES.
// Problems are built from parts we control (key names, config file paths, line numbers), never by
// echoing a config value: a value may be a pasted secret.
import type Config from '@npmcli/config';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { MAX_CERTIFICATE_BYTES, unreadableFileProblemSync } from './configFiles';
import { registerConfigEntry, registerSecret } from '../base/secrets';

type Env = Readonly<Record<string, string | undefined>>;
export const FILE_LAYERS = ['builtin', 'global', 'user', 'project'] as const;
export type FileLayer = (typeof FILE_LAYERS)[number];

/** Registers the secrets of every config layer (values as read and as expanded) and of publishConfig. */
export function registerNpmConfigSecrets(config: Config, publishConfig: Record<string, unknown>): void {
  for (const layer of config.data.values()) {
    for (const entries of [layer.raw ?? {}, layer.data ?? {}]) {
      for (const [key, value] of Object.entries(entries)) registerConfigEntry(key, value);
    }
  }
  for (const [key, value] of Object.entries(publishConfig)) registerConfigEntry(key, value);
}

/** Registers what npm-registry-fetch would send: the token, or `_auth` / the username:password pair. */
export function registerAttachedSecrets(auth: { token?: string | null; auth?: string | null }): void {
  registerSecret(auth.token);
  if (auth.auth) registerConfigEntry('_auth', auth.auth);
}

export interface UnreadableFile {
  layer: FileLayer;
  file: string;
  /** Secret-free, e.g. `~/.npmrc cannot be read (permission denied)`. */
  problem: string;
}

/**
 * Config files that exist but could not be read. npm skips them without a word (a verbose log
 * line), so whatever they hold — a credential, a registry — is unknown rather than absent.
 */
export function unreadableConfigFiles(config: Config, env: Env): UnreadableFile[] {
  const found: UnreadableFile[] = [];
  for (const layer of FILE_LAYERS) {
    const data = config.data.get(layer);
    const error = data?.loadError;
    if (!data?.source || !error || isAbsent(error)) continue;
    found.push({ layer, file: data.source, problem: `${displayPath(data.source, env)} cannot be read (${readableReason(error)}).` });
  }
  return found;
}

/**
 * `cafile` (any layer or publishConfig) naming a file npm cannot read: npm's config flattening
 * throws EISDIR/EACCES on every command. Reported, and removed from our loaded copy so that the rest
 * of the status can still be worked out.
 */
export function dropUnreadableCafile(config: Config, publishConfig: Record<string, unknown>, env: Env): string[] {
  const problems: string[] = [];
  const where = config.find('cafile');
  const value = config.get('cafile');
  if (where && typeof value === 'string' && value) {
    const error = readError(value);
    if (error) {
      problems.push(`\`cafile\` in ${describeLayer(config, where, env)} names a file that cannot be read (${readableReason(error)}): npm stops with ${error.code ?? 'an error'} on every command.`);
      config.delete('cafile', where);
    }
  }
  if (typeof publishConfig.cafile === 'string' && publishConfig.cafile) {
    const error = readError(publishConfig.cafile);
    if (error) {
      problems.push(`\`publishConfig.cafile\` in package.json names a file that cannot be read (${readableReason(error)}): npm publish stops with ${error.code ?? 'an error'}.`);
      delete publishConfig.cafile;
    }
  }
  return problems;
}

/**
 * `//host/:certfile` / `:keyfile` naming a file npm cannot read: npm-registry-fetch throws when it
 * looks up the credential. Reported, and removed from the options so requests can still be made.
 */
export function dropUnreadableClientCertificates(options: Record<string, unknown>, config: Config, env: Env): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(options)) {
    const value = options[key];
    if (!/:(certfile|keyfile)$/.test(key) || typeof value !== 'string' || !value) continue;
    const error = readError(value);
    if (!error) continue;
    const where = config.find(key);
    problems.push(
      `\`${key}\`${where ? ` in ${describeLayer(config, where, env)}` : ''} names a file that cannot be read (${readableReason(error)}): ` +
        `npm stops with ${error.code ?? 'an error'} before sending a request to that registry.`,
    );
    delete options[key];
  }
  return problems;
}

/** The 1-based line of `file` on which the raw key `key` stands (its last, effective one), if it can be found. */
export function lineOf(file: string, key: string): number | undefined {
  try {
    // The last one: npm uses the last of duplicate keys.
    const lines = readFileSync(file, 'utf8').split(/\r?\n/);
    const index = lines.map((line) => line.trim().startsWith(key.trim())).lastIndexOf(true);
    return index >= 0 ? index + 1 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a key can be named in a message: one word of the characters config keys are made of.
 * A line without `=` becomes a key holding the whole line (a pasted `//host/:_authToken npm_…`),
 * which must be described by its line number instead.
 */
export function isNameableKey(key: string): boolean {
  return key.length <= 200 && /^[\w@.\-/:${}?~]+$/.test(key);
}

export function describeLayer(config: Config, layer: string, env: Env): string {
  if (layer === 'env') return 'the environment';
  const file = config.data.get(layer as FileLayer)?.source;
  return file && (FILE_LAYERS as readonly string[]).includes(layer) ? `${layer} config ${displayPath(file, env)}` : `${layer} config`;
}

/** A path as people write it: the home folder as `~`. */
export function displayPath(file: string, env: Env): string {
  const home = env.HOME ?? env.USERPROFILE;
  if (home && (file === home || file.startsWith(home.endsWith(path.sep) ? home : home + path.sep))) {
    return `~${file.slice(home.replace(/[\\/]$/, '').length)}`;
  }
  return file;
}

/** ENOENT: no file. ENOTDIR: a parent is a file (e.g. the builtin layer under /dev/null): no file either. */
function isAbsent(error: NodeJS.ErrnoException): boolean {
  return error.code === 'ENOENT' || error.code === 'ENOTDIR';
}

function readError(file: string): NodeJS.ErrnoException | undefined {
  // npm reads these synchronously: a FIFO here would block the whole extension host.
  const special = unreadableFileProblemSync(file, MAX_CERTIFICATE_BYTES);
  if (special) return special;
  try {
    readFileSync(file);
    return undefined;
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    return err.code === 'ENOENT' ? undefined : err; // npm ignores a missing cafile/certfile too
  }
}

function readableReason(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'it is a folder, not a file';
    case 'ELOOP': return 'a symbolic link loop';
    case 'ENOTREGULAR':
    case 'EFBIG': return error.message;
    default: return error.code ?? 'unknown error';
  }
}
