// Activation only: everything the extension owns is created by PublishAuthExtension and disposed with it.
import type * as vscode from 'vscode';
import { PublishAuthExtension, type PublishAuthApi } from './ui/publishAuthExtension';

export function activate(context: vscode.ExtensionContext): PublishAuthApi {
  const extension = new PublishAuthExtension(context);
  context.subscriptions.push(extension);
  return extension.api;
}

export function deactivate(): void {
  // Disposal happens through context.subscriptions.
}
