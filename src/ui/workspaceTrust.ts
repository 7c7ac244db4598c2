// VS Code's workspace trust, as the actions meet it. In Restricted Mode the status works from what
// the user controls (see core/status/repositoryTrust.ts); an action that writes, publishes or runs npm asks
// for trust first and runs nothing before the answer (commands/untrustedFolder.ts; an action that
// would send a secret over an insecure connection asks too: commands/insecureTransport.ts).
import * as vscode from 'vscode';
import type { WorkspaceTrust } from '../core/status/repositoryTrust';

export function currentWorkspaceTrust(): WorkspaceTrust {
  return vscode.workspace.isTrusted ? 'trusted' : 'restricted';
}

/** Opens VS Code's own trust editor (there is no API that asks in place). */
export function manageWorkspaceTrust(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.trust.manage');
}
