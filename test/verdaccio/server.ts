// A real Verdaccio 6.8.0 for the private-registry tests, installed on first use by
// scripts/install-verdaccio.sh and started here on a free loopback port with a config of its own:
// htpasswd accounts, no uplinks (offline), every package publishable by a logged-in user.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

export interface Verdaccio {
  /** `http://127.0.0.1:PORT/`. */
  url: string;
  /** Creates an account as `npm adduser` does (couch PUT) and returns its token. */
  addUser(name: string, password: string): Promise<string>;
  /** Stops the server (a registry that is down); `start` brings it back on the same port and storage. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

function installDir(): string {
  const out = execFileSync('bash', [path.join(repoRoot, 'scripts', 'install-verdaccio.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return out.trim().split('\n').at(-1)!;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when Verdaccio says it listens (its "http address" line), rejects when it exits first. */
function listening(child: ChildProcess, output: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (output().includes('http address')) {
        child.stdout!.off('data', check);
        child.stderr!.off('data', check);
        child.off('exit', exited);
        resolve();
      }
    };
    const exited = (code: number | null) => reject(new Error(`Verdaccio exited (${code}): ${output().slice(-2000)}`));
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.once('exit', exited);
  });
}

export async function startVerdaccio(): Promise<Verdaccio> {
  const install = installDir();
  const dir = mkdtempSync(path.join(tmpdir(), 'npa-verdaccio-'));
  writeFileSync(path.join(dir, 'htpasswd'), '');
  writeFileSync(path.join(dir, 'config.yaml'), [
    'storage: ./storage',
    'auth:',
    '  htpasswd:',
    '    file: ./htpasswd',
    '    max_users: 100',
    'uplinks: {}',
    'packages:',
    "  '**':",
    '    access: $all',
    '    publish: $authenticated',
    '    unpublish: $authenticated',
    'log: { type: stdout, format: json, level: warn }',
    '',
  ].join('\n'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  let child: ChildProcess | undefined;
  let output = '';

  const start = async () => {
    output = '';
    child = spawn(process.execPath, [path.join(install, 'node_modules', 'verdaccio', 'bin', 'verdaccio'), '--config', path.join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`], {
      cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH, HOME: dir },
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await listening(child, () => output);
    const ping = await fetch(`${url}-/ping`);
    if (!ping.ok) throw new Error(`Verdaccio answers /-/ping with ${ping.status}`);
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    await exited;
  };
  await start();

  return {
    url,
    async addUser(name, password) {
      const res = await fetch(`${url}-/user/org.couchdb.user:${encodeURIComponent(name)}`, {
        method: 'PUT', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ _id: `org.couchdb.user:${name}`, name, password, type: 'user', roles: [], date: new Date().toISOString() }),
      });
      const body = (await res.json()) as { token?: string; error?: string };
      if (!res.ok || !body.token) throw new Error(`Verdaccio did not add ${name}: ${res.status} ${body.error ?? ''}`);
      return body.token;
    },
    stop,
    start,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
