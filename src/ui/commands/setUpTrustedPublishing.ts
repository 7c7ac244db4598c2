// "npm: Set Up Trusted Publishing…": what `npm trust github|gitlab` does, proposed from what the
// repository shows (the git remote, the workflows that run npm publish, a GitLab pipeline) and
// confirmed in full before anything is sent. npm keeps one trusted publisher per package, so the
// current one is read first (second factor), and replacing it revokes it after a confirmation.
import * as vscode from 'vscode';
import { addTrust } from '../../core/account/accountRequests';
import { runSteps, type PickItem, type Step, type Values } from '../../core/policy/multiStep';
import { inert } from '../../core/base/text';
import {
  checkTrustRequest, describeTrust, readTrustConfigs, requestedTrust, sameTrust, trustBody, trustCommandLine,
  type TrustProvider, type TrustRequest,
} from '../../core/trust/trustConfig';
import { proposeTrust, type TrustProposal } from '../../core/trust/trustProposal';
import type { ActionContext } from '../actionContext';
import type { ConfiguredTarget } from '../createCommand';
import { tell } from '../notify';
import { readRepositoryCi } from '../repositoryFiles';
import { readTrust, revokeConfig, trustCall, trustPreconditionMet } from './trustedPublisher';

/** The file step's row for a file the workspace does not show. */
const OTHER_FILE = '';

export async function setUpTrustedPublishing(context: ActionContext, target: ConfiguredTarget): Promise<void> {
  const t = vscode.l10n.t;
  const { status, config } = target;
  if (!trustPreconditionMet(context, status)) return;
  const name = status.package.name!;
  const proposal = proposeTrust((await readRepositoryCi(status.package.folder)) ?? { workflows: [] });
  const request = await askTrustRequest(context, name, proposal);
  if (!request) return;

  const current = await readTrust(context, target);
  if (current.kind === 'cancelled') return done(context);
  let reuse = current.accepted;
  const [existing] = current.value;
  if (existing && sameTrust(existing, request)) {
    tell(context, 'info', t('Trusted publishing of {0} is already set up this way: {1}.', name, describeTrust(existing, t)));
    return done(context);
  }
  if (existing) {
    const replace = t('Replace');
    const detail = [t('Now: {0}', describeTrust(existing, t)), t('New: {0}', describeTrust(requestedTrust(request), t)), '',
      t('npm keeps one trusted publisher per package: the current one is revoked first.')].join('\n');
    if ((await context.prompts().confirm(t('Replace the trusted publisher of {0}?', name), detail, replace)) !== replace) return done(context);
    const revoked = await revokeConfig(context, target, existing, reuse);
    if (revoked.kind === 'cancelled') return done(context);
    reuse = revoked.accepted;
  }
  const created = await trustCall(context, target, (otp) => addTrust(config.registry.url, config.fetchOptions, name, trustBody(request), otp), reuse);
  if (created.kind === 'cancelled') return done(context);
  // The registry's own description when it sent one; else the request with the id left unknown.
  const answered = readTrustConfigs(created.value);
  const stored = answered.ok && answered.configs[0] ? answered.configs[0] : { id: '', ...requestedTrust(request) };
  await context.store.rememberTrustedPublishing(config.registry.url, name, { state: 'configured', config: stored, at: Date.now(), how: 'set' });
  context.log.info(`trusted publisher of ${name} set: ${request.provider} ${request.file}`);
  await context.afterAction();
  tell(context, 'info', t('Trusted publishing of {0} is set up: {1}. CI publishes without a token from now on.', name, describeTrust(stored, t)));
}

async function done(context: ActionContext): Promise<void> {
  await context.afterAction();
}

function wizardSteps(name: string, proposal: TrustProposal): Step[] {
  const t = vscode.l10n.t;
  const title = t('Trusted publishing of {0}', inert(name));
  const workflowRows = (values: Values): PickItem[] => [
    ...proposal.workflows.filter(() => values.provider === proposal.provider).map((w) => ({
      value: w.file, label: w.file,
      description: w.jobs.length > 0 ? t('job {0} runs npm publish', inert(w.jobs.join(', '))) : t('runs npm publish'),
      detail: w.environment ? t('environment {0}', inert(w.environment)) : undefined,
    })),
    { value: OTHER_FILE, label: t('Another file…'), description: values.provider === 'github' ? t('a file in .github/workflows') : '.gitlab-ci.yml' },
  ];
  return [
    {
      id: 'provider', kind: 'pick', title, placeholder: t('Where does CI publish {0}?', inert(name)),
      items: [{ value: 'github', label: 'GitHub Actions' }, { value: 'gitlab', label: 'GitLab CI/CD' }],
    },
    {
      id: 'repository', kind: 'text', title,
      prompt: (values) => values.provider === 'github' ? t('The GitHub repository, owner/repository') : t('The GitLab project path, group/project'),
      validate: (value, values) => checkTrustRequest({ ...placeholderRequest(values), repository: value }, t),
    },
    { id: 'workflow', kind: 'pick', title, placeholder: t('The workflow that publishes'), items: workflowRows },
    {
      id: 'file', kind: 'text', title, when: (values) => values.workflow === OTHER_FILE,
      prompt: (values) => values.provider === 'github' ? t('The workflow\'s file name in .github/workflows') : t('The pipeline file'),
      validate: (value, values) => checkTrustRequest({ ...placeholderRequest(values), file: value }, t),
    },
    {
      id: 'environment', kind: 'text', title,
      prompt: t('The environment the job must run in (empty: any; a protected environment is safer)'),
      validate: (value, values) => checkTrustRequest({ ...placeholderRequest(values), environment: value }, t),
    },
    {
      id: 'permissions', kind: 'pick', title, placeholder: t('What may CI do?'),
      items: [
        { value: 'publish', label: 'npm publish', detail: t('CI publishes directly.') },
        { value: 'stage', label: 'npm stage publish', detail: t('CI stages; a maintainer approves with 2FA.') },
        { value: 'both', label: t('Both') },
      ],
    },
  ];
}

/** A request that passes every check but the one field being validated. */
function placeholderRequest(values: Values): TrustRequest {
  return { provider: (values.provider ?? 'github') as TrustProvider, repository: 'a/b', file: 'a.yml', permissions: { publish: true, stage: false } };
}

function requestFrom(values: Values): TrustRequest {
  const environment = values.environment?.trim();
  return {
    provider: values.provider as TrustProvider,
    repository: values.repository!.trim(),
    file: (values.workflow === OTHER_FILE ? values.file : values.workflow)!.trim(),
    ...(environment && { environment }),
    permissions: { publish: values.permissions !== 'stage', stage: values.permissions !== 'publish' },
  };
}

/** The wizard, then the whole configuration in a modal: Set Up goes on, Change… goes back to the wizard. */
async function askTrustRequest(context: ActionContext, name: string, proposal: TrustProposal): Promise<TrustRequest | undefined> {
  const t = vscode.l10n.t;
  const setUp = t('Set Up');
  const change = t('Change…');
  const first = proposal.workflows[0];
  let start: Values = {
    provider: proposal.provider, repository: proposal.repository ?? '', workflow: first?.file ?? OTHER_FILE,
    environment: proposal.environment ?? '', permissions: proposal.permissions.stage ? (proposal.permissions.publish ? 'both' : 'stage') : 'publish',
  };
  for (;;) {
    const answers = await runSteps(wizardSteps(name, proposal), start, (view) => context.prompts().step(view));
    if (!answers) return undefined;
    const request = requestFrom(answers);
    const invalid = checkTrustRequest(request, t);
    const detail = [
      describeTrust(requestedTrust(request), t),
      '',
      t('Anyone who can change {0} in {1} can publish {2}.', request.file, request.repository, name),
      t('Same as: {0}', trustCommandLine(name, request)),
      ...(invalid ? ['', invalid] : []),
    ].join('\n');
    const choice = await context.prompts().confirm(t('Set up trusted publishing of {0}?', name), detail, ...(invalid ? [change] : [setUp, change]));
    if (choice === setUp) return request;
    if (choice !== change) return undefined;
    start = answers;
  }
}
