// What the repository around a package shows about its CI, read from files only (a repository is
// untrusted input: no git process, nothing run, no file over 1 MB, no FIFO or device): the nearest
// `.git` folder, the remote `origin` from `.git/config`, the GitHub workflows and a GitLab pipeline.
// Shared by the CI checklist (Problems, Details) and the trusted-publishing wizard.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { unreadableFileProblem } from '../core/status/configFiles';
import type { WorkspaceCi } from '../core/trust/trustProposal';
import { readWorkflow } from '../core/trust/workflowFile';
import { readGitlabPipeline } from '../core/trust/gitlabPipeline';

const MAX_FILE_BYTES = 1024 * 1024;

export interface RepositoryCi extends WorkspaceCi {
  root: string;
}

/** The CI files of the repository `folder` is in; undefined outside a git repository. */
export async function readRepositoryCi(folder: string): Promise<RepositoryCi | undefined> {
  const root = await repositoryRoot(folder);
  if (!root) return undefined;
  const workflowsDir = path.join(root, '.github', 'workflows');
  const names = await fs.readdir(workflowsDir).catch(() => [] as string[]);
  const workflows = (await Promise.all(names.filter((n) => /\.ya?ml$/.test(n)).sort().map(async (name) => {
    const file = path.join(workflowsDir, name);
    const text = await readSmall(file);
    return text === undefined ? [] : [{ file: readWorkflow(file, text), text }];
  }))).flat();
  const gitlabFile = path.join(root, '.gitlab-ci.yml');
  const gitlab = await readSmall(gitlabFile);
  return {
    root, workflows,
    ...(gitlab !== undefined && { gitlabCi: { file: readGitlabPipeline(gitlabFile, gitlab), text: gitlab } }),
    remoteUrl: originUrl((await readSmall(path.join(root, '.git', 'config'))) ?? ''),
  };
}

/** The remote `origin`'s URL of the repository `folder` is in. */
export async function readOriginUrl(folder: string): Promise<string | undefined> {
  const root = await repositoryRoot(folder);
  return root && originUrl((await readSmall(path.join(root, '.git', 'config'))) ?? '');
}

/** The nearest folder at or above `folder` with a `.git` folder. */
async function repositoryRoot(folder: string): Promise<string | undefined> {
  for (let dir = folder, i = 0; i < 32; i++) {
    const stat = await fs.stat(path.join(dir, '.git')).catch(() => undefined);
    if (stat?.isDirectory()) return dir;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
  return undefined;
}

/** `[remote "origin"] url = …` of a git config. */
function originUrl(config: string): string | undefined {
  let inOrigin = false;
  for (const line of config.split(/\r?\n/)) {
    const section = /^\s*\[(.*)\]\s*$/.exec(line);
    if (section) inOrigin = /^remote\s+"origin"$/.test(section[1]!.trim());
    const url = inOrigin && /^\s*url\s*=\s*(\S+)\s*$/.exec(line);
    if (url) return url[1];
  }
  return undefined;
}

/** A regular file's text, at most 1 MB; undefined otherwise (a FIFO or device would block the read). */
export async function readSmall(file: string): Promise<string | undefined> {
  if (await unreadableFileProblem(file, MAX_FILE_BYTES)) return undefined;
  return fs.readFile(file, 'utf8').catch(() => undefined);
}
