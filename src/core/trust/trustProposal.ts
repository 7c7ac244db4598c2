// What the set-up wizard proposes, from what the workspace shows: the git remote (→ GitHub
// owner/repo or GitLab project path), the workflows in .github/workflows that run `npm publish` /
// `npm stage publish` (→ the file, its job's environment, the permissions it needs), and a GitLab
// pipeline file (the same, from gitlabPipeline.ts). Every proposal is only a default the person can change. Pure.
import { githubRepository } from './ciChecks';
import type { TrustPermissions, TrustProvider } from './trustConfig';
import type { WorkflowFile } from './workflowFile';

export interface PublishingWorkflow {
  /** The file name (what the trusted publisher names), e.g. `publish.yml`. */
  file: string;
  /** The jobs that publish, and the environment the first of them runs in. */
  jobs: string[];
  environment?: string;
  /** What its publish lines run. */
  permissions: TrustPermissions;
}

export interface TrustProposal {
  provider: TrustProvider;
  /** From the git remote; undefined when the remote is not on the provider's host. */
  repository?: string;
  /** GitHub workflows that publish (the first is proposed); for GitLab, the pipeline file. */
  workflows: PublishingWorkflow[];
  environment?: string;
  permissions: TrustPermissions;
}

export interface WorkspaceCi {
  remoteUrl?: string;
  workflows: readonly { file: WorkflowFile; text: string }[];
  /** `.gitlab-ci.yml` at the repository root, when there is one (read by gitlabPipeline.ts). */
  gitlabCi?: { file: WorkflowFile; text: string };
}

/** GitLab's `group/sub/project` of a gitlab.com remote in git's spellings; undefined for other hosts. */
export function gitlabProjectPath(url: string): string | undefined {
  const match = /^(?:git\+)?(?:https?:\/\/|ssh:\/\/git@|git@)?gitlab\.com[/:]((?:[\w.-]+\/)+[\w.-]+?)(?:\.git)?\/?$/i.exec(url.trim());
  return match?.[1];
}

/** What the lines run: `npm publish`, `npm stage publish` or both; undefined when neither. */
function publishPermissions(lines: readonly string[]): TrustPermissions | undefined {
  const stage = lines.some((line) => /\bnpm\s+stage\s+publish\b/.test(line));
  const publish = lines.some((line) => /\bnpm\s+publish\b/.test(line));
  return stage || publish ? { publish, stage } : undefined;
}

function publishingWorkflow({ file, text }: WorkspaceCi['workflows'][number]): PublishingWorkflow | undefined {
  // A GitHub workflow or a GitLab pipeline: both read into the same shape.
  const jobs = file.jobs.filter((job) => job.publishLines.length > 0);
  if (jobs.length === 0) return undefined;
  const lines = text.split(/\r?\n/);
  // A line the workflow reader counts as publishing, in neither spelling (`pnpm publish`…), publishes.
  const permissions = publishPermissions(jobs.flatMap((job) => job.publishLines.map((n) => lines[n - 1] ?? ''))) ?? { publish: true, stage: false };
  const name = file.path.split(/[\\/]/).pop() ?? file.path;
  const environment = jobs.find((job) => job.environment)?.environment?.name;
  return { file: name, jobs: jobs.map((job) => job.id), ...(environment && { environment }), permissions };
}

export function proposeTrust(ci: WorkspaceCi): TrustProposal {
  const github = ci.workflows.map(publishingWorkflow).filter((w): w is PublishingWorkflow => w !== undefined).sort((a, b) => a.file.localeCompare(b.file));
  const gitlab = ci.gitlabCi ? publishingWorkflow(ci.gitlabCi) : undefined;
  const remoteGithub = ci.remoteUrl ? githubRepository(ci.remoteUrl) : undefined;
  const remoteGitlab = ci.remoteUrl ? gitlabProjectPath(ci.remoteUrl) : undefined;
  // The remote's host decides first; without one, whichever CI files publish.
  const provider: TrustProvider = remoteGitlab || (!remoteGithub && gitlab && github.length === 0) ? 'gitlab' : 'github';
  const workflows = provider === 'github' ? github : gitlab ? [gitlab] : [{ file: '.gitlab-ci.yml', jobs: [], permissions: { publish: true, stage: false } }];
  const first = workflows[0];
  return {
    provider,
    repository: provider === 'github' ? remoteGithub : remoteGitlab,
    workflows,
    ...(first?.environment && { environment: first.environment }),
    permissions: first?.permissions ?? { publish: true, stage: false },
  };
}
