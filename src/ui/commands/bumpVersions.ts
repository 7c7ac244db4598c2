import * as path from 'node:path';
import * as vscode from 'vscode';
import { MANIFEST_EXCLUDE, MANIFEST_GLOB, MAX_MANIFESTS } from '../../core/policy/packageSelection';
import { MAX_MANIFEST_BYTES } from '../../core/status/configFiles';
import { inert } from '../../core/base/text';
import { RELEASES } from '../../core/publish/versionChoice';
import { stringValueEdits, type TextEdit } from '../../core/workspace/manifestEdits';
import {
  bumpPreview, bumpedVersion, cappedPreview, manifestChanges, planVersionBump, readBumpManifest, type BumpPlan, type ManifestRead,
} from '../../core/workspace/versionBump';
import type { ActionContext } from '../actionContext';
import { tell } from '../notify';

/**
 * "Bump Versions in Workspace…": which of the workspace's packages (private ones too), which kind of bump (Bump Version's
 * words), then a preview of every version and range that changes; nothing is written before Bump.
 * The files are changed through one WorkspaceEdit touching only those string values (undoable, every
 * other byte kept), and only if each is still what the preview was made from. `selection`: the
 * packages chosen in the packages view, ticked at first (else the one shown).
 */
export async function bumpVersions(context: ActionContext, selection: readonly string[] = []): Promise<void> {
  const t = vscode.l10n.t;
  // Found now, as the tracker finds them, private and broken ones too: one just created may not have reached its watcher yet.
  const found = await vscode.workspace.findFiles(MANIFEST_GLOB, MANIFEST_EXCLUDE, MAX_MANIFESTS);
  const manifests = found.map((uri) => uri.fsPath).sort();
  if (found.length >= MAX_MANIFESTS) context.log.warn(`more than ${MAX_MANIFESTS} package.json files: ranges in the others do not follow`);
  const first = await readManifests(manifests);
  if (first.length === 0) {
    tell(context, 'info', t('The workspace has no package.json to bump.'));
    return;
  }
  const shown = context.currentStatus()?.package.manifestPath;
  const ticked = (file: string) => (selection.length > 0 ? selection.includes(file) : file === shown);
  const items = first
    .map((one) => one.ok
      // The repository's names: inert, so a `$(icon)` in one stays text.
      ? { label: inert(one.manifest.name ?? one.manifest.folder), description: inert(one.manifest.version ?? t('no version')), detail: inert(one.manifest.folder), path: one.manifest.path, picked: ticked(one.manifest.path), version: one.manifest.version }
      : { label: inert(one.folder), description: t('$(warning) package.json cannot be read'), detail: inert(one.folder), path: one.path, picked: false, version: undefined })
    .sort((a, b) => a.label.localeCompare(b.label, 'en') || a.detail.localeCompare(b.detail, 'en'));
  const chosen = await context.prompts().pickMany(items, {
    title: t('Bump Versions in Workspace'),
    placeHolder: t('The packages to bump (the ranges naming them in the workspace follow)'),
  });
  if (!chosen || chosen.length === 0) return;

  const kinds = RELEASES.map((release) => ({
    label: release,
    release,
    description: chosen.slice(0, 3).map((item) => `${item.label} ${bumpedVersion(item.version, release) ?? '—'}`).join(', ') + (chosen.length > 3 ? ', …' : ''),
  }));
  const kind = await context.prompts().pick(kinds, { title: t('Bump {0} package(s)', chosen.length), placeHolder: t('Which part of the version goes up (the registry is not asked which versions it has)') });
  if (!kind) return;

  // Read again: the preview lists what is in the files now, and the write checks they are still so.
  const texts = await readTexts(manifests);
  const reads = [...texts].map(([file, text]) => read(file, text));
  const plan = planVersionBump(reads, chosen.map((item) => item.path), kind.release, t);
  const preview = bumpPreview(plan, t);
  if (plan.versions.length === 0) {
    tell(context, 'error', t('Nothing was bumped. {0}', plan.problems.map((p) => p.text).join(' · ')));
    return;
  }
  if (!(await confirmPreview(context, plan, preview))) {
    context.log.info(`bump of ${plan.versions.length} package(s) cancelled at the preview`);
    return;
  }
  await write(context, plan, texts);
}

async function confirmPreview(context: ActionContext, plan: BumpPlan, preview: { message: string; lines: string[] }): Promise<boolean> {
  const t = vscode.l10n.t;
  const bump = t('Bump');
  const showAll = t('Show All Changes');
  const detail = cappedPreview(preview.lines, t);
  const buttons = detail === preview.lines.join('\n') ? [bump] : [bump, showAll];
  for (;;) {
    const choice = await context.prompts().confirm(preview.message, detail, ...buttons);
    if (choice !== showAll) return choice === bump;
    await context.reports.show(t('Bump Versions ({0})', plan.release), asMarkdown(preview));
  }
}

/** A fenced block: names and specs are the repository's text, never Markdown. */
function asMarkdown({ message, lines }: { message: string; lines: string[] }): string {
  const longest = Math.max(2, ...lines.map((line) => Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length))));
  const fence = '`'.repeat(longest + 1);
  return `# ${message.replace(/[\\`*_[\]<>#]/g, '\\$&')}\n\n${fence}text\n${lines.join('\n')}\n${fence}\n`;
}

async function write(context: ActionContext, plan: BumpPlan, texts: ReadonlyMap<string, string | { unreadable: string }>): Promise<void> {
  const t = vscode.l10n.t;
  const edit = new vscode.WorkspaceEdit();
  const documents: vscode.TextDocument[] = [];
  for (const [file, changes] of manifestChanges(plan)) {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const text = document.getText();
    // Edited since the preview, or an editor that reads it otherwise (mixed line endings): nothing is written.
    const edits: TextEdit[] | undefined = text === texts.get(file) ? stringValueEdits(text, changes) : undefined;
    if (!edits) {
      tell(context, 'error', t('{0} is no longer what the preview showed, so nothing was written. Run Bump Versions in Workspace again.', vscode.workspace.asRelativePath(file)));
      return;
    }
    for (const e of edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.text);
    documents.push(document);
  }
  if (!(await vscode.workspace.applyEdit(edit))) {
    tell(context, 'error', t('The package.json files could not be changed; nothing was written.'));
    return;
  }
  const unsaved: string[] = [];
  for (const document of documents) if (!(await document.save())) unsaved.push(vscode.workspace.asRelativePath(document.uri));
  for (const v of plan.versions) context.log.info(`${v.label}: version ${v.from} → ${v.to}`);
  for (const r of plan.ranges) context.log.info(`${r.label}: ${r.field}.${r.key} ${r.from} → ${r.to}`);
  await context.afterAction();
  if (unsaved.length > 0) {
    tell(context, 'error', t('Changed but not saved (the edits are in the editor, unsaved): {0}', unsaved.join(', ')));
    return;
  }
  const done = plan.ranges.length === 0
    ? t('{0} package(s) bumped ({1}).', plan.versions.length, plan.release)
    : t('{0} package(s) bumped ({1}); {2} range(s) in the workspace follow.', plan.versions.length, plan.release, plan.ranges.length);
  tell(context, plan.problems.length > 0 ? 'warning' : 'info', plan.problems.length > 0 ? t('{0} Not changed: {1}', done, plan.problems.map((p) => p.text).join(' · ')) : done);
}

async function readManifests(manifests: readonly string[]): Promise<ManifestRead[]> {
  return [...(await readTexts(manifests))].map(([file, text]) => read(file, text));
}

function read(file: string, text: string | { unreadable: string }): ManifestRead {
  const folder = vscode.workspace.asRelativePath(path.dirname(file));
  return typeof text === 'string' ? readBumpManifest({ path: file, folder, text }) : { ok: false, path: file, folder, reason: text.unreadable };
}

/** Each manifest's text as the editor has it (unsaved edits included, as Bump Version reads it), else from disk. */
async function readTexts(manifests: readonly string[]): Promise<Map<string, string | { unreadable: string }>> {
  const open = new Map(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file').map((d) => [d.uri.fsPath, d]));
  const texts = await Promise.all(manifests.map(async (file) => open.get(file)?.getText() ?? readFromDisk(file)));
  return new Map(manifests.map((file, i) => [file, texts[i]!]));
}

async function readFromDisk(file: string): Promise<string | { unreadable: string }> {
  const t = vscode.l10n.t;
  const uri = vscode.Uri.file(file);
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    // A link could point outside the workspace (the repository's to make); a FIFO or a device would block the read.
    if (stat.type & vscode.FileType.SymbolicLink) return { unreadable: t('package.json is a symbolic link; it is not changed through it') };
    if ((stat.type & vscode.FileType.File) === 0 || stat.size > MAX_MANIFEST_BYTES) return { unreadable: t('package.json is not a regular file of a usual size') };
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    return { unreadable: t('package.json could not be read ({0})', (error as { code?: string }).code ?? 'unknown error') };
  }
}
