// The CI checklist of trusted publishing (core/trust/ciChecks.ts) as Problems-panel entries on the
// files they are about — the workflow, the project .npmrc — for the package the status is about.
// Files are only read (a repository is untrusted input: no git process, nothing run); the git
// remote comes from .git/config. In dist/workspace.js, required when a status first arrives.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PublishAuthStatus } from '../core/base/model';
import { checkCi, type CiFinding } from '../core/trust/ciChecks';
import { readRepositoryCi, readSmall } from './repositoryFiles';

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
  const ci = await readRepositoryCi(folder);
  if (!ci || !ci.workflows.some(({ file }) => file.jobs.some((job) => job.publishLines.length > 0))) return [];
  const npmrcText = await readSmall(path.join(folder, '.npmrc'));
  const manifest = await readSmall(manifestPath);
  const trust = status.trustedPublishing;
  return checkCi({
    workflows: ci.workflows.map(({ file }) => file),
    npmrcs: npmrcText === undefined ? [] : [{ file: path.join(folder, '.npmrc'), text: npmrcText }],
    ...(manifest !== undefined && { manifest: { file: manifestPath, text: manifest } }),
    remoteUrl: ci.remoteUrl,
    // What the registry said the trusted publisher requires, once read: an unnamed one requires none.
    ...(trust?.state === 'configured' && { trustedEnvironment: trust.config.environment ?? '' }),
  }, vscode.l10n.t);
}
