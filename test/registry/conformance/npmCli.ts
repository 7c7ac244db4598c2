// Runs the real `npm` on PATH against the local registry: no TTY, a throwaway HOME, userconfig,
// globalconfig and cache, and an environment cleaned of the outer npm's configuration.
//
// Only npm 11.19.1 is available here. Known npm 12 differences that would show in these tests (doc §0, §1.3, §4.2):
// error messages end in `body.error || body.message || JSON.stringify(body)` (11: `body.error` only);
// `--packages-and-scopes-permission read-write-stage-only` exists only in 12; `npm adduser` is gone in 12;
// ENEEDAUTH says "npm login" instead of "npm adduser"; `npm profile` no longer prints freenode/twitter.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as assert from 'node:assert/strict';
import { startRegistry, type LocalRegistry } from '../server';

export interface NpmResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Variables that would leak the outer npm's config, or make npm believe it runs in CI (and try OIDC, doc §8.2). */
const DROPPED_ENV = /^(npm_|NPM_|INIT_CWD$|CI$|GITHUB_ACTIONS$|GITLAB_CI$|CIRCLECI$|ACTIONS_ID_TOKEN_REQUEST_|NODE_AUTH_TOKEN$)/i;

export class NpmWorkspace {
  readonly dir = mkdtempSync(join(tmpdir(), 'npm-conformance-'));
  readonly home = join(this.dir, 'home');
  readonly userconfig = join(this.dir, 'userconfig.npmrc');
  readonly globalconfig = join(this.dir, 'global.npmrc');
  readonly cache = join(this.dir, 'cache');

  constructor(readonly registry: Pick<LocalRegistry, 'url'>) {
    writeFileSync(this.globalconfig, '');
    this.writeNpmrc([]);
  }

  /** `//127.0.0.1:PORT/` — npm's nerf dart for the registry (doc §6.3). */
  get nerfDart(): string {
    return this.registry.url.replace(/^https?:/, '');
  }

  writeNpmrc(lines: string[]): void {
    writeFileSync(this.userconfig, lines.map((l) => l + '\n').join(''), { mode: 0o600 });
  }

  /** A userconfig holding just this token for the registry. */
  useToken(token: string | undefined): void {
    this.writeNpmrc(token ? [`${this.nerfDart}:_authToken=${token}`] : []);
  }

  readNpmrc(): string {
    return readFileSync(this.userconfig, 'utf8');
  }

  /** A minimal package to publish; returns its folder. */
  makePackage(name: string, version: string): string {
    const folder = mkdtempSync(join(this.dir, 'pkg-'));
    writeFileSync(join(folder, 'package.json'), JSON.stringify({ name, version, description: 'conformance test package', license: 'MIT' }, null, 2));
    writeFileSync(join(folder, 'index.js'), 'module.exports = 42;\n');
    return folder;
  }

  run(args: string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<NpmResult> {
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) if (!DROPPED_ENV.test(key)) env[key] = value;
    env.HOME = this.home;
    env.NO_COLOR = '1';
    const fullArgs = [
      ...args,
      `--registry=${this.registry.url}`,
      `--userconfig=${this.userconfig}`,
      `--globalconfig=${this.globalconfig}`,
      `--cache=${this.cache}`,
      '--no-update-notifier',
      '--no-audit',
      '--no-fund',
      '--color=false',
    ];
    return new Promise((resolve, reject) => {
      const child = spawn('npm', fullArgs, { cwd: options.cwd ?? this.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`npm ${args.join(' ')} timed out\nstdout: ${stdout}\nstderr: ${stderr}`));
      }, options.timeoutMs ?? 30_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** npm's `--json` error object (printed on stdout, doc §7.3). */
export function jsonError(result: NpmResult): { code: string; summary: string; detail: string; authUrl?: string; doneUrl?: string } {
  const parsed = JSON.parse(result.stdout) as { error: { code: string; summary: string; detail: string } };
  return parsed.error;
}

export function assertFails(result: NpmResult, code: string): void {
  assert.notEqual(result.code, 0, `expected npm to fail with ${code}\n${result.stdout}\n${result.stderr}`);
  assert.match(result.stderr + result.stdout, new RegExp(`code ${code}\\b|"code": "${code}"`), `expected ${code}\n${result.stdout}\n${result.stderr}`);
}

export function assertSucceeds(result: NpmResult): void {
  assert.equal(result.code, 0, `npm failed\n${result.stdout}\n${result.stderr}`);
}

/** The request log is meant to be printable: no token, password or OTP value may appear in it. */
export function assertLogHasNoSecrets(registry: LocalRegistry, extraSecrets: string[] = []): void {
  const log = JSON.stringify(registry.requests);
  for (const secret of [...registry.secrets(), ...extraSecrets]) {
    assert.ok(!log.includes(secret), `the request log contains a secret (${secret.slice(0, 6)}…)`);
  }
}

/** A suite's local registry and npm workspace; set once the suite's `before` hook has run. */
export interface NpmConformance {
  registry: LocalRegistry;
  npm: NpmWorkspace;
}

/**
 * The hooks every conformance suite shares: one registry (default scenario) and npm workspace per
 * suite, the scenario reloaded before each test (logged in with `token` when given) unless
 * `resetEachTest` is false, and the request log checked for secrets after each test.
 */
export function npmAgainstLocalRegistry(options: { token?: string; resetEachTest?: boolean } = {}): NpmConformance {
  const suite = {} as NpmConformance;
  before(async () => {
    suite.registry = await startRegistry({ scenario: 'default' });
    suite.npm = new NpmWorkspace(suite.registry);
  });
  if (options.resetEachTest !== false) {
    beforeEach(() => {
      suite.registry.reset('default');
      if (options.token) suite.npm.useToken(options.token);
    });
  }
  afterEach(() => assertLogHasNoSecrets(suite.registry));
  after(async () => {
    suite.npm.cleanup();
    await suite.registry.close();
  });
  return suite;
}
