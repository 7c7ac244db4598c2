// Writing config files where people keep them: missing folders, symlinks (dangling too), FIFOs and
// devices refused unopened, read-only kept, the in-place fallback where a rename cannot work, the
// owner kept, and a concurrent writer's change kept. CI runs as root, which ignores write bits and may
// always rename: the read-only rule is by mode bits, and rename failures come through the fs seam.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { authTokenKey, setNpmrcValue } from '../../../../src/core/account/npmrcEdit';
import { editNpmrc, isNpmrcFileError, isUnwritableTokenError, readNpmrc, writeNpmrcAtomically, writeToken } from '../../../../src/core/account/npmrcFile';
import { failing } from '../../fakes/npmrcFs';

const KEY = authTokenKey('//registry.example/');
const NEW = 'npm_NEWTOKENnewtoken0123456789abcdefghij';
const setToken = (text: string) => setNpmrcValue(text, KEY, NEW);
const mode = (file: string) => fs.statSync(file).mode & 0o777;

const isTemporary = (file: string) => file.endsWith('.tmp');

/** Rejects with an NpmrcFileError of `kind` whose message names `file`. */
async function refused(promise: Promise<unknown>, kind: string, file: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isNpmrcFileError(error), String(error));
    assert.equal(error.problem.kind, kind);
    assert.ok(error.message.includes(file), error.message);
    return true;
  });
}

describe('npmrc files', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'npmrc-file-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('the atomic write', () => {
    it('creates the file 0600 and leaves no temporary file', async () => {
      const file = path.join(dir, '.npmrc');
      assert.equal(await editNpmrc(file, setToken), true);
      assert.equal(fs.readFileSync(file, 'utf8'), `${KEY}=${NEW}\n`);
      assert.equal(mode(file), 0o600);
      assert.deepEqual(fs.readdirSync(dir), ['.npmrc']);
    });

    it('an existing 0644 file becomes 0600; CRLF kept; no edit writes nothing', async () => {
      const file = path.join(dir, '.npmrc');
      fs.writeFileSync(file, 'color=false\r\n');
      fs.chmodSync(file, 0o644);
      await editNpmrc(file, setToken);
      assert.equal(fs.readFileSync(file, 'utf8'), `color=false\r\n${KEY}=${NEW}\r\n`);
      assert.equal(mode(file), 0o600);
      const before = fs.statSync(file).mtimeMs;
      assert.equal(await editNpmrc(file, (text) => text), false);
      assert.equal(fs.statSync(file).mtimeMs, before);
    });

    it('a missing folder is created (0700, several levels)', async () => {
      const file = path.join(dir, 'home', 'me', '.npmrc');
      await writeNpmrcAtomically(file, 'x=1\n');
      assert.equal(fs.readFileSync(file, 'utf8'), 'x=1\n');
      assert.equal(mode(path.join(dir, 'home', 'me')), 0o700);
      assert.equal(mode(path.join(dir, 'home')), 0o700);
    });

    it('a failed rename leaves the old file and no temporary file', async () => {
      const file = path.join(dir, '.npmrc');
      fs.writeFileSync(file, 'x=1\n');
      await assert.rejects(writeNpmrcAtomically(file, 'x=2\n', { fs: failing('rename', 'EIO') }), /EIO/);
      assert.equal(fs.readFileSync(file, 'utf8'), 'x=1\n');
      assert.deepEqual(fs.readdirSync(dir), ['.npmrc']);
    });
  });

  describe('symlinks', () => {
    it('a symlinked .npmrc stays a symlink; its target is written', async () => {
      const target = path.join(dir, 'dotfiles-npmrc');
      const link = path.join(dir, '.npmrc');
      fs.writeFileSync(target, 'x=1\n', { mode: 0o600 });
      fs.symlinkSync(target, link);
      await writeNpmrcAtomically(link, 'x=2\n');
      assert.ok(fs.lstatSync(link).isSymbolicLink());
      assert.equal(fs.readFileSync(target, 'utf8'), 'x=2\n');
    });

    it('a dangling symlink (relative, into a missing folder): its target is created and the link still points there', async () => {
      const link = path.join(dir, '.npmrc');
      fs.symlinkSync(path.join('dotfiles', 'npm', 'npmrc'), link);
      assert.equal(await editNpmrc(link, setToken), true);
      assert.ok(fs.lstatSync(link).isSymbolicLink());
      assert.equal(fs.readlinkSync(link), path.join('dotfiles', 'npm', 'npmrc'));
      assert.equal(fs.readFileSync(path.join(dir, 'dotfiles', 'npm', 'npmrc'), 'utf8'), `${KEY}=${NEW}\n`);
    });

    it('a chain of links is followed to the end', async () => {
      fs.writeFileSync(path.join(dir, 'real'), 'x=1\n');
      fs.symlinkSync('real', path.join(dir, 'middle'));
      fs.symlinkSync('middle', path.join(dir, '.npmrc'));
      await editNpmrc(path.join(dir, '.npmrc'), setToken);
      assert.equal(fs.readFileSync(path.join(dir, 'real'), 'utf8'), `x=1\n${KEY}=${NEW}\n`);
      assert.ok(fs.lstatSync(path.join(dir, 'middle')).isSymbolicLink());
    });

    it('a symlink loop is refused', async () => {
      fs.symlinkSync('b', path.join(dir, 'a'));
      fs.symlinkSync('a', path.join(dir, 'b'));
      await refused(editNpmrc(path.join(dir, 'a'), setToken), 'symlink-loop', path.join(dir, 'a'));
    });
  });

  describe('what is not a regular file is refused, never opened', () => {
    it('a FIFO (opening it would block): refused at once by edit, write and read', async function () {
      if (process.platform === 'win32') this.skip();
      const fifo = path.join(dir, '.npmrc');
      execFileSync('mkfifo', [fifo]);
      await refused(editNpmrc(fifo, setToken), 'special-file', fifo);
      await refused(writeNpmrcAtomically(fifo, 'x=1\n'), 'special-file', fifo);
      await refused(readNpmrc(fifo), 'special-file', fifo);
      assert.ok(fs.lstatSync(fifo).isFIFO(), 'still the FIFO');
      assert.deepEqual(fs.readdirSync(dir), ['.npmrc']);
    });

    it('a symlink to a FIFO: refused, naming the link and its target', async function () {
      if (process.platform === 'win32') this.skip();
      const fifo = path.join(dir, 'pipe');
      execFileSync('mkfifo', [fifo]);
      fs.symlinkSync(fifo, path.join(dir, '.npmrc'));
      await assert.rejects(editNpmrc(path.join(dir, '.npmrc'), setToken), (error: Error) => error.message.includes(path.join(dir, '.npmrc')) && error.message.includes(fifo));
    });

    it('a character device (/dev/null, also behind a symlink)', async function () {
      if (!fs.existsSync('/dev/null')) this.skip();
      await refused(editNpmrc('/dev/null', setToken), 'special-file', '/dev/null');
      const link = path.join(dir, '.npmrc');
      fs.symlinkSync('/dev/null', link);
      await assert.rejects(writeToken(link, KEY, NEW), (error: unknown) => isNpmrcFileError(error) && error.problem.kind === 'special-file' && error.problem.what === 'character-device');
      assert.ok(fs.lstatSync(link).isSymbolicLink());
    });

    it('a socket', async function () {
      if (process.platform === 'win32') this.skip();
      const socket = path.join(dir, '.npmrc');
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(socket, resolve));
      try {
        await assert.rejects(editNpmrc(socket, setToken), (error: unknown) => isNpmrcFileError(error) && error.problem.kind === 'special-file' && error.problem.what === 'socket');
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    });

    it('a folder', async () => {
      const folder = path.join(dir, '.npmrc');
      fs.mkdirSync(folder);
      await assert.rejects(editNpmrc(folder, setToken), (error: unknown) => isNpmrcFileError(error) && error.problem.kind === 'special-file' && error.problem.what === 'folder');
    });
  });

  it('a read-only file (no owner write bit) stays read-only and unchanged, even for root', async () => {
    const file = path.join(dir, '.npmrc');
    fs.writeFileSync(file, 'x=1\n');
    fs.chmodSync(file, 0o400);
    await refused(editNpmrc(file, setToken), 'read-only', file);
    await refused(writeNpmrcAtomically(file, 'x=2\n'), 'read-only', file);
    await assert.rejects(editNpmrc(file, setToken), /is read-only; make it writable/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'x=1\n');
    assert.equal(mode(file), 0o400);
    assert.equal(await editNpmrc(file, (text) => text), false, 'reading it is fine');
  });

  describe('in place where a rename cannot work', () => {
    for (const code of ['EXDEV', 'EBUSY', 'EPERM', 'EACCES']) {
      it(`rename fails with ${code} (a bind-mounted file): written in place, same inode, 0600, no temporary file`, async () => {
        const file = path.join(dir, '.npmrc');
        fs.writeFileSync(file, 'color=false\nold-and-longer-than-the-new-text=1\n');
        fs.chmodSync(file, 0o644);
        const inode = fs.statSync(file).ino;
        await writeNpmrcAtomically(file, `${KEY}=${NEW}\n`, { fs: failing('rename', code) });
        assert.equal(fs.readFileSync(file, 'utf8'), `${KEY}=${NEW}\n`, 'the old tail is cut');
        assert.equal(fs.statSync(file).ino, inode);
        assert.equal(mode(file), 0o600);
        assert.deepEqual(fs.readdirSync(dir), ['.npmrc']);
      });
    }

    it('a folder where no temporary file may be created (EACCES) but the file is writable: written in place', async () => {
      const file = path.join(dir, '.npmrc');
      fs.writeFileSync(file, 'x=1\n', { mode: 0o600 });
      assert.equal(await editNpmrc(file, setToken, { fs: failing('open', 'EACCES', isTemporary) }), true);
      assert.equal(fs.readFileSync(file, 'utf8'), `x=1\n${KEY}=${NEW}\n`);
      assert.deepEqual(fs.readdirSync(dir), ['.npmrc']);
    });

    it('no file yet and no temporary file possible: the error, nothing written', async () => {
      const file = path.join(dir, '.npmrc');
      await assert.rejects(editNpmrc(file, setToken, { fs: failing('open', 'EACCES', isTemporary) }), /EACCES/);
      assert.deepEqual(fs.readdirSync(dir), []);
    });
  });

  it('root editing another user\'s file: the owner and group stay', async function () {
    if (process.getuid?.() !== 0) this.skip();
    const file = path.join(dir, '.npmrc');
    fs.writeFileSync(file, 'x=1\n', { mode: 0o600 });
    fs.chownSync(file, 4321, 4322);
    await editNpmrc(file, setToken);
    const stat = fs.statSync(file);
    assert.deepEqual([stat.uid, stat.gid, stat.mode & 0o777], [4321, 4322, 0o600]);
    assert.equal(fs.readFileSync(file, 'utf8'), `x=1\n${KEY}=${NEW}\n`);
  });

  describe('another writer at the same time', () => {
    /** An edit whose first run is interrupted by `npm config set color false` writing the file. */
    function racedEdit(file: string): { edit: (text: string) => string; seen: string[] } {
      const seen: string[] = [];
      return {
        seen,
        edit: (text) => {
          seen.push(text);
          if (seen.length === 1) fs.writeFileSync(file, `${text}color=false\n`);
          return setToken(text);
        },
      };
    }

    it('its change is kept: the edit is applied again to what it wrote', async () => {
      const file = path.join(dir, '.npmrc');
      fs.writeFileSync(file, 'x=1\n', { mode: 0o600 });
      const { edit, seen } = racedEdit(file);
      assert.equal(await editNpmrc(file, edit), true);
      assert.deepEqual(seen, ['x=1\n', 'x=1\ncolor=false\n']);
      assert.equal(fs.readFileSync(file, 'utf8'), `x=1\ncolor=false\n${KEY}=${NEW}\n`);
      assert.deepEqual(fs.readdirSync(dir), ['.npmrc']);
    });

    it('also when the file did not exist yet', async () => {
      const file = path.join(dir, '.npmrc');
      const { edit } = racedEdit(file);
      await editNpmrc(file, edit);
      assert.equal(fs.readFileSync(file, 'utf8'), `color=false\n${KEY}=${NEW}\n`);
    });

    it('also on the in-place path', async () => {
      const file = path.join(dir, '.npmrc');
      fs.writeFileSync(file, 'x=1\n', { mode: 0o600 });
      const { edit, seen } = racedEdit(file);
      await editNpmrc(file, edit, { fs: failing('open', 'EACCES', isTemporary) });
      assert.equal(seen.length, 2);
      assert.equal(fs.readFileSync(file, 'utf8'), `x=1\ncolor=false\n${KEY}=${NEW}\n`);
    });

    it('a file that keeps changing: given up after a few tries, the other writer\'s text kept', async () => {
      const file = path.join(dir, '.npmrc');
      fs.writeFileSync(file, 'n=0\n');
      let runs = 0;
      const edit = (text: string) => (fs.writeFileSync(file, `n=${++runs}\n`), setToken(text));
      await refused(editNpmrc(file, edit), 'kept-changing', file);
      assert.equal(runs, 5);
      assert.equal(fs.readFileSync(file, 'utf8'), 'n=5\n');
    });
  });

  describe('writeToken', () => {
    it('writes a token in npm\'s alphabet', async () => {
      const file = path.join(dir, '.npmrc');
      assert.equal(await writeToken(file, KEY, NEW), true);
      assert.equal(fs.readFileSync(file, 'utf8'), `${KEY}=${NEW}\n`);
    });

    for (const hostile of ['$(touch PWNED)', `${NEW}\nregistry=https://evil.test/`, '`id`', '']) {
      it(`refuses ${JSON.stringify(hostile)} before anything is written`, async () => {
        const file = path.join(dir, 'missing', '.npmrc');
        await assert.rejects(writeToken(file, KEY, hostile), (error: Error) => isUnwritableTokenError(error) && (hostile === '' || !error.message.includes(hostile)));
        assert.deepEqual(fs.readdirSync(dir), [], 'not even the folder');
      });
    }
  });
});
