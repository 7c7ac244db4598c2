// Knows the workspace's package.json files and which one the status is about (see `choosePackage`).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { choosePackage, manifestCandidates, MANIFEST_EXCLUDE, MANIFEST_GLOB, MAX_MANIFESTS, sortPackages, type PackageEntry } from '../core/policy/packageSelection';
import { MAX_MANIFEST_BYTES } from '../core/status/configFiles';
import { isPublishable, parsePackageManifest } from '../core/status/packageManifest';
import { Disposable } from './disposable';

export class PackageTracker extends Disposable {
  private manifests: string[] = [];
  private picked: { manifest: string; editorFileThen?: string } | undefined;
  private lastShown: string | undefined;
  private lastEditorFile: string | undefined;
  /** The publishable packages, read once per scan or manifest change (the status names them when there are several). */
  private packages: Promise<PackageEntry[]> | undefined;
  private scanned: Promise<void> | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<{ manifestChanged?: string }>());
  /** Fires when the set of manifests, the chosen one, or a manifest's content changes. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly onTruncated: (limit: number) => void = () => undefined) {
    super();
    const watcher = this.register(vscode.workspace.createFileSystemWatcher(MANIFEST_GLOB));
    const isDependency = (uri: vscode.Uri) => uri.path.includes('/node_modules/');
    this.register(watcher.onDidCreate((uri) => !isDependency(uri) && this.rescan()));
    this.register(watcher.onDidDelete((uri) => !isDependency(uri) && this.rescan()));
    const changed = (uri: vscode.Uri) => {
      if (isDependency(uri)) return;
      this.packages = undefined;
      this.changed.fire({ manifestChanged: uri.fsPath });
    };
    this.register(watcher.onDidChange(changed));
    // A save in the editor is told at once; the file watcher may report it late, or (seen in the test host) not at all.
    this.register(vscode.workspace.onDidSaveTextDocument((doc) => doc.uri.scheme === 'file' && this.manifests.includes(doc.uri.fsPath) && changed(doc.uri)));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.rescan()));
    // Output, Settings or a preview keep the package shown (see `choosePackage`): only a file can change it.
    this.register(vscode.window.onDidChangeActiveTextEditor(() => {
      const file = this.editorFile();
      if (file !== undefined && file !== this.lastEditorFile) this.changed.fire({});
    }));
  }

  rescan(): Promise<void> {
    this.scanned = this.scan();
    return this.scanned;
  }

  private async scan(): Promise<void> {
    const found = await vscode.workspace.findFiles(MANIFEST_GLOB, MANIFEST_EXCLUDE, MAX_MANIFESTS);
    if (found.length >= MAX_MANIFESTS) this.onTruncated(MAX_MANIFESTS);
    this.manifests = found.map((uri) => uri.fsPath).sort((a, b) => a.length - b.length || a.localeCompare(b));
    this.packages = undefined;
    this.changed.fire({});
  }

  get all(): readonly string[] {
    return this.manifests;
  }

  /** Shows `manifestPath` until the user opens a file of another package. */
  pick(manifestPath: string): void {
    this.picked = { manifest: manifestPath, editorFileThen: this.editorFile() };
    this.changed.fire({});
  }

  /** The manifest the status is about now, or undefined when the workspace has none. */
  async current(): Promise<string | undefined> {
    await (this.scanned ?? this.rescan());
    const editorFile = this.editorFile();
    const editorManifest = await this.editorManifest();
    const needsFallback = !this.picked && !editorManifest && !(this.lastShown && this.manifests.includes(this.lastShown));
    // The shallowest publishable package (manifests are sorted by depth), as before there was a pick or a last one.
    const publishable = needsFallback ? new Set((await this.publishablePackages()).map((p) => p.manifest)) : undefined;
    const firstPublishable = publishable && this.manifests.find((m) => publishable.has(m));
    const { manifest, keepPick } = choosePackage({
      manifests: this.manifests, editorFile, editorManifest, picked: this.picked, lastShown: this.lastShown, firstPublishable,
    });
    if (!keepPick) this.picked = undefined;
    this.lastShown = manifest;
    return manifest;
  }

  /** The publishable packages (a name, not private, parsing), by name: the switcher's list. */
  publishablePackages(): Promise<PackageEntry[]> {
    return (this.packages ??= this.readPackages());
  }

  private async readPackages(): Promise<PackageEntry[]> {
    const manifests = this.manifests;
    const names = await Promise.all(manifests.map(publishableName));
    return sortPackages(manifests.flatMap((manifest, i) => {
      const name = names[i];
      return name ? [{ manifest, name, folder: vscode.workspace.asRelativePath(path.dirname(manifest)) }] : [];
    }));
  }

  private editorFile(): string | undefined {
    const uri = vscode.window.activeTextEditor?.document.uri;
    return uri?.scheme === 'file' ? uri.fsPath : undefined;
  }

  /** The nearest package.json on disk above the active file (a file just created counts at once). */
  private async editorManifest(): Promise<string | undefined> {
    const file = this.editorFile();
    this.lastEditorFile = file;
    if (!file) return undefined;
    const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    for (const candidate of manifestCandidates(file, roots)) {
      try {
        await vscode.workspace.fs.stat(vscode.Uri.file(candidate));
        return candidate;
      } catch {
        // no package.json at this level: look one folder up
      }
    }
    return undefined;
  }
}

/** The package's name when npm would publish it; undefined for private, nameless or unreadable ones. */
async function publishableName(manifest: string): Promise<string | undefined> {
  const text = await readManifestText(manifest);
  if (text === undefined) return undefined; // unreadable: not offered
  const info = parsePackageManifest(text, manifest);
  return isPublishable(info) ? info.name : undefined;
}

/** A manifest's text; undefined when it cannot be read, is not a file or is too big. */
export async function readManifestText(manifest: string): Promise<string | undefined> {
  try {
    // A FIFO or device named package.json (the repository's to make) would block the read.
    const stat = await vscode.workspace.fs.stat(vscode.Uri.file(manifest));
    if ((stat.type & vscode.FileType.File) === 0 || stat.size > MAX_MANIFEST_BYTES) return undefined;
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(manifest)));
  } catch {
    return undefined;
  }
}
