import * as vscode from 'vscode';
import { registryHost } from '../../core/base/text';
import { parseDryRun, renderDryRun } from '../../core/publish/dryRunReport';
import type { PublishAuthStatus } from '../../core/base/model';
import { npmRunner } from '../../core/publish/npmProcess';
import type { PublishPlan } from '../../core/publish/publishPlan';
import type { ActionContext } from '../actionContext';

/** npm's own dry run in the package folder (its scripts run, nothing is sent), shown as a readable report. */
export async function showDryRun(context: ActionContext, status: PublishAuthStatus, plan: PublishPlan): Promise<void> {
  const t = vscode.l10n.t;
  const npm = await context.npm();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Dry run of {0}…', plan.id), cancellable: true },
    (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return npmRunner(npm, process.env)(['publish', '--dry-run', '--json'], {
        cwd: status.package.folder,
        signal: controller.signal,
        onOutput: (line) => line.trim() && context.log.info(`[npm] ${line}`),
      });
    },
  );
  if (result.exitCode === 130) return;
  const summary = result.exitCode === 0 ? parseDryRun(result.stdout) : undefined;
  if (!summary) {
    const showLog = t('Show Log');
    const choice = await vscode.window.showErrorMessage(t('The dry run of {0} failed; npm\'s output is in the log.', plan.id), showLog);
    if (choice === showLog) context.log.show();
    return;
  }
  await context.reports.show(t('Dry run {0}', plan.id), renderDryRun(summary, registryHost(plan.registryUrl), t));
}
