// Runs the user's own npm in a package folder, as VS Code's npm extension does: cwd = the package
// folder (so its .npmrc applies), no TTY, COREPACK_ENABLE_AUTO_PIN=0. A one-time password travels in
// the child's environment (npm_config_otp), never on its command line, where any process could read it.
import { spawn } from 'node:child_process';

type Env = Readonly<Record<string, string | undefined>>;

export interface NpmRunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface NpmRunOptions {
  cwd: string;
  otp?: string;
  /** Ends the child (SIGTERM); the result then has exit code 130. */
  signal?: AbortSignal;
  /** Each line npm prints on stderr (its notices and lifecycle output), as it comes. */
  onOutput?: (line: string) => void;
}

export type RunNpm = (args: string[], options: NpmRunOptions) => Promise<NpmRunResult>;

/** The environment npm runs with: the editor's, minus any one-time password it inherited. */
export function npmChildEnv(base: Env, otp?: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value !== undefined && key.toLowerCase() !== 'npm_config_otp') env[key] = value;
  }
  env.COREPACK_ENABLE_AUTO_PIN = '0';
  env.NO_COLOR = '1';
  if (otp) env.npm_config_otp = otp;
  return env;
}

/** A runner for the npm at `npmBin` (found on PATH by locateNpm). */
export function npmRunner(npmBin: string, baseEnv: Env, platform: NodeJS.Platform = process.platform): RunNpm {
  const windows = platform === 'win32';
  return (args, options) =>
    new Promise((resolve, reject) => {
      const quote = (arg: string) => (windows && /[\s"]/.test(arg) ? `"${arg.replace(/"/g, '""')}"` : arg);
      const child = spawn(quote(npmBin), ['--color=false', '--no-progress', ...args].map(quote), {
        cwd: options.cwd,
        env: npmChildEnv(baseEnv, options.otp),
        stdio: ['ignore', 'pipe', 'pipe'],
        shell: windows, // npm.cmd needs a shell on Windows
        windowsHide: true,
      });
      let stdout = '';
      let stderr = '';
      let partial = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => {
        const text = chunk.toString();
        stderr += text;
        const lines = (partial + text).split(/\r?\n/);
        partial = lines.pop()!;
        for (const line of lines) options.onOutput?.(line);
      });
      const abort = () => child.kill('SIGTERM');
      options.signal?.addEventListener('abort', abort, { once: true });
      child.on('error', (error) => {
        options.signal?.removeEventListener('abort', abort);
        reject(error);
      });
      child.on('close', (code) => {
        options.signal?.removeEventListener('abort', abort);
        if (partial) options.onOutput?.(partial);
        resolve({ exitCode: options.signal?.aborted ? 130 : code ?? 1, stdout, stderr });
      });
    });
}
