// A package's trusted-publisher configuration (npm-registry-protocol.md §8.1): what
// `GET /-/package/<pkg>/trust` answers, read defensively; what `npm trust github|gitlab` POSTs, built
// the way npm 11 builds it (lib/trust-cmd.js + lib/commands/trust/*.js), so that the registry sees
// the same body whichever of the two set it up; and the words a person reads about one. Pure.
import type { Localize } from '../base/localize';
import type { TrustConfig, TrustPermissions } from '../base/model';
import { plain } from '../base/text';

export type { TrustConfig, TrustPermissions };

export type TrustProvider = 'github' | 'gitlab';

/** What the set-up wizard asks for: the inputs of `npm trust github|gitlab <pkg> …`. */
export interface TrustRequest {
  provider: TrustProvider;
  /** GitHub: `owner/repo`; GitLab: the project path `group/sub/project`. */
  repository: string;
  /** GitHub: the workflow's file name (no folder); GitLab: the pipeline file (`.gitlab-ci.yml`). */
  file: string;
  environment?: string;
  permissions: TrustPermissions;
}

/** The body of `POST /-/package/<pkg>/trust`: an array of one config, key for key as npm sends it. */
export function trustBody(request: TrustRequest): unknown[] {
  const { provider, repository, file, environment, permissions } = requestedTrust(request);
  const claims = provider === 'github'
    ? { repository, workflow_ref: { file }, ...(environment && { environment }) }
    : { project_path: repository, ci_config_ref_uri: { file }, ...(environment && { environment }) };
  return [{ type: provider, claims, permissions: [...(permissions.publish ? ['createPackage'] : []), ...(permissions.stage ? ['createStagedPackage'] : [])] }];
}

/** The same configuration as an npm command line, for the confirmation (and for a person's CI notes). */
export function trustCommandLine(packageName: string, request: TrustRequest): string {
  const { provider, repository, file, environment, permissions } = requestedTrust(request);
  return [
    'npm trust', provider, packageName, provider === 'github' ? '--repo' : '--project', repository, '--file', file,
    ...(environment ? ['--env', environment] : []),
    ...(permissions.publish ? ['--allow-publish'] : []), ...(permissions.stage ? ['--allow-stage-publish'] : []),
  ].join(' ');
}

/** Why a request cannot be sent as it is (npm's own checks), or undefined. */
export function checkTrustRequest(request: TrustRequest, t: Localize): string | undefined {
  const repository = request.repository.trim();
  if (request.provider === 'github' && !/^[\w.-]+\/[\w.-]+$/.test(repository)) return t('The repository must be owner/repository.');
  if (request.provider === 'gitlab' && !/^[\w.-]+(\/[\w.-]+)+$/.test(repository)) return t('The project must be its path, group/project.');
  const file = request.file.trim();
  if (!/\.ya?ml$/.test(file)) return t('The file must end in .yml or .yaml.');
  if (request.provider === 'github' && file.includes('/')) return t('Only the workflow\'s file name, without .github/workflows/.');
  if (request.environment !== undefined && /\s/.test(request.environment.trim())) return t('An environment name has no spaces.');
  if (!request.permissions.publish && !request.permissions.stage) return t('Allow npm publish, npm stage publish, or both.');
  return undefined;
}

/**
 * The registry's answer to `GET …/trust`: an array of configs (npm prints an object too). A config
 * of an unexpected shape makes the whole answer not understood: a half-read list would hide one.
 */
export function readTrustConfigs(body: unknown): { ok: true; configs: TrustConfig[] } | { ok: false; why: string } {
  const items = Array.isArray(body) ? body : body && typeof body === 'object' ? [body] : undefined;
  if (!items) return { ok: false, why: 'the answer is not a list of configurations' };
  const configs: TrustConfig[] = [];
  for (const item of items) {
    const { id, type, claims, permissions } = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
    if (typeof id !== 'string' || !id || typeof type !== 'string' || !type) return { ok: false, why: 'a configuration has no id or type' };
    const c = (claims && typeof claims === 'object' ? claims : {}) as Record<string, unknown>;
    const ref = (type === 'gitlab' ? c.ci_config_ref_uri : c.workflow_ref) as { file?: unknown } | undefined;
    const repository = type === 'gitlab' ? c.project_path : c.repository;
    // Configs made before 2026-05-20 carry no permissions and allow npm publish only (§8.1).
    const allowed = Array.isArray(permissions) ? permissions : ['createPackage'];
    configs.push({
      id, provider: type,
      ...(typeof repository === 'string' && { repository }),
      ...(typeof ref?.file === 'string' && { file: ref.file }),
      ...(typeof c.environment === 'string' && c.environment && { environment: c.environment }),
      permissions: { publish: allowed.includes('createPackage'), stage: allowed.includes('createStagedPackage') },
    });
  }
  return { ok: true, configs };
}

/** The stored config says what the request asks for (nothing to change). */
export function sameTrust(config: TrustConfig, request: TrustRequest): boolean {
  const wanted = requestedTrust(request);
  return config.provider === wanted.provider && config.repository === wanted.repository && config.file === wanted.file
    && config.environment === wanted.environment
    && config.permissions.publish === wanted.permissions.publish && config.permissions.stage === wanted.permissions.stage;
}

const PROVIDER_NAMES: Record<string, string> = { github: 'GitHub Actions', gitlab: 'GitLab CI/CD', circleci: 'CircleCI' };

export function providerName(provider: string): string {
  return PROVIDER_NAMES[provider] ?? plain(provider);
}

/** "npm publish", "npm stage publish" or both: what CI may do through the config. */
export function allowedSentence(permissions: TrustPermissions, t: Localize): string {
  if (permissions.publish && permissions.stage) return t('allows npm publish and npm stage publish');
  if (permissions.stage) return t('allows npm stage publish only (a maintainer approves)');
  if (permissions.publish) return t('allows npm publish');
  return t('allows nothing');
}

/** One line: "GitHub Actions · owner/repo · publish.yml · environment prod · allows npm publish". */
export function describeTrust(config: Omit<TrustConfig, 'id'>, t: Localize): string {
  return [
    providerName(config.provider),
    ...(config.repository ? [plain(config.repository)] : []),
    ...(config.file ? [plain(config.file)] : []),
    ...(config.environment ? [t('environment {0}', plain(config.environment))] : []),
    allowedSentence(config.permissions, t),
  ].join(' · ');
}

/** The request as the config the registry will store (for describing it before it is sent). */
export function requestedTrust(request: TrustRequest): Omit<TrustConfig, 'id'> & { provider: TrustProvider; repository: string; file: string } {
  const environment = request.environment?.trim() || undefined;
  return { provider: request.provider, repository: request.repository.trim(), file: request.file.trim(), ...(environment && { environment }), permissions: request.permissions };
}
