// Owns everything the extension creates: the log, the status bar item and the commands.
import * as vscode from 'vscode';
import { Disposable } from './disposable';
import { componentLogger, createLogChannel, type Logger } from './log';
import { notYetAvailable } from './commands/placeholders';

export const STATUS_ITEM_ID = 'npmPublishAuth.status';

/** What the extension offers other code (and its in-host tests). */
export interface PublishAuthApi {
  /** The status bar item as shown now. */
  readonly statusItem: { text: string; tooltip: string | undefined; accessibilityLabel: string | undefined; visible: boolean };
  refresh(): Promise<void>;
}

export class PublishAuthExtension extends Disposable {
  readonly api: PublishAuthApi;
  private readonly channel = this.register(createLogChannel());
  private readonly log: Logger = componentLogger(this.channel, 'extension');
  private readonly item = this.register(vscode.window.createStatusBarItem(STATUS_ITEM_ID, vscode.StatusBarAlignment.Left, 0));
  private visible = false;

  constructor(_context: vscode.ExtensionContext) {
    super();
    this.item.name = vscode.l10n.t('npm Publish Auth');
    this.registerCommands();
    const self = this;
    this.api = {
      get statusItem() {
        const tooltip = self.item.tooltip;
        return {
          text: self.item.text,
          tooltip: typeof tooltip === 'string' ? tooltip : tooltip?.value,
          accessibilityLabel: self.item.accessibilityInformation?.label,
          visible: self.visible,
        };
      },
      refresh: () => this.refresh(),
    };
    this.log.info('activated');
    void this.refresh();
  }

  private registerCommands(): void {
    const commands: Record<string, () => unknown> = {
      'npmPublishAuth.refresh': () => this.refresh(),
      'npmPublishAuth.showLog': () => this.channel.show(true),
      'npmPublishAuth.showDetails': () => this.showDetails(),
      'npmPublishAuth.login': () =>
        notYetAvailable(vscode.l10n.t('Log In to Registry'), vscode.l10n.t('Run `npm login` in a terminal meanwhile.')),
      'npmPublishAuth.generateToken': () =>
        notYetAvailable(vscode.l10n.t('Generate Access Token'), vscode.l10n.t('Run `npm token create` in a terminal meanwhile.')),
      'npmPublishAuth.publish': () =>
        notYetAvailable(vscode.l10n.t('Publish with OTP'), vscode.l10n.t('Run `npm publish` in a terminal meanwhile.')),
      'npmPublishAuth.setPublishingAccess': () =>
        notYetAvailable(vscode.l10n.t('Set Publishing Access'), vscode.l10n.t('Run `npm access set mfa=…` in a terminal meanwhile.')),
    };
    for (const [id, handler] of Object.entries(commands)) {
      this.register(vscode.commands.registerCommand(id, handler));
    }
  }

  private async refresh(): Promise<void> {
    const manifests = await vscode.workspace.findFiles('**/package.json', '**/node_modules/**', 50);
    this.visible = manifests.length > 0;
    if (!this.visible) {
      this.item.hide();
      return;
    }
    this.item.text = `$(package) npm`;
    this.item.tooltip = vscode.l10n.t('npm Publish Auth: {0} package.json file(s) in this workspace', manifests.length);
    this.item.accessibilityInformation = { label: vscode.l10n.t('npm Publish Auth status') };
    this.item.command = 'npmPublishAuth.showDetails';
    this.item.show();
    this.log.info(`found ${manifests.length} package.json file(s)`);
  }

  private async showDetails(): Promise<void> {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: `# npm Publish Auth\n` });
    await vscode.window.showTextDocument(doc);
  }
}
