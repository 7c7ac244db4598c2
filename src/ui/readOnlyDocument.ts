// Reports the extension writes for people (a dry run) open as read-only Markdown previews of virtual
// documents: nothing asks to be saved when they close.
import * as vscode from 'vscode';

export const REPORT_SCHEME = 'npm-publish-auth';

export class ReportDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.path) ?? '';
  }

  /** Keeps `markdown` as the read-only document `title`.md (the whole name@version: no path separators in it). */
  keep(title: string, markdown: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${title.replace(/\//g, '∕')}.md` });
    this.contents.set(uri.path, markdown);
    this.changed.fire(uri);
    return uri;
  }

  /** Shows `markdown` rendered, titled `title`. */
  async show(title: string, markdown: string): Promise<void> {
    const uri = this.keep(title, markdown);
    const document = await vscode.workspace.openTextDocument(uri);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      // Without the built-in Markdown extension: the source, still read-only (a provider's document).
      await vscode.window.showTextDocument(document, { preview: true });
    }
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
