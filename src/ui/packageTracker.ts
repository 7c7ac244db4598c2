// Knows the workspace's package.json files and which one the status is about: the nearest to the
// active editor's file; with no such editor, the one the user picked, else the first publishable one.
import * as vscode from 'vscode';
import { manifestCandidates } from '../core/packageSelection';
import { parsePackageManifest } from '../core/packageManifest';
import { Disposable } from './disposable';

const MANIFESTS = '**/package.json';
const EXCLUDE = '**/node_modules/**';
/**
 * A bound on the scan, not a size anyone should reach: the tracker keeps paths only (the menu reads
 * the files when it opens). At 200, a 1,000-package workspace silently lost 800 packages from the
 * menu; now a scan that reaches the bound is reported (`onTruncated`) and logged.
 */
export const MAX_MANIFESTS = 10_000;

export class PackageTracker extends Disposable {
  private manifests: string[] = [];
  private picked: string | undefined;
  private lastEditorFile: string | undefined;
  private scanned: Promise<void> | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<{ manifestChanged?: string }>());
  /** Fires when the set of manifests, the chosen one, or a manifest's content changes. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly onTruncated: (limit: number) => void = () => undefined) {
    super();
    const watcher = this.register(vscode.workspace.createFileSystemWatcher(MANIFESTS));
    const isDependency = (uri: vscode.Uri) => uri.path.includes('/node_modules/');
    this.register(watcher.onDidCreate((uri) => !isDependency(uri) && this.rescan()));
    this.register(watcher.onDidDelete((uri) => !isDependency(uri) && this.rescan()));
    this.register(watcher.onDidChange((uri) => !isDependency(uri) && this.changed.fire({ manifestChanged: uri.fsPath })));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.rescan()));
    this.register(vscode.window.onDidChangeActiveTextEditor(() => {
      if (this.editorFile() !== this.lastEditorFile) this.changed.fire({});
    }));
  }

  rescan(): Promise<void> {
    this.scanned = this.scan();
    return this.scanned;
  }

  private async scan(): Promise<void> {
    const found = await vscode.workspace.findFiles(MANIFESTS, EXCLUDE, MAX_MANIFESTS);
    if (found.length >= MAX_MANIFESTS) this.onTruncated(MAX_MANIFESTS);
    this.manifests = found.map((uri) => uri.fsPath).sort((a, b) => a.length - b.length || a.localeCompare(b));
    this.changed.fire({});
  }

  get all(): readonly string[] {
    return this.manifests;
  }

  pick(manifestPath: string): void {
    this.picked = manifestPath;
    this.changed.fire({});
  }

  /** The manifest the status is about now, or undefined when the workspace has none. */
  async current(): Promise<string | undefined> {
    await (this.scanned ?? this.rescan());
    const fromEditor = await this.editorManifest();
    if (fromEditor) return fromEditor;
    if (this.picked && this.manifests.includes(this.picked)) return this.picked;
    for (const manifest of this.manifests) if (await isPublishable(manifest)) return manifest; // stops at the first
    return this.manifests[0];
  }

  /** Manifests that name a package and are not private, for the "switch package" menu. */
  async publishable(): Promise<string[]> {
    const flags = await Promise.all(this.manifests.map(isPublishable));
    return this.manifests.filter((_, i) => flags[i]);
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

async function isPublishable(manifest: string): Promise<boolean> {
  try {
    const info = parsePackageManifest(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(manifest))), manifest);
    return Boolean(info.name && !info.private && !info.parseError);
  } catch {
    return false; // unreadable: not offered
  }
}
