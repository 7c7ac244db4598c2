// The parts of @npmcli/config (v10) that src/core/npmConfig.ts uses.
declare module '@npmcli/config' {
  type Where = 'default' | 'builtin' | 'global' | 'user' | 'project' | 'env' | 'cli';

  interface ConfigData {
    /** Parsed values (keys and values `${VAR}`-expanded), prototype-chained to the layer below. */
    readonly data: Record<string, unknown>;
    /** The values as read, before expansion (file and env layers). */
    readonly raw: Record<string, unknown>;
    /** The file it was read from, or a description such as `environment`. */
    readonly source: string | null;
    readonly loadError?: NodeJS.ErrnoException;
  }

  interface ConfigOptions {
    definitions: Record<string, unknown>;
    shorthands: Record<string, string[]>;
    flatten: (obj: Record<string, unknown>, flat?: Record<string, unknown>) => Record<string, unknown>;
    nerfDarts?: string[];
    npmPath: string;
    env?: Record<string, string | undefined>;
    argv?: string[];
    platform?: NodeJS.Platform;
    execPath?: string;
    cwd?: string;
    excludeNpmCwd?: boolean;
    warn?: boolean;
  }

  class Config {
    constructor(options: ConfigOptions);
    load(): Promise<void>;
    /** Throws an error with code `ERR_INVALID_AUTH` for un-nerfed credentials. */
    validate(where?: Where): boolean;
    get(key: string, where?: Where): unknown;
    /** Removes a key from one layer of this loaded copy (never from a file). */
    delete(key: string, where?: Where): void;
    /** The layer a key's effective value comes from. */
    find(key: string): Where | null;
    /** The credential under exactly `nerfDart(uri)` (no walking up), from the config layers. */
    getCredentialsByURI(uri: string): { token?: string; username?: string; password?: string; auth?: string; certfile?: string; keyfile?: string };
    readonly data: ReadonlyMap<Where, ConfigData>;
    readonly flat: Record<string, unknown>;
    /** Where npm runs as a project: the package folder, or the root of the npm workspaces it belongs to. */
    localPrefix: string;
    /** The folder npm runs in (`cwd` of the options). */
    readonly cwd: string;
    /** Whether the local prefix has a package.json. */
    localPackage?: boolean;
    readonly globalPrefix: string;
    /** Sets localPrefix (and the default `workspace`) during load(): walks up from cwd, maps the workspaces of roots above it. */
    loadLocalPrefix(): Promise<void>;
    /** The steps of load() that read config files, in npm's order (builtin, project, user, global). */
    loadBuiltinConfig(): Promise<void>;
    loadProjectConfig(): Promise<void>;
    loadUserConfig(): Promise<void>;
    loadGlobalConfig(): Promise<void>;
    /** Config file (or description) → the layer it was loaded as. */
    readonly sources: Map<string, Where>;
    readonly npmPath: string;
    /** The environment the config expands `${VAR}`s from. */
    readonly env: Record<string, string | undefined>;
  }

  export = Config;
}

declare module '@npmcli/config/lib/definitions' {
  export const definitions: Record<string, unknown>;
  export const shorthands: Record<string, string[]>;
  export const nerfDarts: string[];
  export function flatten(obj: Record<string, unknown>, flat?: Record<string, unknown>): Record<string, unknown>;
}

declare module '@npmcli/config/lib/nerf-dart.js' {
  /** `//host[:port]/dir/` of a registry URL. */
  function nerfDart(url: string): string;
  export = nerfDart;
}

declare module '@npmcli/config/lib/env-replace.js' {
  /** Expands `${VAR}` and `${VAR?}` the way npm does for .npmrc keys and values. */
  function envReplace(text: string, env: Record<string, string | undefined>): string;
  export = envReplace;
}
