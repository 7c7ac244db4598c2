// Publishes one package the way `npm publish` does, but builds it exactly once: npm's lifecycle
// scripts run in npm's order (prepublishOnly; prepack, prepare, postpack through `npm pack`; publish and
// postpublish after the upload), and the upload sends what that one pack produced however many
// one-time passwords it takes.
//
// Why npm itself uploads (rather than libnpmpublish in-process): npm builds the manifest it sends
// (`_npmVersion`, the user's `_nodeVersion`, publishConfig, tag and access rules, its prerelease and
// "higher version" checks), and we would have to imitate all of it.
// Why it uploads the unpacked tarball (`npm publish <dir> --ignore-scripts`) and not the `.tgz`: npm
// reads a tarball's manifest through pacote, which adds `_from`, `_resolved` (a local temp path) and
// `_integrity` to what it sends; a folder is read as `npm publish` reads the package itself. Repacking
// the unpacked files gives the same bytes (npm packs with fixed timestamps), which the differential
// test in the registry layer checks against a plain `npm publish --otp`.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { extract } from 'tar';
import type { RunNpm } from './npmProcess';
import { answerChallenges, type AcceptedAnswer, type SecondFactor, type SecondFactorHooks } from '../account/secondFactor';
import { classifyUpload, type PublishFailure, type UploadOutcome } from './uploadOutcome';

export type PublishStep = 'building' | 'packing' | 'uploading' | 'waiting-for-approval' | 'finishing';

/** The second-factor prompts (src/core/account/secondFactor.ts) and the progress around them. */
export interface PublishHooks extends SecondFactorHooks {
  step(step: PublishStep): void;
  /** npm's own output, line by line (for the log). */
  output(line: string): void;
}

export interface PublishRequest {
  folder: string;
  run: RunNpm;
  /** Ask for a one-time password before the first upload (the verdict says one will be needed). */
  askOtpFirst?: boolean;
  /** `npm stage publish`: the release then waits for approval with 2FA on the website. */
  stage?: boolean;
  /** A release of several packages: the answer the registry accepted for the previous one, sent first. */
  reuse?: AcceptedAnswer;
  /** Cancels while it is still safe: before the upload starts, or at a challenge (a challenged upload left nothing). */
  signal?: AbortSignal;
}

export type PublishResult =
  | { kind: 'published'; id?: string; secondFactor?: SecondFactor; accepted?: AcceptedAnswer; scriptFailed?: string }
  | { kind: 'staged'; id?: string; stageId?: string; accepted?: AcceptedAnswer; scriptFailed?: string }
  | { kind: 'cancelled' }
  | { kind: 'failed'; failure: PublishFailure; uploadStarted: boolean };

export async function publishPackage(request: PublishRequest, hooks: PublishHooks): Promise<PublishResult> {
  const { folder, run, signal } = request;
  const npm = (args: string[], options: { otp?: string; abortable: boolean }) =>
    run(args, { cwd: folder, otp: options.otp, signal: options.abortable ? signal : undefined, onOutput: hooks.output });
  const cancelled = () => signal?.aborted === true;
  // `--ignore-scripts` on `npm run X` runs X alone, without preX/postX (npm publish runs no such hooks).
  // A script the package does not have costs no npm start (about 300 ms each): asked of package.json
  // each time, since an earlier script may have changed it.
  const script = async (event: string, abortable = true) =>
    (await hasScript(folder, event)) ? npm(['run', event, '--ignore-scripts'], { abortable }) : { exitCode: 0, stdout: '', stderr: '' };
  const buildFailure = (what: string, stderr: string): PublishResult => ({
    kind: 'failed', uploadStarted: false, failure: { kind: 'other', said: `${what} failed.${lastLine(stderr)}` },
  });

  hooks.step('building');
  const prepublish = await script('prepublishOnly');
  if (cancelled()) return { kind: 'cancelled' };
  if (prepublish.exitCode !== 0) return buildFailure('The prepublishOnly script', prepublish.stderr);

  // Without pack-time scripts there is nothing to build: `npm publish <folder> --ignore-scripts` packs
  // the same files `npm pack` would, and one npm start (about half a second) is saved per package.
  const builds = (await Promise.all(PACK_SCRIPTS.map((event) => hasScript(folder, event)))).some(Boolean);
  const destination = builds ? await fs.mkdtemp(path.join(os.tmpdir(), 'npm-publish-auth-')) : undefined;
  try {
    let packedFolder = folder;
    if (destination) {
      hooks.step('packing');
      const packed = await npm(['pack', '--json', '--pack-destination', destination], { abortable: true });
      if (cancelled()) return { kind: 'cancelled' };
      const tarball = packed.exitCode === 0 ? await onlyTarball(destination) : undefined;
      if (!tarball) return buildFailure('npm pack', packed.stderr);
      await extract({ file: tarball, cwd: destination });
      packedFolder = path.join(destination, 'package'); // npm tarballs hold one folder, `package/`
    }

    // The same packed folder (or, with nothing to build, the package's own) for every try: a challenge never rebuilds. The code reaches npm through
    // its environment (npmProcess.ts), never its command line.
    const uploads = await answerChallenges<Exclude<UploadOutcome, { kind: 'challenge' }>>(
      async (otp) => {
        hooks.step('uploading');
        // From here on the registry may have the version: no cancelling this step.
        const command = request.stage ? ['stage', 'publish'] : ['publish'];
        const result = await npm([...command, packedFolder, '--json', '--ignore-scripts'], { otp, abortable: false });
        const outcome = classifyUpload(result.exitCode, result.stdout);
        return outcome.kind === 'challenge' ? { kind: 'challenged', challenge: outcome.challenge } : { kind: 'done', value: outcome };
      },
      {
        oneTimePassword: (rejected) => hooks.oneTimePassword(rejected),
        browserApproval: (challenge) => {
          hooks.step('waiting-for-approval');
          return hooks.browserApproval(challenge);
        },
      },
      // A stage is approved on the website, so no code is asked for before it.
      { expected: request.askOtpFirst && !request.stage ? { form: 'classic' } : undefined, reuse: request.reuse, cancelled },
    );
    if (uploads.kind === 'cancelled') return { kind: 'cancelled' };
    if (uploads.kind === 'gave-up') {
      return {
        kind: 'failed', uploadStarted: true,
        failure: { kind: 'other', said: `The registry asked for a second factor ${uploads.tries} times in a row.` },
      };
    }
    const outcome = uploads.value;
    // npm runs the publish and postpublish scripts after a stage too.
    const { accepted } = uploads;
    if (outcome.kind === 'staged') return { ...outcome, accepted, scriptFailed: await afterUpload((event) => script(event, false), hooks) };
    if (outcome.kind === 'published') {
      return { kind: 'published', id: outcome.id, secondFactor: uploads.secondFactor, accepted, scriptFailed: await afterUpload((event) => script(event, false), hooks) };
    }
    return { kind: 'failed', failure: outcome.failure, uploadStarted: true };
  } finally {
    if (destination) await fs.rm(destination, { recursive: true, force: true });
  }
}

/** The scripts `npm pack` runs: with none of them, the folder is uploaded as it is. */
const PACK_SCRIPTS = ['prepack', 'prepare', 'postpack'];

/** The publish and postpublish scripts, as npm runs them after a successful upload; the first failure, if any. */
async function afterUpload(script: (event: string) => ReturnType<RunNpm>, hooks: PublishHooks): Promise<string | undefined> {
  hooks.step('finishing');
  for (const event of ['publish', 'postpublish']) {
    const result = await script(event);
    if (result.exitCode !== 0) return event;
  }
  return undefined;
}

async function hasScript(folder: string, event: string): Promise<boolean> {
  try {
    const manifest = JSON.parse(await fs.readFile(path.join(folder, 'package.json'), 'utf8')) as { scripts?: unknown };
    const scripts = manifest.scripts;
    return typeof scripts === 'object' && scripts !== null && typeof (scripts as Record<string, unknown>)[event] === 'string';
  } catch {
    return true; // npm decides: it reports a package.json it cannot read
  }
}

async function onlyTarball(folder: string): Promise<string | undefined> {
  const files = (await fs.readdir(folder)).filter((f) => f.endsWith('.tgz'));
  return files.length === 1 ? path.join(folder, files[0]!) : undefined;
}

function lastLine(stderr: string): string {
  const line = stderr.trim().split(/\r?\n/).filter((l) => !/A complete log of this run/.test(l)).pop();
  return line ? ` npm said: ${line.replace(/^npm (error|ERR!) /, '')}` : '';
}
