// What outside the extension changes the status, turned into refresh requests: npmrc files
// (workspace, user, global), our settings, an npm command ending in a terminal, the folder being
// trusted, and focus returning after the account answers have aged.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ACCOUNT_FRESH_MS } from '../core/base/lifetimes';
import type { PublishAuthStatus } from '../core/base/model';
import type { NpmInstallation } from '../core/status/npmInstallation';
import { changesPublishAuth, refreshOnFocus } from '../core/policy/refreshTriggers';
import { Disposable } from './disposable';
import type { Logger } from './log';
import { affectsStatus } from './statusSettings';

export interface RefreshRequests {
  /** A file or setting the status is derived from changed. */
  request(): void;
  /** Something may have changed the account at the registry (a login elsewhere): ask it again too. */
  revalidateAndRequest(): void;
}

export class RefreshWatchers extends Disposable {
  constructor(
    private readonly requests: RefreshRequests,
    private readonly npmInstallation: () => Promise<NpmInstallation>,
    /** The status shown now, if any. */
    private readonly status: () => PublishAuthStatus | undefined,
    private readonly log: Logger,
  ) {
    super();
    this.watchConfigFiles();
    this.watchWorkspaceTrust();
    this.register(vscode.workspace.onDidChangeConfiguration((e) => affectsStatus(e) && this.requests.request()));
    this.watchTerminals();
    this.watchFocus();
  }

  private watchConfigFiles(): void {
    this.watchFile(vscode.workspace.createFileSystemWatcher('**/.npmrc'));
    // The user and global npmrc live outside the workspace: a login in a terminal changes them.
    const env = process.env;
    this.watchOutside(env.NPM_CONFIG_USERCONFIG ?? env.npm_config_userconfig ?? path.join(os.homedir(), '.npmrc'));
    void this.npmInstallation().then((npm) => {
      // Disposed while npm was being located: a watcher created now would have no owner to close it.
      if (!this.isDisposed && npm.globalconfig) this.watchOutside(npm.globalconfig);
    });
  }

  private watchOutside(file: string): void {
    this.watchFile(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file))));
  }

  private watchFile(watcher: vscode.FileSystemWatcher): void {
    const onChange = () => this.requests.request();
    this.register(watcher);
    this.register(watcher.onDidCreate(onChange));
    this.register(watcher.onDidChange(onChange));
    this.register(watcher.onDidDelete(onChange));
  }

  /** Trusting the folder applies the rest of its npm settings: the status is checked again at once. */
  private watchWorkspaceTrust(): void {
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => {
      this.log.info('the folder is trusted now; refreshing with all of its npm settings');
      this.requests.revalidateAndRequest();
    }));
  }

  /**
   * A login, logout, token or publish run in an integrated terminal changes what publishing meets,
   * sometimes without touching a file we watch (a token revoked, a version published). Seen only
   * with shell integration on; without it the file watchers and the focus refresh still apply.
   */
  private watchTerminals(): void {
    this.register(vscode.window.onDidEndTerminalShellExecution((event) => {
      if (!changesPublishAuth(event.execution.commandLine.value)) return;
      this.log.info('an npm command ended in a terminal; refreshing');
      this.requests.revalidateAndRequest();
    }));
  }

  /** Back from another window after the account answers have aged: someone may have logged in elsewhere. */
  private watchFocus(): void {
    this.register(vscode.window.onDidChangeWindowState((state) => {
      const status = this.status();
      if (state.focused && status && refreshOnFocus(status.checkedAt, Date.now(), ACCOUNT_FRESH_MS)) this.requests.revalidateAndRequest();
    }));
  }
}
