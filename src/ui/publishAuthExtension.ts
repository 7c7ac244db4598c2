// Owns everything the extension creates: the log, the status controller and the commands.
import * as vscode from 'vscode';
import { COMMANDS, type CommandName, type CommandSpec } from '../core/base/commands';
import type { PublishAuthStatus } from '../core/base/model';
import { Disposable } from './disposable';
import { componentLogger, createLogChannel, recordingChannel } from './log';
import { createActionContext } from './actionContext';
import { commandHandlers } from './commandHandlers';
import { createCommand } from './createCommand';
import { vscodePrompts, type Prompts } from './prompts';
import type { CiDiagnostics } from './ciDiagnostics';
import { loadPipeline, loadWorkspace } from './lazyModules';
import { refreshDetailsPage } from './commands/showDetails';
import type { PackagesView } from './packagesView';
import { PackagesViewHost } from './packagesViewHost';
import { ReportDocuments } from './readOnlyDocument';
import { StateStore } from './stateStore';
import { StatusController } from './statusController';

/** What the extension offers other code (and its in-host tests). */
export interface PublishAuthApi {
  /** The status of the package shown now. */
  readonly status: PublishAuthStatus | undefined;
  /** The status bar item as shown now. */
  readonly statusItem: { text: string; tooltip: string | undefined; accessibilityLabel: string | undefined; visible: boolean; background: string | undefined };
  readonly onDidChangeStatus: vscode.Event<PublishAuthStatus | undefined>;
  /** Refreshes now and resolves when the status is up to date. */
  refresh(): Promise<void>;
  /** Resolves once no refresh is pending or running (after file events have been debounced). */
  whenIdle(): Promise<void>;
  /** For in-host tests, which cannot type into a real input box: replaces the prompts until reset with undefined. */
  usePrompts(prompts: Partial<Prompts> | undefined): void;
  /** For in-host tests: the packages view's rows, once every publishable package has its status. */
  packageRows(): ReturnType<PackagesView['settledRows']>;
  /** Fires when a row of the packages view (or the list) changed. */
  readonly onDidChangePackageRows: vscode.Event<unknown>;
  /** For in-host tests: the log lines this session wrote (redacted, as the channel shows them). */
  logText(): string;
  /** For in-host tests, which cannot wait days: the CI token reminders as at `now`; resolves with what globalState then holds. */
  remindCiTokens(now: number): Promise<unknown>;
}

export class PublishAuthExtension extends Disposable {
  readonly api: PublishAuthApi;
  private readonly channel = recordingChannel(this.register(createLogChannel()));
  private readonly controller: StatusController;
  private readonly store: StateStore;
  private prompts: Prompts = vscodePrompts;
  private readonly packages: PackagesViewHost;
  private readonly reminderLog = componentLogger(this.channel, 'account');

  constructor(context: vscode.ExtensionContext) {
    super();
    this.store = new StateStore(context.globalState);
    this.controller = this.register(new StatusController(this.store, componentLogger(this.channel, 'status')));
    this.packages = this.register(new PackagesViewHost(this.controller, componentLogger(this.channel, 'packages')));
    this.registerCommands();
    const { controller } = this;
    const item = controller.item;
    this.api = {
      get status() {
        return controller.status;
      },
      get statusItem() {
        const tooltip = item.tooltip;
        return {
          text: item.text,
          tooltip: typeof tooltip === 'string' ? tooltip : tooltip?.value,
          accessibilityLabel: item.accessibilityInformation?.label,
          visible: controller.itemVisible,
          background: item.backgroundColor?.id,
        };
      },
      onDidChangeStatus: controller.onDidChangeStatus,
      refresh: () => controller.refresh(),
      whenIdle: () => controller.whenIdle(),
      usePrompts: (prompts) => (this.prompts = { ...vscodePrompts, ...prompts }),
      logText: () => this.channel.lines.join('\n'),
      packageRows: async () => (await this.packages.load()).settledRows(),
      onDidChangePackageRows: this.packages.onDidChange,
      remindCiTokens: async (now) => (await this.remindCiTokens(now), this.store.ciTokens()),
    };
    this.watchCi();
    // Only with a status: the pipeline's bundle is loaded by then (a workspace without a package never loads it).
    this.register(controller.onDidChangeStatus((status) => status && void this.remindCiTokens(Date.now())));
    componentLogger(this.channel, 'extension').info('activated');
    controller.start();
  }

  /** The CI checklist of trusted publishing for the shown package, as Problems entries (dist/workspace.js). */
  private watchCi(): void {
    let ci: CiDiagnostics | undefined;
    this.register(this.controller.onDidChangeStatus((status) => {
      // Its quick fixes are registered with it, in dist/workspace.js: activation carries neither.
      // The Details page follows the status and shows its checklist: rendered again once that is known.
      ci ??= this.register(new (loadWorkspace().CiDiagnostics)(componentLogger(this.channel, 'trust'), refreshDetailsPage));
      ci.show(status);
    }));
  }

  /** The CI tokens created here that expire soon (dist/pipeline.js, loaded by the first status). */
  private remindCiTokens(now: number): Promise<void> {
    return loadPipeline().remindCiTokens(this.store, { prompts: () => this.prompts, log: this.reminderLog }, now);
  }

  private registerCommands(): void {
    const { controller } = this;
    const reports = this.register(new ReportDocuments());
    const actions = createActionContext(controller, this.store, componentLogger(this.channel, 'publish'), reports, () => this.prompts);
    const account = createActionContext(controller, this.store, componentLogger(this.channel, 'account'), reports, () => this.prompts);
    const handlers = commandHandlers({ controller, reports, log: { show: () => this.channel.show(true) }, actions, account, packages: this.packages });
    const host = {
      status: () => controller.status,
      prompts: () => this.prompts,
      notifier: actions,
      manifests: () => controller.tracker.all,
      select: async (manifest: string) => {
        if (controller.status?.package.manifestPath === manifest) return;
        controller.tracker.pick(manifest);
        await controller.refresh();
      },
    };
    for (const [name, spec] of Object.entries(COMMANDS) as [CommandName, CommandSpec][]) {
      this.register(vscode.commands.registerCommand(spec.id, createCommand(name, spec, handlers[name], host)));
    }
  }
}
