// Quick fixes for the Problems entries of the CI checklist (ciDiagnostics.ts) whose fix is
// mechanical: `id-token: write` in a workflow, package.json's repository set to the git remote.
// The edit is computed from the document as it is now (core/trust/ciQuickFixes.ts), not from the
// findings the entry was made from, so a file changed since is never overwritten with stale text.
// In dist/workspace.js, registered with the diagnostics it serves.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { idTokenFixes, repositoryFix, type LineEdit } from '../core/trust/ciQuickFixes';
import { readOriginUrl } from './repositoryFiles';

/** The `source` of the checklist's entries: a fix is offered for ours only. */
export function ciDiagnosticSource(): string {
  return vscode.l10n.t('npm trusted publishing');
}

const SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', pattern: '**/.github/workflows/*.{yml,yaml}' },
  { scheme: 'file', pattern: '**/package.json' },
];

export function registerCiQuickFixes(): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(SELECTOR, new CiQuickFixProvider(), { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] });
}

class CiQuickFixProvider implements vscode.CodeActionProvider {
  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const ours = context.diagnostics.filter((d) => d.source === ciDiagnosticSource());
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours.filter((d) => d.code === 'id-token')) {
      // A workflow's permissions shared by several jobs have one entry per job on one line: one fix for them.
      for (const fix of idTokenFixes(document.uri.fsPath, document.getText()).filter((f) => f.line - 1 === diagnostic.range.start.line)) {
        const title = fix.scope === 'job' ? vscode.l10n.t('Add id-token: write to Job "{0}"', fix.job) : vscode.l10n.t('Add id-token: write to Workflow Permissions');
        if (!actions.some((action) => action.title === title)) actions.push(quickFix(title, document, fix.edit, diagnostic));
      }
    }
    const repository = ours.find((d) => d.code === 'repository');
    if (repository) {
      const remoteUrl = await readOriginUrl(path.dirname(document.uri.fsPath));
      const edit = remoteUrl && repositoryFix(document.getText(), remoteUrl);
      if (edit) actions.push(quickFix(vscode.l10n.t('Set repository.url to the Git Remote'), document, edit, repository));
    }
    return actions;
  }
}

function quickFix(title: string, document: vscode.TextDocument, edit: LineEdit, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  action.edit.replace(document.uri, new vscode.Range(edit.line, edit.character, edit.endLine, edit.endCharacter), edit.text);
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  return action;
}
