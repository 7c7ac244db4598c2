import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { locateNpm } from '../../../../src/core/status/npmInstallation';
import { npmRunner } from '../../../../src/core/publish/npmProcess';

// Installations laid out as npm's installers lay them out, in a temporary folder.

describe('locateNpm', () => {
  let root: string;
  beforeEach(() => { root = mkdtempSync(path.join(os.tmpdir(), 'npa-npm-install-')); });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const file = (relative: string, text = '') => {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), text);
  };

  /** POSIX: <prefix>/bin/npm → ../lib/node_modules/npm/bin/npm-cli.js, <prefix>/bin/node. */
  function posixInstall(builtinNpmrc?: string): string {
    file('usr/lib/node_modules/npm/bin/npm-cli.js');
    if (builtinNpmrc !== undefined) file('usr/lib/node_modules/npm/npmrc', builtinNpmrc);
    file('usr/bin/node');
    symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', path.join(root, 'usr/bin/npm'));
    return path.join(root, 'usr/bin');
  }

  /** Windows: node.exe, npm.cmd and node_modules\npm side by side; the installer's builtin npmrc sets the prefix. */
  function windowsInstall(): string {
    file('nodejs/node.exe');
    file('nodejs/npm.cmd');
    file('nodejs/node_modules/npm/npmrc', 'prefix=${APPDATA}/npm\r\n');
    return path.join(root, 'nodejs');
  }

  it('POSIX: the prefix is the folder above node\'s bin/', async () => {
    const bin = posixInstall();
    assert.deepEqual(await locateNpm({ PATH: `${path.join(root, 'empty')}${path.delimiter}${bin}` }, 'linux'), {
      npmBin: path.join(bin, 'npm'),
      npmPath: path.join(root, 'usr/lib/node_modules/npm'),
      globalconfig: path.join(root, 'usr/etc/npmrc'),
    });
  });

  it('a prefix set in the environment wins over the builtin config and node\'s location', async () => {
    const bin = posixInstall('prefix=/opt/builtin\n');
    const found = await locateNpm({ PATH: bin, npm_config_prefix: path.join(root, 'custom') }, 'linux');
    assert.equal(found.globalconfig, path.join(root, 'custom/etc/npmrc'));
  });

  it('a distribution\'s builtin npmrc may set globalconfig itself', async () => {
    const bin = posixInstall('; set by the distribution\nglobalconfig = "/etc/npmrc"\n');
    assert.equal((await locateNpm({ PATH: bin }, 'linux')).globalconfig, '/etc/npmrc');
  });

  it('Windows: npm.cmd beside node_modules\\npm, and the prefix from the builtin ${APPDATA}', async () => {
    const bin = windowsInstall();
    const appData = path.join(root, 'AppData/Roaming');
    assert.deepEqual(await locateNpm({ Path: bin, APPDATA: appData }, 'win32'), {
      npmBin: path.join(bin, 'npm.cmd'),
      npmPath: path.join(bin, 'node_modules/npm'),
      globalconfig: path.join(appData, 'npm/etc/npmrc'),
    });
  });

  it('Windows without APPDATA: the unexpanded builtin prefix is ignored, node\'s folder is the prefix', async () => {
    const bin = windowsInstall();
    assert.equal((await locateNpm({ Path: bin }, 'win32')).globalconfig, path.join(bin, 'etc/npmrc'));
  });

  /** A script that prints the name it was called by and its arguments, as a multi-call shim sees them. */
  function script(relative: string, body = 'echo "$(basename "$0") $*"'): void {
    file(relative, `#!/bin/sh\n${body}\n`);
    chmodSync(path.join(root, relative), 0o755);
  }
  const runThrough = async (npmBin: string) => (await npmRunner(npmBin, { PATH: process.env.PATH }, 'linux')(['whoami'], { cwd: root })).stdout.trim();

  // Volta: ~/.volta/bin/{npm,node} → volta-shim, which runs the tool named by argv[0].
  it('Volta shim: npm runs under the name on PATH (the shim sees "npm"); no builtin layer behind a shim', async () => {
    script('volta/shim/volta-shim');
    mkdirSync(path.join(root, 'volta/bin'));
    symlinkSync('../shim/volta-shim', path.join(root, 'volta/bin/npm'));
    symlinkSync('../shim/volta-shim', path.join(root, 'volta/bin/node'));
    const found = await locateNpm({ PATH: path.join(root, 'volta/bin') }, 'linux');
    assert.equal(found.npmBin, path.join(root, 'volta/bin/npm'));
    assert.equal(found.npmPath, undefined);
    assert.equal(await runThrough(found.npmBin!), 'npm --color=false --no-progress whoami');
  });

  // mise: <data>/shims/npm → the mise binary itself.
  it('mise shim: npm → mise runs as "npm"', async () => {
    script('usr/local/bin/mise');
    mkdirSync(path.join(root, 'mise/shims'), { recursive: true });
    symlinkSync(path.join(root, 'usr/local/bin/mise'), path.join(root, 'mise/shims/npm'));
    const found = await locateNpm({ PATH: path.join(root, 'mise/shims') }, 'linux');
    assert.deepEqual([found.npmBin, found.npmPath], [path.join(root, 'mise/shims/npm'), undefined]);
    assert.equal(await runThrough(found.npmBin!), 'npm --color=false --no-progress whoami');
  });

  it('the real npm through its bin/ symlink: it runs, and its package folder (builtin layer) is still found', async () => {
    const bin = posixInstall('prefix=/opt/builtin\n');
    script('usr/lib/node_modules/npm/bin/npm-cli.js', 'echo "real npm $*"');
    const found = await locateNpm({ PATH: bin }, 'linux');
    assert.deepEqual([found.npmBin, found.npmPath, found.globalconfig], [path.join(bin, 'npm'), path.join(root, 'usr/lib/node_modules/npm'), '/opt/builtin/etc/npmrc']);
    assert.equal(await runThrough(found.npmBin!), 'real npm --color=false --no-progress whoami');
  });

  it('a dangling npm symlink is skipped for the next folder on PATH', async () => {
    const bin = posixInstall();
    mkdirSync(path.join(root, 'broken'));
    symlinkSync('../nowhere/npm-cli.js', path.join(root, 'broken/npm'));
    assert.equal((await locateNpm({ PATH: `${path.join(root, 'broken')}${path.delimiter}${bin}` }, 'linux')).npmBin, path.join(bin, 'npm'));
  });

  it('no npm on PATH: nothing to report', async () => {
    assert.deepEqual(await locateNpm({ PATH: path.join(root, 'nothing') }, 'linux'), { npmBin: undefined, npmPath: undefined, globalconfig: undefined });
  });
});

describe('locateNpm against the npm on this machine', () => {
  it('finds the global config file npm itself reports (`npm config get globalconfig`)', async () => {
    const env = { ...process.env };
    for (const key of Object.keys(env)) if (/^npm_config_(globalconfig|prefix)$/i.test(key)) delete env[key];
    const reported = await new Promise<string>((resolve, reject) =>
      execFile('npm', ['config', 'get', 'globalconfig'], { env, cwd: os.tmpdir() }, (error, stdout) => (error ? reject(error) : resolve(stdout.trim()))));
    assert.equal((await locateNpm(env)).globalconfig, reported);
  });
});
