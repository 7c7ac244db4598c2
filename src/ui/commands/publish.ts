// "npm: Publish with OTP": pre-flight from a fresh status, a modal confirmation (or a dry run), one
// build, then the upload with exactly the prompt the registry asks for, and a result that names
// name@version and feeds what was learned back into the status.
import * as vscode from 'vscode';
import { registryHost } from '../../core/base/text';
import type { PublishAuthStatus } from '../../core/base/model';
import { npmRunner } from '../../core/publish/npmProcess';
import { describePublishFailure, landedSentence } from '../../core/publish/publishMessages';
import { confirmation, preflight, type PublishPlan } from '../../core/publish/publishPlan';
import { inert } from '../../core/base/text';
import { whatPublishTeaches } from '../../core/publish/publishLessons';
import { publishPackage, type PublishResult, type PublishStep } from '../../core/publish/publishRunner';
import type { ConfiguredTarget } from '../createCommand';
import { tell } from '../notify';
import { secondFactorPrompts } from './accountFlow';
import { showDryRun } from './dryRun';
import type { ActionContext } from '../actionContext';

/**
 * The wrapper (createCommand.ts) gives a fresh status and its config, refuses a second publish of a
 * package under way, and tells what throws.
 */
export async function publish(context: ActionContext, { status, config }: ConfiguredTarget): Promise<void> {
  const t = vscode.l10n.t;
  if (!vscode.workspace.isTrusted) return; // asked by the command's trust check (workspaceTrust.ts); never run the scripts here
  const check = preflight(status, { tag: config.fetchOptions.defaultTag, access: config.fetchOptions.access }, t);
  if (!check.ok) {
    tell(context, 'error', t('Not published: {0}', check.reason), check.fix);
    return;
  }
  const { plan } = check;
  const { message, detail } = confirmation(plan, t);
  const go = plan.stage ? t('Stage') : t('Publish');
  const dryRun = t('Dry Run');
  const choice = await context.prompts().confirm(message, detail, go, dryRun);
  if (choice === dryRun) return showDryRun(context, status, plan);
  if (choice !== go) return;
  const result = await upload(context, status, plan, config.fetchOptions);
  await report(context, status, plan, result);
}

async function upload(context: ActionContext, status: PublishAuthStatus, plan: PublishPlan, fetchOptions: Record<string, unknown>): Promise<PublishResult> {
  const t = vscode.l10n.t;
  const stepText = publishStepWords();
  const log = context.log;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: plan.stage ? t('Staging {0}', plan.id) : t('Publishing {0}', plan.id), cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      const npm = await context.npm();
      log.info(`publishing ${plan.id} to ${registryHost(plan.registryUrl)}`);
      return publishPackage(
        {
          folder: status.package.folder,
          run: npmRunner(npm, process.env),
          askOtpFirst: plan.expects === 'one-time-password',
          stage: plan.stage,
          signal: controller.signal,
        },
        {
          step: (step) => progress.report({ message: stepText[step] }),
          output: (line) => line.trim() && log.info(`[npm] ${line}`),
          // The approval reports into this notification: one notification, one Cancel.
          ...secondFactorPrompts(context, t('Publish {0}', plan.id), plan.registryUrl, fetchOptions, t('approve it in your browser'), {
            report: (message) => progress.report({ message }),
            signal: controller.signal,
          }),
        },
      );
    },
  );
}

/** What the progress says at each step of one publish. */
export function publishStepWords(): Record<PublishStep, string> {
  const t = vscode.l10n.t;
  return {
    building: t('building (prepublishOnly)…'),
    packing: t('packing (prepack, prepare, postpack)…'),
    uploading: t('uploading…'),
    'waiting-for-approval': t('waiting for your approval in the browser…'),
    finishing: t('running publish scripts…'),
  };
}

/** What the registry's answer taught about the account and the package, kept for the next status. */
export async function rememberLessons(context: ActionContext, status: PublishAuthStatus, plan: PublishPlan, result: PublishResult): Promise<void> {
  const lessons = whatPublishTeaches(result, status.credential, Date.now(), vscode.l10n.t);
  if (lessons.twoFactorMethod) await context.store.rememberTwoFactorMethod(plan.registryUrl, lessons.twoFactorMethod.username, lessons.twoFactorMethod.method);
  if (lessons.publishingAccess) await context.store.rememberPublishingAccessLearned(plan.registryUrl, plan.name, lessons.publishingAccess);
}

async function report(context: ActionContext, status: PublishAuthStatus, plan: PublishPlan, result: PublishResult): Promise<void> {
  const t = vscode.l10n.t;
  const host = registryHost(plan.registryUrl);
  context.log.info(`${plan.id}: ${result.kind}${result.kind === 'failed' ? ` (${result.failure.kind}, ${result.failure.npmCode ?? 'no code'})` : ''}`);
  await rememberLessons(context, status, plan, result);
  switch (result.kind) {
    case 'cancelled':
      void vscode.window.showInformationMessage(t('Publishing {0} was cancelled; nothing was uploaded.', plan.id));
      return;
    case 'staged': {
      await context.afterAction();
      // The id goes into the command the button copies, not at the end of a sentence.
      const approve = result.stageId && `npm stage approve ${result.stageId}`;
      if (approve) context.log.info(`${plan.id}: staged as ${result.stageId}; release it with: ${approve}`);
      const copy = t('Copy Approve Command');
      const text = t('Staged {0} on {1}. A maintainer releases it by approving it with 2FA: on the website, or with npm stage approve.', plan.id, host);
      void context.prompts().message('info', inert(text), ...(approve ? [copy] : [])).then((choice) => {
        if (approve && choice === copy) void vscode.env.clipboard.writeText(approve);
      });
      return;
    }
    case 'published': {
      const after = await context.afterAction();
      const visible = after?.packageFacts?.state === 'published' && after.packageFacts.versions.includes(plan.version);
      const lines = [t('Published {0} to {1}.', plan.id, host)];
      if (!visible) lines.push(t('The registry accepted it and is still processing it; the version shows within a minute or so.'));
      if (result.scriptFailed) lines.push(t('The "{0}" script failed afterwards; see the log.', result.scriptFailed));
      const open = t('Open on npm');
      const onNpm = host === 'registry.npmjs.org';
      void vscode.window.showInformationMessage(inert(lines.join(' ')), ...(onNpm ? [open] : [])).then((choice) => {
        if (choice === open) void vscode.env.openExternal(vscode.Uri.parse(`https://www.npmjs.com/package/${plan.name}/v/${plan.version}`));
      });
      return;
    }
    case 'failed': {
      const { failure } = result;
      const described = describePublishFailure(failure, plan.id, t);
      if (failure.kind === 'network' && result.uploadStarted) {
        const after = await context.afterAction();
        const facts = after?.packageFacts;
        const landed = facts?.state === 'published' ? facts.versions.includes(plan.version) : facts?.state === 'unpublished' ? false : undefined;
        described.message = `${described.message} ${landedSentence(landed, plan.id, t)}`;
      } else {
        await context.afterAction();
      }
      tell(context, 'error', described.message, described.fix);
      return;
    }
  }
}
