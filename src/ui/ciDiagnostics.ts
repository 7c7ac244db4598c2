// The CI checklist of trusted publishing (core/trust/ciChecks.ts) as Problems-panel entries on the
// files they are about — the workflow, the project .npmrc, package.json — for the package the status
// is about, with quick fixes where the fix is mechanical (ciQuickFixes.ts). Files are only read (a
// repository is untrusted input: no git process, nothing run); the git remote comes from .git/config.
// In dist/workspace.js, required when a status first arrives.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PublishAuthStatus } from '../core/base/model';
import { checkCi, type CiFinding } from '../core/trust/ciChecks';
import { ciDiagnosticSource, registerCiQuickFixes } from './ciQuickFixes';
import { Disposable } from './disposable';
import type { Logger } from './log';
import { readRepositoryCi, readSmall } from './repositoryFiles';

/** The last checklist of each package.json, for the Details page (one CiDiagnostics per window). */
const checklists = new Map<string, CiFinding[]>();

export function ciChecklist(manifestPath: string): readonly CiFinding[] {
  return checklists.get(manifestPath) ?? [];
}

export class CiDiagnostics extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('npmPublishAuth.trustedPublishing'));
  private status: PublishAuthStatus | undefined;
  /** Counts the updates: only the newest one's findings are shown when reads overlap. */
  private generation = 0;

  /** `shown`: after each update (the Details page renders the checklist again). */
  constructor(private readonly log: Logger, private readonly shown: (status: PublishAuthStatus) => void) {
    super();
    this.register(registerCiQuickFixes());
    // Nothing else refreshes on a saved workflow: without this, a fixed line would keep its entry.
    this.register(vscode.workspace.onDidSaveTextDocument((document) => {
      if (this.status && document.uri.scheme === 'file' && isCiFile(document.uri.fsPath, this.status)) this.show(this.status);
    }));
  }

  /** Shows the entries of the status's package; a failure is logged, not thrown. */
  show(status: PublishAuthStatus | undefined): void {
    this.update(status)
      .catch((error: unknown) => this.log.warn(`the CI checks failed: ${error instanceof Error ? error.message : String(error)}`))
      .then(() => status && status === this.status && !this.isDisposed && this.shown(status));
  }

  /** Replaces the entries with those of the package the status is about (none when no workflow publishes it). */
  async update(status: PublishAuthStatus | undefined): Promise<CiFinding[]> {
    this.status = status;
    const generation = ++this.generation;
    const findings = status ? await findingsFor(status.package.folder, status.package.manifestPath, status) : [];
    if (generation !== this.generation || this.isDisposed) return findings;
    if (status) checklists.set(status.package.manifestPath, findings);
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const finding of findings) {
      if (finding.state !== 'problem' || !finding.at) continue;
      const line = Math.max(0, finding.at.line - 1);
      const diagnostic = new vscode.Diagnostic(new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER), finding.fix ? `${finding.message} ${finding.fix}` : finding.message, finding.advice ? vscode.DiagnosticSeverity.Information : vscode.DiagnosticSeverity.Warning);
      diagnostic.source = ciDiagnosticSource();
      diagnostic.code = finding.id;
      byFile.set(finding.at.file, [...(byFile.get(finding.at.file) ?? []), diagnostic]);
    }
    this.collection.clear();
    for (const [file, diagnostics] of byFile) this.collection.set(vscode.Uri.file(file), diagnostics);
    return findings;
  }
}

/** A file the checklist reads: a workflow, a GitLab pipeline, a project .npmrc or the package's manifest. */
function isCiFile(file: string, status: PublishAuthStatus): boolean {
  return file === status.package.manifestPath || ['.npmrc', '.gitlab-ci.yml'].includes(path.basename(file)) || /[\\/]\.github[\\/]workflows[\\/][^\\/]+\.ya?ml$/.test(file);
}

async function findingsFor(folder: string, manifestPath: string, status: PublishAuthStatus): Promise<CiFinding[]> {
  // Trusted publishing is npmjs's: elsewhere the checklist would claim what the registry does not do.
  if (status.registry?.family !== 'npmjs') return [];
  const ci = await readRepositoryCi(folder);
  const pipelines = ci ? [...ci.workflows, ...(ci.gitlabCi ? [ci.gitlabCi] : [])].map(({ file }) => file) : [];
  if (!ci || !pipelines.some((file) => file.jobs.some((job) => job.publishLines.length > 0))) return [];
  const npmrcText = await readSmall(path.join(folder, '.npmrc'));
  const manifest = await readSmall(manifestPath);
  const trust = status.trustedPublishing;
  return checkCi({
    workflows: pipelines,
    audience: `npm:${new URL(status.registry.url).host}`,
    npmrcs: npmrcText === undefined ? [] : [{ file: path.join(folder, '.npmrc'), text: npmrcText }],
    ...(manifest !== undefined && { manifest: { file: manifestPath, text: manifest } }),
    remoteUrl: ci.remoteUrl,
    // What the registry said the trusted publisher requires, once read: an unnamed one requires none.
    ...(trust?.state === 'configured' && { trustedEnvironment: trust.config.environment ?? '' }),
  }, vscode.l10n.t);
}
