import type * as vscode from 'vscode';

/**
 * Collects what an owner creates, so one dispose() releases all of it. Something registered after
 * dispose() — created once an await resolved, while the owner was being torn down — is released at
 * once: it has no owner left that would ever release it.
 */
export abstract class Disposable implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  /** Work that resumes after an await checks this before it creates or schedules anything. */
  protected get isDisposed(): boolean {
    return this.disposed;
  }

  protected register<T extends vscode.Disposable>(disposable: T): T {
    if (this.disposed) disposable.dispose();
    else this.disposables.push(disposable);
    return disposable;
  }

  dispose(): void {
    this.disposed = true;
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
