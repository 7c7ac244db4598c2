// Reading and writing an npm config file where people really keep it: a missing ~/.npmrc (and its
// folder), a dotfile-manager symlink (also one whose target does not exist yet), a file bind-mounted
// alone into a dev container (rename fails there), a file another user owns, a file npm changes at the
// same moment. What must never happen: a token lost because the write half-failed, a FIFO opened (the
// open blocks forever), or a read-only file made writable behind the person's back.
import { randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import * as path from 'node:path';
import { specialFileKind, type SpecialFileKind } from '../status/configFiles';
import { isWritableToken, setNpmrcValue } from './npmrcEdit';

/** The file-system calls made here: a seam for tests, since root (CI) can always create and rename. */
export type NpmrcFs = Pick<typeof nodeFs, 'lstat' | 'readlink' | 'realpath' | 'mkdir' | 'open' | 'rename' | 'rm'>;

export interface NpmrcWriteOptions {
  fs?: NpmrcFs;
}

export type NpmrcFileProblem =
  | { kind: 'special-file'; what: SpecialFileKind }
  | { kind: 'read-only' }
  | { kind: 'symlink-loop' }
  | { kind: 'kept-changing' };

/**
 * A config file that cannot be written as it is. `file` is the name the person knows; `where` adds the
 * symlink's target when there is one ("~/.npmrc (/dotfiles/npmrc)").
 */
export class NpmrcFileError extends Error {
  override name = 'NpmrcFileError';
  constructor(readonly problem: NpmrcFileProblem, readonly file: string, readonly where: string, message: string) {
    super(message);
  }
}

/** A token outside npm's token alphabet (isWritableToken); written nowhere. */
export class UnwritableTokenError extends Error {
  override name = 'UnwritableTokenError';
  constructor() {
    super('The registry sent a token with characters npm tokens never contain; it was not written to any file.');
  }
}

// By name, not instanceof: the extension is several bundles, each with its own copy of this module.
export const isNpmrcFileError = (error: unknown): error is NpmrcFileError => (error as Error | undefined)?.name === 'NpmrcFileError';
export const isUnwritableTokenError = (error: unknown): error is UnwritableTokenError => (error as Error | undefined)?.name === 'UnwritableTokenError';

/** Where a rename or a temporary file cannot work but writing the file itself may (bind mounts, other file systems). */
const IN_PLACE_CODES = new Set(['EBUSY', 'EXDEV', 'EPERM', 'EACCES']);
/** Re-reads when another writer changed the file between our read and our write. */
const MAX_EDIT_ATTEMPTS = 5;
const MAX_SYMLINKS = 40;
// Not on Windows; there 0 (no FIFOs to guard against, no symlink swap to refuse).
const NONBLOCK = constants.O_NONBLOCK ?? 0;
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;
const uid = () => process.getuid?.();
const gid = () => process.getgid?.();

interface Target {
  /** The real file after following symlinks (it may not exist yet). */
  path: string;
  /** undefined: nothing there yet. */
  stat: Stats | undefined;
}

const named = (file: string, target: string) => (path.resolve(file) === target ? file : `${file} (${target})`);

function refuseSpecial(file: string, target: string, stat: Stats): void {
  const what = specialFileKind(stat);
  if (what) throw new NpmrcFileError({ kind: 'special-file', what }, file, named(file, target), `${named(file, target)} is not a regular file (${what}); nothing was written to it.`);
}

/** By the mode bits, not by trying: root may write anyway, and a person who made it read-only meant it. */
function refuseReadOnly(file: string, target: Target): void {
  if (target.stat && (target.stat.mode & 0o200) === 0) {
    throw new NpmrcFileError({ kind: 'read-only' }, file, named(file, target.path), `${named(file, target.path)} is read-only; make it writable or point npm's userconfig at another file.`);
  }
}

/** Follows symlinks by hand, so a dangling one yields the path its target is to be created at. */
async function resolveTarget(file: string, fs: NpmrcFs): Promise<Target> {
  let current = path.resolve(file);
  for (let hops = 0; hops <= MAX_SYMLINKS; hops++) {
    let stat: Stats;
    try {
      stat = await fs.lstat(current);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return { path: current, stat: undefined };
      throw error;
    }
    if (!stat.isSymbolicLink()) {
      refuseSpecial(file, current, stat);
      return { path: current, stat };
    }
    // Relative link text is relative to the link's real folder, as the kernel reads it.
    const folder = await fs.realpath(path.dirname(current)).catch(() => path.dirname(current));
    current = path.resolve(folder, await fs.readlink(current));
  }
  throw new NpmrcFileError({ kind: 'symlink-loop' }, file, file, `${file} is a loop of symbolic links; nothing was written.`);
}

/** Opens the real file without blocking on a FIFO swapped in meanwhile, and checks again what it is. */
async function openRegular(fs: NpmrcFs, file: string, target: string, flags: number): Promise<nodeFs.FileHandle> {
  const handle = await fs.open(target, flags | NONBLOCK | NOFOLLOW);
  try {
    refuseSpecial(file, target, await handle.stat());
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

async function readTarget(fs: NpmrcFs, file: string, target: string): Promise<string> {
  let handle;
  try {
    handle = await openRegular(fs, file, target, constants.O_RDONLY);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return '';
    throw error;
  }
  try {
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

/** A config file's text; empty when it does not exist yet. Refuses (never opens) a FIFO or device. */
export async function readNpmrc(file: string, options: NpmrcWriteOptions = {}): Promise<string> {
  const fs = options.fs ?? nodeFs;
  const target = await resolveTarget(file, fs);
  return target.stat ? readTarget(fs, file, target.path) : '';
}

/**
 * Writes `text` into the target. With `expected`, the write happens only while the file still holds
 * that text (false otherwise: someone else wrote it meanwhile). The usual way: a temporary file in the
 * same folder (a rename is atomic only within one file system), 0600 from the first byte, flushed,
 * given the old owner when we are root, renamed over the target. Where that cannot work, in place.
 */
async function writeTarget(fs: NpmrcFs, file: string, target: Target, text: string, expected: string | undefined): Promise<boolean> {
  const existing = target.stat;
  if (!existing) await fs.mkdir(path.dirname(target.path), { recursive: true, mode: 0o700 });
  const root = uid() === 0;
  // A rename would hand another user's file to us; without root we cannot give it back, so write into it.
  if (existing && !root && uid() !== undefined && existing.uid !== uid()) return writeInPlace(fs, file, target.path, text, expected);
  const temporary = path.join(path.dirname(target.path), `.${path.basename(target.path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle;
  try {
    handle = await fs.open(temporary, 'wx', 0o600);
  } catch (error) {
    // A folder we may not create files in, holding a file we may write (a single-file bind mount).
    if (existing && IN_PLACE_CODES.has(errorCode(error) ?? '')) return writeInPlace(fs, file, target.path, text, expected);
    throw error;
  }
  let renamed = false;
  try {
    try {
      await handle.writeFile(text, 'utf8');
      await handle.chmod(0o600); // the umask may have narrowed it; never wider than 0600
      if (existing && root && (existing.uid !== uid() || existing.gid !== gid())) await handle.chown(existing.uid, existing.gid);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (expected !== undefined && (await readTarget(fs, file, target.path)) !== expected) return false;
    try {
      await fs.rename(temporary, target.path);
      renamed = true;
    } catch (error) {
      if (existing && IN_PLACE_CODES.has(errorCode(error) ?? '')) return await writeInPlace(fs, file, target.path, text, expected);
      throw error;
    }
    return true;
  } finally {
    if (!renamed) await fs.rm(temporary, { force: true });
  }
}

/** Rewrites the file itself (its inode, owner and links stay): for where a rename cannot replace it. */
async function writeInPlace(fs: NpmrcFs, file: string, target: string, text: string, expected: string | undefined): Promise<boolean> {
  const handle = await openRegular(fs, file, target, constants.O_RDWR);
  try {
    if (expected !== undefined && (await handle.readFile('utf8')) !== expected) return false;
    const stat = await handle.stat();
    // Narrowed before the token is in it, as the atomic path makes it 0600; only our own file (not another user's).
    if ((stat.mode & 0o077) !== 0 && stat.uid === uid()) await handle.chmod(0o600);
    const bytes = Buffer.from(text, 'utf8');
    // Over the old bytes, then cut: a crash midway leaves the new text and an old tail, not an empty file.
    await handle.write(bytes, 0, bytes.length, 0);
    await handle.truncate(bytes.length);
    await handle.sync();
    return true;
  } finally {
    await handle.close();
  }
}

/**
 * Writes a config file so that no reader sees half of it where the system allows (see writeTarget),
 * creating its folder (0700) and a dangling symlink's target; a symlinked .npmrc stays a symlink.
 * Refuses folders, FIFOs, devices and sockets (never opened) and a file without the owner's write bit.
 */
export async function writeNpmrcAtomically(file: string, text: string, options: NpmrcWriteOptions = {}): Promise<void> {
  const fs = options.fs ?? nodeFs;
  const target = await resolveTarget(file, fs);
  refuseReadOnly(file, target);
  await writeTarget(fs, file, target, text, undefined);
}

/**
 * Reads, edits and writes back one config file; false when the edit changed nothing (nothing written).
 * When another writer (`npm config set` in a terminal) changed the file between the read and the
 * write, the edit is applied again to what it wrote, so neither change is lost.
 */
export async function editNpmrc(file: string, edit: (text: string) => string, options: NpmrcWriteOptions = {}): Promise<boolean> {
  const fs = options.fs ?? nodeFs;
  for (let attempt = 1; attempt <= MAX_EDIT_ATTEMPTS; attempt++) {
    const target = await resolveTarget(file, fs);
    const before = target.stat ? await readTarget(fs, file, target.path) : '';
    const after = edit(before);
    if (after === before) return false;
    refuseReadOnly(file, target);
    if (await writeTarget(fs, file, target, after, before)) return true;
  }
  throw new NpmrcFileError({ kind: 'kept-changing' }, file, file, `${file} kept changing while it was being edited (another program writing it?); nothing was written.`);
}

/** Sets `key` (a `//host/:_authToken`) to a token from a registry, refusing one outside npm's token alphabet before anything is written. */
export async function writeToken(file: string, key: string, token: string, options: NpmrcWriteOptions = {}): Promise<boolean> {
  if (!isWritableToken(token)) throw new UnwritableTokenError();
  return editNpmrc(file, (text) => setNpmrcValue(text, key, token), options);
}
