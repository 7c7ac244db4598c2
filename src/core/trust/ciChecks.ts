// The CI side of trusted publishing, as a checklist: what makes an OIDC publish from GitHub Actions
// work or fail quietly (npm-registry-protocol.md §8: npm ≥ 11.5.1, `id-token: write`, the environment
// the trusted publisher names, no token that npm would prefer, a repository.url provenance accepts).
// Pure: the caller reads the files. Each finding names its file and line where there is one, so the
// editor can show it in the Problems panel, and a fix when the edit is mechanical.
import { jsonMember } from '../base/jsonText';
import type { Localize } from '../base/localize';
import { plain } from '../base/text';
import type { WorkflowFile, WorkflowJob } from './workflowFile';
import { provenance } from './provenanceCheck';

/** The oldest npm that publishes with OIDC (npm-registry-protocol.md §8.2). */
export const OIDC_MIN_NPM = [11, 5, 1] as const;
/** The oldest npm with `npm stage` (npm-registry-protocol.md §7.7). */
export const STAGE_MIN_NPM = [11, 15, 0] as const;

export type CheckId = 'id-token' | 'npm-version' | 'environment' | 'npmrc-token' | 'node-auth-token' | 'repository' | 'provenance';

export interface CiFinding {
  id: CheckId;
  state: 'ok' | 'problem' | 'unknown';
  message: string;
  fix?: string;
  at?: { file: string; line: number };
  /** A mechanical edit the editor can offer as a quick fix. */
  quickFix?: 'add-id-token' | 'set-repository-url';
  /** Worth knowing, not a failure: shown as information rather than a warning. */
  advice?: true;
}

export interface CiInputs {
  workflows: readonly WorkflowFile[];
  /** The project `.npmrc` files npm reads for the package, with their text. */
  npmrcs: readonly { file: string; text: string }[];
  /** package.json, whose `repository` (a string or `{ url }`) provenance compares with the remote. */
  manifest?: { file: string; text: string };
  /** The git remote `origin`'s URL, when there is one. */
  remoteUrl?: string;
  /** The environment the trusted-publisher config names, when it is known (from the registry). */
  trustedEnvironment?: string;
  /** The audience npm asks an OIDC token for: `npm:<registry host>` (§8.2). */
  audience?: string;
}

const NPMJS_AUDIENCE = 'npm:registry.npmjs.org';

export function checkCi(inputs: CiInputs, t: Localize): CiFinding[] {
  const publishing = inputs.workflows.flatMap((file) => file.jobs.filter((job) => job.publishLines.length > 0).map((job) => ({ file, job })));
  const findings: CiFinding[] = [];
  if (publishing.length === 0) {
    findings.push({ id: 'id-token', state: 'unknown', message: t('No workflow in .github/workflows (or .gitlab-ci.yml) runs npm publish.') });
  }
  for (const { file, job } of publishing) {
    const oidc = file.provider === 'gitlab' ? gitlabIdToken(job, file.path, inputs.audience ?? NPMJS_AUDIENCE, t) : idToken(file, job, t);
    findings.push(oidc, npmVersion(file, job, t), environment(file, job, inputs.trustedEnvironment, t), nodeAuthToken(file, job, t));
  }
  findings.push(...npmrcTokens(inputs.npmrcs, t), repository(inputs.manifest, inputs.remoteUrl, t));
  if (inputs.manifest) findings.push(...provenance(inputs.manifest, publishing, t));
  return findings;
}

function idToken(file: WorkflowFile, job: WorkflowJob, t: Localize): CiFinding {
  // A job's own permissions replace the workflow's; with neither, GitHub grants no id-token.
  const permissions = job.permissions ?? file.permissions;
  const at = { file: file.path, line: permissions?.line ?? job.line };
  if (permissions?.idToken === 'write') return { id: 'id-token', state: 'ok', message: t('Job "{0}" may request an OIDC token (id-token: write).', plain(job.id)), at };
  return {
    id: 'id-token', state: 'problem', at, quickFix: 'add-id-token',
    message: t('Job "{0}" runs npm publish without "id-token: write": npm gets no OIDC token and falls back to a token or fails.', plain(job.id)),
    fix: t('Add "permissions: id-token: write" (and "contents: read") to the job.'),
  };
}

/** GitLab hands npm an ID token only through an `id_tokens` entry named NPM_ID_TOKEN with npm's audience. */
function gitlabIdToken(job: WorkflowJob, file: string, audience: string, t: Localize): CiFinding {
  const entry = job.idTokens?.find((token) => token.name === 'NPM_ID_TOKEN');
  const at = { file, line: entry?.line ?? job.line };
  if (entry?.aud === audience) return { id: 'id-token', state: 'ok', at, message: t('Job "{0}" gets an NPM_ID_TOKEN for {1}.', plain(job.id), audience) };
  const fix = t('Add "id_tokens: NPM_ID_TOKEN: aud: {0}" to the job.', audience);
  return {
    id: 'id-token', state: 'problem', at, fix,
    message: entry
      ? t('Job "{0}" asks for NPM_ID_TOKEN with aud "{1}"; npm\'s exchange accepts only "{2}".', plain(job.id), plain(entry.aud ?? ''), audience)
      : t('Job "{0}" runs npm publish without an NPM_ID_TOKEN id token: npm gets no OIDC token and falls back to a token or fails.', plain(job.id)),
  };
}

function npmVersion(file: WorkflowFile, job: WorkflowJob, t: Localize): CiFinding {
  const needed = job.stages ? STAGE_MIN_NPM : OIDC_MIN_NPM;
  const min = needed.join('.');
  const needs = job.stages ? t('npm stage publish needs npm {0} or newer', min) : t('publishing with OIDC needs npm {0} or newer', min);
  if (job.npmInstall) {
    const at = { file: file.path, line: job.npmInstall.line };
    const version = job.npmInstall.version;
    if (version === 'latest' || atLeast(version, needed)) return { id: 'npm-version', state: 'ok', at, message: t('The job installs npm@{0} ({1}).', plain(version), needs) };
    return { id: 'npm-version', state: 'problem', at, message: t('The job installs npm@{0}; {1}.', plain(version), needs), fix: t('Install npm@latest before publishing.') };
  }
  const node = job.nodeVersion;
  const major = node ? Number(/^v?(\d+)/.exec(node.value)?.[1]) : NaN;
  const at = { file: file.path, line: node?.line ?? job.line };
  const fix = t('Add "npm install -g npm@latest" before npm publish.');
  // Node 22 and older bundle npm 10; Node 24 began with npm 11.3.
  if (Number.isFinite(major) && major < 24) {
    return { id: 'npm-version', state: 'problem', at, fix, message: t('Node {0} bundles npm 10; {1}.', plain(node!.value), needs) };
  }
  return { id: 'npm-version', state: 'unknown', at, fix, message: t('Which npm the job runs is not known here; {0}.', needs) };
}

function environment(file: WorkflowFile, job: WorkflowJob, trusted: string | undefined, t: Localize): CiFinding {
  const at = { file: file.path, line: job.environment?.line ?? job.line };
  if (trusted === undefined) {
    return { id: 'environment', state: 'unknown', at, message: t('The environment of the trusted-publisher config is not known (reading it needs your second factor).') };
  }
  if (job.environment?.name === trusted) return { id: 'environment', state: 'ok', at, message: t('The job runs in environment "{0}", as the trusted publisher requires.', plain(trusted)) };
  return {
    id: 'environment', state: 'problem', at,
    message: job.environment
      ? t('The job runs in environment "{0}", but the trusted publisher requires "{1}": npm refuses the OIDC token.', plain(job.environment.name), plain(trusted))
      : t('The job names no environment, but the trusted publisher requires "{0}": npm refuses the OIDC token.', plain(trusted)),
    fix: t('Set "environment: {0}" on the job, or change the trusted-publisher config.', plain(trusted)),
  };
}

function nodeAuthToken(file: WorkflowFile, job: WorkflowJob, t: Localize): CiFinding {
  const set = job.nodeAuthToken ?? file.nodeAuthToken;
  if (!set) return { id: 'node-auth-token', state: 'ok', at: { file: file.path, line: job.line }, message: t('No NODE_AUTH_TOKEN: npm uses the OIDC token.') };
  return {
    id: 'node-auth-token', state: 'problem', at: { file: file.path, line: set.line },
    message: t('A token is set for the publish here (NODE_AUTH_TOKEN or an _authToken line): npm publishes with that token instead of trusted publishing.'),
    fix: file.provider === 'gitlab' ? t('Remove the token from the publishing job.') : t('Remove NODE_AUTH_TOKEN from the publishing job.'),
  };
}

function npmrcTokens(npmrcs: CiInputs['npmrcs'], t: Localize): CiFinding[] {
  const found = npmrcs.flatMap(({ file, text }) => text.split(/\r?\n/).flatMap((line, i) => (/^\s*[^#;]*:?_authToken\s*=/.test(line) ? [{ file, line: i + 1 }] : [])));
  if (found.length === 0) return [{ id: 'npmrc-token', state: 'ok', message: t('No project .npmrc sets an _authToken.') }];
  return found.map((at) => ({
    id: 'npmrc-token', state: 'problem', at,
    message: t('This _authToken line takes precedence over OIDC: npm publishes with the token (or fails when it is empty).'),
    fix: t('Remove the line from the project .npmrc for CI.'),
  }));
}

function repository(manifest: CiInputs['manifest'], remoteUrl: string | undefined, t: Localize): CiFinding {
  const declared = manifest && jsonMember(manifest.text, ['repository']);
  const url = typeof declared?.value === 'string' ? declared.value : declared?.value && typeof declared.value === 'object' ? (declared.value as { url?: unknown }).url : undefined;
  const remote = remoteUrl ? repositorySlug(remoteUrl) : undefined;
  if (!remote) return { id: 'repository', state: 'unknown', message: t('No git remote to compare package.json\'s repository with.') };
  const ours = typeof url === 'string' ? repositorySlug(url) : undefined;
  if (ours === remote) return { id: 'repository', state: 'ok', message: t('package.json\'s repository matches the git remote ({0}).', plain(remote)) };
  return {
    id: 'repository', state: 'problem', quickFix: 'set-repository-url',
    ...(manifest && declared && { at: { file: manifest.file, line: declared.line } }),
    message: typeof url === 'string'
      ? t('package.json\'s repository ({0}) is not the git remote ({1}): provenance fails with E422.', plain(url), plain(remote))
      : t('package.json has no repository.url: provenance needs it to be the git remote ({0}).', plain(remote)),
    fix: t('Set "repository": {"type": "git", "url": "git+https://github.com/{0}.git"}.', plain(remote)),
  };
}

/** `owner/repo` (lower case) of a GitHub URL in any of npm's and git's spellings; undefined for other hosts. */
export function repositorySlug(url: string): string | undefined {
  const match = /^(?:git\+)?(?:https?:\/\/|git:\/\/|ssh:\/\/git@|git@)?(?:www\.)?github\.com[/:]([^/\s]+)\/([^/\s#]+?)(?:\.git)?\/?(?:#.*)?$/i.exec(url.trim())
    ?? /^github:([^/\s]+)\/([^/\s#]+?)(?:\.git)?$/i.exec(url.trim())
    ?? /^([\w.-]+)\/([\w.-]+)$/.exec(url.trim()); // npm's shorthand "owner/repo" means GitHub
  return match ? `${match[1]}/${match[2]}`.toLowerCase() : undefined;
}

/** GitHub `owner/repo` as the remote spells it (the trusted publisher and provenance compare it as GitHub reports it). */
export function githubRepository(url: string): string | undefined {
  const slug = repositorySlug(url);
  if (!slug) return undefined;
  // repositorySlug lower-cases for comparing; this keeps the remote's own spelling.
  const index = url.toLowerCase().lastIndexOf(slug);
  return index >= 0 ? url.slice(index, index + slug.length) : slug;
}

/** Whether a version npm installs for `npm@<version>` is at least `min`; a bare major (`11`, `^11`) gets that major's newest. */
function atLeast(version: string, min: readonly number[]): boolean {
  const parts = /^[\^~]?v?(\d+)(?:\.(\d+|x))?(?:\.(\d+|x))?/.exec(version);
  if (!parts) return false;
  if (parts[2] === undefined || parts[2] === 'x' || version.startsWith('^')) return Number(parts[1]) >= min[0]!;
  const part = (value: string | undefined) => (value === undefined ? 0 : value === 'x' ? Infinity : Number(value));
  const have = [Number(parts[1]), part(parts[2]), part(parts[3])];
  for (let i = 0; i < 3; i++) if (have[i] !== min[i]) return have[i]! > min[i]!;
  return true;
}
