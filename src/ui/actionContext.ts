// What the action commands (publish, and the account actions) share: the log, remembered facts, the
// prompts, a fresh status before acting and a refresh after, the user's npm and its config.
import * as vscode from 'vscode';
import type { PublishAuthStatus } from '../core/base/model';
import type { ResolvedPublishConfig } from '../core/status/npmConfig';
import { registerSecret } from '../core/base/secrets';
import { loadPipeline, loadWebAuth } from './lazyModules';
import type { Logger } from './log';
import type { Prompts } from './prompts';
import type { ReportDocuments } from './readOnlyDocument';
import type { StateStore } from './stateStore';
import type { StatusController } from './statusController';
import { currentWorkspaceTrust } from './workspaceTrust';

export interface ActionContext {
  log: Logger;
  store: StateStore;
  prompts(): Prompts;
  reports: ReportDocuments;
  /** The status shown now, without asking the registry. */
  currentStatus(): PublishAuthStatus | undefined;
  /** Asks the registry again (a progress in the status bar meanwhile) and returns the current package's status. */
  freshStatus(title: string): Promise<PublishAuthStatus | undefined>;
  /** Refreshes after an action changed something; the new status. */
  afterAction(): Promise<PublishAuthStatus | undefined>;
  /** The npm executable a terminal would run. */
  npm(): Promise<string>;
  /** SECRET-BEARING options inside: see ResolvedPublishConfig. */
  publishConfig(folder: string): Promise<ResolvedPublishConfig>;
  /** Polls a web-auth `doneUrl` (honouring retry-after) until the registry hands out its one-time token; credentials go only to the registry's own origin. */
  waitForWebToken(doneUrl: string, registryUrl: string, fetchOptions: Record<string, unknown>, signal: AbortSignal): Promise<string>;
}

export function createActionContext(
  controller: StatusController,
  store: StateStore,
  log: Logger,
  reports: ReportDocuments,
  prompts: () => Prompts,
): ActionContext {
  const refreshed = async () => {
    await controller.refresh();
    return controller.status;
  };
  return {
    log,
    store,
    prompts,
    reports,
    currentStatus: () => controller.status,
    freshStatus: async (title) => vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, refreshed),
    afterAction: refreshed,
    async npm() {
      const { npmBin } = await controller.npmInstallation();
      if (!npmBin) throw new Error(vscode.l10n.t('npm was not found on PATH. Install Node.js and npm, then try again.'));
      return npmBin;
    },
    async publishConfig(folder) {
      const [{ resolvePublishConfig }, npm] = await Promise.all([Promise.resolve().then(loadPipeline), controller.npmInstallation()]);
      return resolvePublishConfig({ packageFolder: folder, env: process.env, npmPath: npm.npmPath, globalconfig: npm.globalconfig, workspaceTrust: currentWorkspaceTrust() });
    },
    async waitForWebToken(doneUrl, registryUrl, fetchOptions, signal) {
      const token = await loadWebAuth().pollForWebToken(doneUrl, registryUrl, fetchOptions, signal);
      registerSecret(token);
      return token;
    },
  };
}
