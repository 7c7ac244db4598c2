// Files a repository may have written are checked before they are read: a FIFO blocks the reader
// (one libuv thread per refresh, until every extension in the host stalls), a device such as
// /dev/zero never ends, and a multi-megabyte file is no npm config. Such a file becomes a named
// problem instead of a hung refresh or hundreds of megabytes of memory.
import { statSync, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';

/** An npmrc larger than this is refused (real ones are a few hundred bytes). */
export const MAX_NPMRC_BYTES = 1024 * 1024;
/** package.json files of real packages stay far below this. */
export const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;
/** CA bundles (cafile) and client certificates: the system bundle is about 200 KB. */
export const MAX_CERTIFICATE_BYTES = 4 * 1024 * 1024;

/** Why `file` must not be read (following symlinks), or undefined for a regular file within `maxBytes` — or no file. */
export async function unreadableFileProblem(file: string, maxBytes: number): Promise<NodeJS.ErrnoException | undefined> {
  let stats: Stats;
  try {
    stats = await stat(file);
  } catch {
    return undefined; // missing or not statable: the read itself reports it as before
  }
  return problemOf(stats, maxBytes);
}

/** The same check, synchronous, for the places npm's libraries read synchronously (cafile, certfile). */
export function unreadableFileProblemSync(file: string, maxBytes: number): NodeJS.ErrnoException | undefined {
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch {
    return undefined;
  }
  return problemOf(stats, maxBytes);
}

export type SpecialFileKind = 'folder' | 'fifo' | 'character-device' | 'block-device' | 'socket' | 'other';

/** What a file that is not a regular one is (following symlinks, as `stat` does); undefined for a regular file. */
export function specialFileKind(stats: Stats): SpecialFileKind | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'folder';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isCharacterDevice()) return 'character-device';
  if (stats.isBlockDevice()) return 'block-device';
  if (stats.isSocket()) return 'socket';
  return 'other';
}

const KIND_WORDS: Record<Exclude<SpecialFileKind, 'folder'>, string> = {
  fifo: 'a named pipe (FIFO)', socket: 'a socket', 'character-device': 'a device', 'block-device': 'a device', other: 'not a regular file',
};

function problemOf(stats: Stats, maxBytes: number): NodeJS.ErrnoException | undefined {
  const kind = specialFileKind(stats);
  if (kind === 'folder') return undefined; // reading it fails at once with EISDIR, as npm reports it
  if (kind) return Object.assign(new Error(`it is ${KIND_WORDS[kind]}, not a file`), { code: 'ENOTREGULAR' });
  if (stats.size > maxBytes) {
    return Object.assign(new Error(`it is larger than ${Math.round(maxBytes / 1024)} KB`), { code: 'EFBIG' });
  }
  return undefined;
}
