// The CI checklist of trusted publishing (core/trust/ciChecks.ts) as Problems-panel entries on the
// files they are about — the workflow, the project .npmrc — for the package the status is about.
// Files are only read (a repository is untrusted input: no git process, nothing run); the git
// remote comes from .git/config. In dist/workspace.js, required when a status first arrives.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PublishAuthStatus } from '../core/base/model';
import { unreadableFileProblem } from '../core/status/configFiles';
import { checkCi, type CiFinding } from '../core/trust/ciChecks';
import { readWorkflow } from '../core/trust/workflowFile';

const MAX_FILE_BYTES = 1024 * 1024;

export class CiDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('npmPublishAuth.trustedPublishing');

  /** Replaces the entries with those of the package the status is about (none when no workflow publishes it). */
  async update(status: PublishAuthStatus | undefined): Promise<CiFinding[]> {
    const findings = status ? await findingsFor(status.package.folder, status.package.manifestPath, status) : [];
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const finding of findings) {
      if (finding.state !== 'problem' || !finding.at) continue;
      const line = Math.max(0, finding.at.line - 1);
      const diagnostic = new vscode.Diagnostic(new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER), finding.fix ? `${finding.message} ${finding.fix}` : finding.message, vscode.DiagnosticSeverity.Warning);
      diagnostic.source = vscode.l10n.t('npm trusted publishing');
      diagnostic.code = finding.id;
      byFile.set(finding.at.file, [...(byFile.get(finding.at.file) ?? []), diagnostic]);
    }
    this.collection.clear();
    for (const [file, diagnostics] of byFile) this.collection.set(vscode.Uri.file(file), diagnostics);
    return findings;
  }

  dispose(): void {
    this.collection.dispose();
  }
}

async function findingsFor(folder: string, manifestPath: string, status: PublishAuthStatus): Promise<CiFinding[]> {
  // Trusted publishing is npmjs's: elsewhere the checklist would claim what the registry does not do.
  if (status.registry?.family !== 'npmjs') return [];
  const root = await repositoryRoot(folder);
  if (!root) return [];
  const workflowsDir = path.join(root, '.github', 'workflows');
  const names = await fs.readdir(workflowsDir).catch(() => [] as string[]);
  const workflows = (await Promise.all(names.filter((n) => /\.ya?ml$/.test(n)).map(async (name) => {
    const file = path.join(workflowsDir, name);
    const text = await readSmall(file);
    return text === undefined ? [] : [readWorkflow(file, text)];
  }))).flat();
  if (!workflows.some((w) => w.jobs.some((job) => job.publishLines.length > 0))) return [];
  const npmrcText = await readSmall(path.join(folder, '.npmrc'));
  const manifest = await readSmall(manifestPath);
  let repository: unknown;
  try {
    repository = manifest === undefined ? undefined : (JSON.parse(manifest) as { repository?: unknown }).repository;
  } catch {
    repository = undefined;
  }
  return checkCi({
    workflows,
    npmrcs: npmrcText === undefined ? [] : [{ file: path.join(folder, '.npmrc'), text: npmrcText }],
    repository,
    remoteUrl: originUrl((await readSmall(path.join(root, '.git', 'config'))) ?? ''),
  }, vscode.l10n.t);
}

/** The nearest folder at or above `folder` with a `.git` folder. */
async function repositoryRoot(folder: string): Promise<string | undefined> {
  for (let dir = folder, i = 0; i < 32; i++) {
    const stat = await fs.stat(path.join(dir, '.git')).catch(() => undefined);
    if (stat?.isDirectory()) return dir;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
  return undefined;
}

/** `[remote "origin"] url = …` of a git config. */
function originUrl(config: string): string | undefined {
  let inOrigin = false;
  for (const line of config.split(/\r?\n/)) {
    const section = /^\s*\[(.*)\]\s*$/.exec(line);
    if (section) inOrigin = /^remote\s+"origin"$/.test(section[1]!.trim());
    const url = inOrigin && /^\s*url\s*=\s*(\S+)\s*$/.exec(line);
    if (url) return url[1];
  }
  return undefined;
}

/** A regular file's text, at most 1 MB; undefined otherwise (a FIFO or device would block the read). */
async function readSmall(file: string): Promise<string | undefined> {
  if (await unreadableFileProblem(file, MAX_FILE_BYTES)) return undefined;
  return fs.readFile(file, 'utf8').catch(() => undefined);
}
