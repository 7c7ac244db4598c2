// Which registry `npm publish` would send this package to, and which configured credential npm
// would attach — found by running npm's own config loader (@npmcli/config) and credential lookup
// (npm-registry-fetch's auth.js), so that npm's rules are reused rather than imitated.
import Config from '@npmcli/config';
import { definitions, flatten, nerfDarts, shorthands } from '@npmcli/config/lib/definitions';
import envReplace from '@npmcli/config/lib/env-replace.js';
import npmNerfDart from '@npmcli/config/lib/nerf-dart.js';
import npa from 'npm-package-arg';
import getAuth from 'npm-registry-fetch/lib/auth.js';
import { createHash } from 'node:crypto';
import * as os from 'node:os';
import { inspect } from 'node:util';
import { GuardedNpmConfig } from './guardedNpmConfig';
import type { ConfigLayer, ConfigSource, ConfiguredCredential, PackageInfo, RegistryTarget, TransportRisk } from '../base/model';
import {
  describeLayer, dropUnreadableCafile, dropUnreadableClientCertificates, isNameableKey, lineOf, registerAttachedSecrets,
  registerNpmConfigSecrets, unreadableConfigFiles,
} from './npmConfigChecks';
import { readPackageManifest } from './packageManifest';
import { restrictRepositoryConfig, transportRisk, type WorkspaceTrust } from './repositoryTrust';
import { basicAuthUsername, maskToken, redactSecrets, safeUsername } from '../base/secrets';

type Env = Readonly<Record<string, string | undefined>>;

/** Everything npm's config depends on, explicit so that callers and tests control it. */
export interface NpmConfigInputs {
  /** The package's folder. npm runs here: the project `.npmrc` is the one at the project root npm finds from it. */
  packageFolder: string;
  /** The environment npm would run with (`npm_config_*`, `HOME`, `${VAR}` values). Default: `process.env`. */
  env?: Env;
  /** The user config file. Default: npm's (`npm_config_userconfig`, else `$HOME/.npmrc`). */
  userconfig?: string;
  /**
   * The global config file. Default: npm's (`$PREFIX/etc/npmrc`, the prefix taken from `env.PREFIX` or
   * this process's Node). Pass it when this process is not the Node that runs npm (e.g. inside the editor).
   */
  globalconfig?: string;
  /** The npm installation whose `npmrc` is the builtin layer. Without it there is no builtin layer. */
  npmPath?: string;
  /**
   * `restricted` (VS Code's Restricted Mode): of the repository's config (project .npmrc,
   * publishConfig) only the registry choice applies; see repositoryTrust.ts. Default: `trusted`, as npm.
   */
  workspaceTrust?: WorkspaceTrust;
}

/**
 * SECRET-BEARING. npm's flat options for this publish (the config's flat options, the raw nerf-dart
 * credential keys such as `//host/:_authToken`, and `publishConfig`, merged as `npm publish` merges
 * them). Give it only to npm-registry-fetch / npm-profile / libnpmaccess, which send each credential
 * only to the registry its nerf dart names; never log, display or persist it.
 * It holds the config's `registry`, not necessarily the publish registry: pass `registry.url`
 * (or the package `spec`) with each request.
 */
export type SecretFetchOptions = Record<string, unknown>;

/** The publish target of one package, described without secrets, plus the secret-bearing options. */
export interface ResolvedPublishConfig {
  registry: RegistryTarget;
  credential: ConfiguredCredential;
  /** The scope whose `@scope:registry` picked the registry: the package's, or the `scope` config's. */
  scope?: string;
  /** Secret-free sentences about config npm would reject or misread. */
  configProblems: string[];
  /** SECRET-BEARING: see {@link SecretFetchOptions}. Hidden from `JSON.stringify` and `util.inspect`. */
  fetchOptions: SecretFetchOptions;
  /** A one-way fingerprint of registry + attached credential: what caches of account facts are keyed by. */
  credentialKey: string;
  /**
   * The user config file as the user's own config names it (`--userconfig`, `npm_config_userconfig`,
   * the builtin npmrc, else `~/.npmrc`): where `npm login` writes. Never a path from the repository.
   */
  userconfig: string;
  /** Set in Restricted Mode: the repository's config keys that were not applied (names only). */
  restricted?: { ignored: string[] };
  /** Set when the credential must not be sent to this registry as configured: requests go without it. */
  transportRisk?: TransportRisk;
}

/** npm's config could not be loaded at all. The message names keys and files, never values, and is redacted. */
export class NpmConfigError extends Error {
  override name = 'NpmConfigError';
}

export const DEFAULT_REGISTRY = 'https://registry.npmjs.org/';

/**
 * Resolves the registry and credential `npm publish` would use for the package in
 * `inputs.packageFolder`. Reads `package.json` unless `pkg` is given.
 */
export async function resolvePublishConfig(inputs: NpmConfigInputs, pkg?: PackageInfo): Promise<ResolvedPublishConfig> {
  const manifest = pkg ?? (await readPackageManifest(inputs.packageFolder));
  // A copy: @npmcli/config writes npm_config_* variables back into the env it is given.
  const env: Record<string, string | undefined> = { ...(inputs.env ?? process.env) };
  const config = await loadNpmConfig(inputs, env);
  const restricted = inputs.workspaceTrust === 'restricted';
  const fullPublishConfig = publishConfigFor(manifest, config);
  const restrictedPublishConfig = restricted ? restrictRepositoryConfig(fullPublishConfig) : undefined;
  const publishConfig = restrictedPublishConfig?.kept ?? fullPublishConfig;
  // Before anything can echo a value: every secret the config holds is redacted by value from here on.
  registerNpmConfigSecrets(config, fullPublishConfig);
  const unreadable = unreadableConfigFiles(config, env);
  const fileProblems = [...unreadable.map((u) => `${u.problem} npm skips it, so what it holds (a credential, a registry) is unknown.`),
    ...dropUnreadableCafile(config, publishConfig, env)];
  // npm flattens the options while loading, before the command validates (and cleans) the
  // config, so invalid values still reach the flat options; keep that order.
  const flat = config.flat;
  const sources = new SourceFinder(config, env, publishConfig, manifest.manifestPath);
  const configProblems = [...fileProblems, ...invalidAuthProblems(config, sources), ...unsetVariableProblems(config, env)];
  const ignored = restrictedPublishConfig ? [...config.ignoredProjectKeys, ...restrictedPublishConfig.ignored.map((key) => `publishConfig.${key}`)] : [];
  if (ignored.length > 0) configProblems.push(restrictedModeProblem(ignored));
  const userconfig = config.usersOwnUserconfig;
  if (String(config.get('userconfig')) !== userconfig) {
    configProblems.push(`The project .npmrc moves npm's user config to another file: npm reads it, but this extension writes logins and tokens only to ${userconfig}.`);
  }

  const options: SecretFetchOptions = { ...flat };
  flatten(publishConfig, options); // what publish.js does with publishConfig
  configProblems.push(...dropUnreadableClientCertificates(options, config, env));

  const spec = packageSpec(manifest, configProblems);
  const picked = pickRegistry(options, spec?.scope);
  const registry = registryTarget(picked, sources, manifest.name);
  const auth = getAuth(publishUrl(picked.url, spec), { ...options, spec });
  registerAttachedSecrets(auth);
  const attached = configuredCredential(auth, options, sources);
  const found = passesLoginCheck(config, picked.url) ? attached : { type: 'none' as const };
  // Nothing found, but a file npm skipped might hold it: unknown, not "not logged in".
  const credential = found.type === 'none' && unreadable.length > 0 ? { type: 'none' as const, unreadable: unreadable.map((u) => u.file) } : found;
  if (attached.type !== 'none' && credential.type === 'none') {
    configProblems.push(
      `npm publish would stop with ENEEDAUTH: it looks for a credential under exactly ${npmNerfDart(picked.url)} (not the keys above it, ` +
        `not publishConfig), although ${describeSource(attached.source)} would be sent to ${registry.url}.`,
    );
  }
  const risk = transportRisk({
    registryUrl: registry.url,
    credentialAttached: Boolean(auth.token || auth.auth),
    repositoryTls: repositoryTls(config, publishConfig),
  });
  return {
    registry, credential, scope: picked.scope, configProblems: unique(configProblems.map(redactSecrets)), fetchOptions: hideWhenPrinted(options),
    credentialKey: fingerprint([registry.url, credential.type === 'none' ? '' : auth.token ?? auth.auth ?? '']),
    userconfig,
    ...(restricted && { restricted: { ignored: ignored.filter(isNameableKey).map(redactSecrets) } }),
    ...(risk && { transportRisk: { ...risk, source: risk.kind === 'plain-http' ? registry.source : sources.find(risk.setting).source } }),
  };
}

/** The TLS settings whose effective value the repository wrote (project .npmrc or publishConfig). */
function repositoryTls(config: Config, publishConfig: Record<string, unknown>): { strictSsl?: unknown; ca?: unknown; cafile?: unknown } {
  const fromRepository = (key: string) => Object.hasOwn(publishConfig, key) ? publishConfig[key] : config.find(key) === 'project' ? config.get(key) : undefined;
  return { strictSsl: fromRepository('strict-ssl'), ca: fromRepository('ca'), cafile: fromRepository('cafile') };
}

function restrictedModeProblem(ignored: string[]): string {
  const named = ignored.filter(isNameableKey).slice(0, 6).map((key) => `\`${key}\``);
  const more = ignored.length > named.length ? ` and ${ignored.length - named.length} more` : '';
  return `Restricted Mode: ${ignored.length === 1 ? '1 setting' : `${ignored.length} settings`} of this folder's npm config ` +
    `${ignored.length === 1 ? 'is' : 'are'} not applied (${named.join(', ')}${more}); trust the folder to check the package as npm would publish it.`;
}

function fingerprint(parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
}

/** npm's nerf dart for a registry URL (`//host[:port]/dir/`), the prefix of its credential keys. */
export function nerfDart(url: string): string {
  return npmNerfDart(url);
}

/** The `${VAR}` names in .npmrc text that npm would leave literal: unset, no `?` modifier, not escaped. */
export function unsetVariables(text: string, env: Env): string[] {
  // Mirrors the pattern of @npmcli/config/lib/env-replace.js, which only replaces and cannot tell us.
  const names = new Set<string>();
  for (const [, escapes, name, optional] of text.matchAll(/(?<!\\)(\\*)\$\{([^${}?]+)(\?)?\}/g)) {
    if (escapes.length % 2 === 0 && !optional && env[name] === undefined) names.add(name);
  }
  return [...names];
}

async function loadNpmConfig(inputs: NpmConfigInputs, env: Record<string, string | undefined>): Promise<GuardedNpmConfig> {
  // Explicit files go in as command-line flags, as if npm were run with --userconfig/--globalconfig.
  const argv = [process.execPath, 'npm'];
  if (inputs.userconfig) argv.push(`--userconfig=${inputs.userconfig}`);
  if (inputs.globalconfig) argv.push(`--globalconfig=${inputs.globalconfig}`);
  const config = new GuardedNpmConfig({
    definitions,
    flatten,
    nerfDarts,
    shorthands,
    // os.devNull/npmrc can never be read, which leaves the builtin layer empty.
    npmPath: inputs.npmPath ?? os.devNull,
    env,
    argv,
    cwd: inputs.packageFolder,
    platform: process.platform,
    execPath: process.execPath,
    warn: false,
  }, inputs.workspaceTrust ?? 'trusted');
  try {
    await config.load();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new NpmConfigError(`npm config for ${inputs.packageFolder} could not be loaded: ${redactSecrets(reason)}`);
  }
  return config;
}

/** npm refuses to run with un-nerfed credentials (ERR_INVALID_AUTH); say so instead of failing. */
function invalidAuthProblems(config: Config, sources: SourceFinder): string[] {
  try {
    config.validate();
    return [];
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    // Validation derives a nerf dart from `registry`, so an invalid one stops npm here (ERR_INVALID_URL).
    if (code === 'ERR_INVALID_URL') throw invalidRegistryError('registry', sources);
    // Other validation messages may quote values, so only the code is passed on.
    if (code !== 'ERR_INVALID_AUTH') throw new NpmConfigError(`npm config is invalid (${code ?? 'no error code'}).`);
    // The message names keys and registries only, never values.
    return [`npm refuses to run with this config (ERR_INVALID_AUTH). ${message.replace(/`\s*$/, '')}`];
  }
}

function unsetVariableProblems(config: Config, env: Env): string[] {
  const problems: string[] = [];
  for (const layer of ['builtin', 'global', 'user', 'project', 'env'] as const) {
    const { raw, source } = config.data.get(layer)!;
    const where = describeLayer(config, layer, env);
    for (const [key, value] of Object.entries(raw ?? {})) {
      const variables = unsetVariables(typeof value === 'string' ? `${key}=${value}` : key, env);
      if (variables.length > 0) {
        // A line without `=` is all key: name it by its line number, not by its text.
        const line = source && layer !== 'env' ? lineOf(source, key) : undefined;
        const what = isNameableKey(key) ? `\`${redactSecrets(key)}\`` : line ? `Line ${line}` : 'A line';
        const names = variables.filter(isNameableKey).map((v) => `\${${v}}`).join(', ') || 'a variable';
        problems.push(`${what} in ${where} uses ${names}, which is not set: npm uses the text literally.`);
      }
    }
  }
  return problems;
}

/** publishConfig as `npm publish` applies it: every key, except those given on the command line. */
function publishConfigFor(manifest: PackageInfo, config: Config): Record<string, unknown> {
  const cliKeys = config.data.get('cli')?.raw ?? {};
  return Object.fromEntries(Object.entries(manifest.publishConfig ?? {}).filter(([key]) => !(key in cliKeys)));
}

function packageSpec(manifest: PackageInfo, problems: string[]): npa.Result | undefined {
  if (!manifest.name) {
    problems.push('package.json has no name, so npm cannot publish it.');
    return undefined;
  }
  try {
    return npa.resolve(manifest.name, manifest.version ?? '');
  } catch (error) {
    problems.push(`package.json: ${(error as Error).message}`);
    return undefined;
  }
}

interface PickedRegistry {
  url: string;
  /** The option that supplied it; undefined when npm falls back to its default. */
  key?: string;
  scope?: string;
}

// npm-registry-fetch's pickRegistry, written out because requiring its index loads the whole HTTP
// stack (~100 ms) and because we need to know which key won, not only the URL.
function pickRegistry(options: SecretFetchOptions, specScope: string | undefined): PickedRegistry {
  const configScope = typeof options.scope === 'string' ? options.scope : undefined;
  for (const scope of [specScope, configScope]) {
    const key = scope && `${scope.replace(/^@?/, '@')}:registry`;
    if (key && options[key]) return { url: String(options[key]), key, scope: scope.replace(/^@?/, '@') };
  }
  return options.registry ? { url: String(options.registry), key: 'registry' } : { url: DEFAULT_REGISTRY };
}

function registryTarget(picked: PickedRegistry, sources: SourceFinder, packageName: string | undefined): RegistryTarget {
  let url: URL;
  try {
    url = new URL(picked.url.trim());
  } catch {
    throw invalidRegistryError(picked.key, sources, packageName);
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  // The model is shown to the user: hide a password in the URL (not via redact(), which would also
  // mangle UUIDs that some registries have in their paths).
  if (url.password) url.password = '***';
  const source = picked.key ? sources.find(picked.key) : undefined;
  const rule = source?.fromPublishConfig
    ? 'publishConfig'
    : picked.scope
      ? 'scope-registry'
      : !source || source.source.layer === 'default'
        ? 'default'
        : 'registry';
  return { url: url.href, rule, source: source?.source, nerfDart: nerfDart(url.href) };
}

/** The value is never quoted: an invalid registry is often a pasted `//host/:_authToken=…` line or `user:password@host`. */
function invalidRegistryError(key: string | undefined, sources: SourceFinder, packageName?: string): NpmConfigError {
  const from = key ? ` from ${describeSource(sources.find(key).source)}` : '';
  const unset = key ? sources.unsetVariablesIn(key).filter(isNameableKey).map((name) => ` (\${${name}} is not set)`) : [];
  const forPackage = packageName ? ` for ${packageName}` : '';
  return new NpmConfigError(redactSecrets(`The registry${forPackage}${from} is not a valid URL${unset.join('')}.`));
}

/** The URL libnpmpublish PUTs to; npm-registry-fetch looks the credential up for exactly this URL. */
function publishUrl(registry: string, spec: npa.Result | undefined): string {
  const base = registry.trim().replace(/\/?$/, '');
  return spec?.escapedName ? `${base}/${spec.escapedName}` : `${base}/`;
}

/**
 * publish.js refuses to start (ENEEDAUTH) unless `config.getCredentialsByURI(registry)` finds a
 * token, username or client certificate under the registry's exact nerf dart in the config layers.
 */
function passesLoginCheck(config: Config, registry: string): boolean {
  const creds = config.getCredentialsByURI(registry);
  return Boolean(creds.token || creds.username || (creds.certfile && creds.keyfile));
}

function configuredCredential(auth: getAuth.Auth, options: SecretFetchOptions, sources: SourceFinder): ConfiguredCredential {
  if (!auth.regKey || !(auth.token || auth.auth)) return { type: 'none' };
  const keys = auth.authKey === 'username' ? [`${auth.regKey}:username`, `${auth.regKey}:_password`] : [`${auth.regKey}:${auth.authKey}`];
  const found = sources.find(keys[0]);
  const line = found.source.file && !found.fromPublishConfig ? lineOf(found.source.file, keys[0]) : undefined;
  if (line) found.source.line = line;
  const variables = unique(keys.flatMap((key) => sources.unsetVariablesIn(key)));
  if (variables.length > 0) return { type: 'unset-variable', source: found.source, variables };
  if (auth.token) return { type: 'token', source: found.source, masked: maskToken(auth.token) };
  // `_auth` names a user only when it decodes to `user:password` (a pasted token has no colon),
  // and a name that is itself a secret is never shown.
  const username = auth.isBasicAuth ? safeUsername(options[`${auth.regKey}:username`]) : basicAuthUsername(auth.auth);
  return { type: 'basic', source: found.source, username };
}

interface FoundSource {
  source: ConfigSource;
  fromPublishConfig: boolean;
}

/** Where an effective option came from: publishConfig (applied last by npm publish) or a config layer. */
class SourceFinder {
  constructor(
    private readonly config: Config,
    private readonly env: Env,
    private readonly publishConfig: Record<string, unknown>,
    private readonly manifestPath: string,
  ) {}

  find(key: string): FoundSource {
    if (Object.hasOwn(this.publishConfig, key)) {
      return { source: { layer: 'project', file: this.manifestPath, key: `publishConfig.${key}` }, fromPublishConfig: true };
    }
    const layer: ConfigLayer = this.config.find(key) ?? 'default';
    const file = isFileLayer(layer) ? (this.config.data.get(layer)?.source ?? undefined) : undefined;
    return { source: { layer, file, key }, fromPublishConfig: false };
  }

  /** Unset `${VAR}`s in the text the effective value of `key` was read from. */
  unsetVariablesIn(key: string): string[] {
    if (Object.hasOwn(this.publishConfig, key)) {
      // npm does not expand publishConfig at all: every ${VAR} there is sent literally.
      const value = this.publishConfig[key];
      return typeof value === 'string' ? unsetVariables(value, {}) : [];
    }
    const layer = this.config.find(key);
    const raw = layer ? (this.config.data.get(layer)?.raw ?? {}) : {};
    // Keys are expanded too, so find the raw key that expands to this one.
    const rawEntry = Object.entries(raw).find(([rawKey]) => envReplace(rawKey, this.env) === key);
    return typeof rawEntry?.[1] === 'string' ? unsetVariables(rawEntry[1], this.env) : [];
  }
}

function isFileLayer(layer: ConfigLayer): boolean {
  return layer === 'builtin' || layer === 'global' || layer === 'user' || layer === 'project';
}

function describeSource(source: ConfigSource): string {
  const where = source.layer === 'env' ? 'the environment' : source.file ? `${source.layer} config ${source.file}` : `${source.layer} config`;
  return `\`${source.key}\` in ${where}`;
}

/** Keeps the options usable (spreading copies every key) but out of logs and JSON dumps. */
function hideWhenPrinted(options: SecretFetchOptions): SecretFetchOptions {
  const hidden = '[secret-bearing npm options]';
  Object.defineProperty(options, 'toJSON', { value: () => hidden, enumerable: false });
  Object.defineProperty(options, inspect.custom, { value: () => hidden, enumerable: false });
  return options;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
