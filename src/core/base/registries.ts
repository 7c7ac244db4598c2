// Which registry a URL is, and whether npmjs's rules hold there. Publishing that needs 2FA or a
// bypass token, 2-hour sessions, publishing access, bypass deadlines, staged and trusted publishing
// are npmjs facts (../shared/docs/npm-registry-protocol.md): on any other registry they are claimed
// only where its own answers show them (a profile with 2FA on, a token list with expiries).
// Known registries are recognised by their URL; any other is "other" unless the user declares it
// (the `npmPublishAuth.registryKinds` setting, user settings only: a repository cannot set it).

export type RegistryFamily = 'npmjs' | 'verdaccio' | 'github' | 'gitlab' | 'artifactory' | 'nexus' | 'azure' | 'codeartifact' | 'other';

interface FamilyFacts {
  /** The registry's name for people. */
  name: string;
  /** npmjs's account and package policies apply there. */
  npmjsPolicies: boolean;
  /** How `npm login` gets a token there. */
  login: 'web-or-legacy' | 'legacy' | 'token-only';
  /** Recognises the registry by its URL; absent for registries any host may run. */
  matches?: (url: URL) => boolean;
  /** Where the facts above come from. */
  source: string;
}

const hostIs = (...hosts: string[]) => (url: URL) => hosts.includes(url.hostname.toLowerCase());
const hostEndsWith = (suffix: string) => (url: URL) => url.hostname.toLowerCase().endsWith(suffix);

export const REGISTRY_FAMILIES: Readonly<Record<RegistryFamily, FamilyFacts>> = {
  npmjs: {
    name: 'npmjs', npmjsPolicies: true, login: 'web-or-legacy',
    // registry.yarnpkg.com is a proxy of the same registry (same accounts, same rules).
    matches: hostIs('registry.npmjs.org', 'registry.npmjs.com', 'registry.yarnpkg.com'),
    source: '../shared/docs/npm-registry-protocol.md',
  },
  verdaccio: {
    // htpasswd accounts have no 2FA; tokens from `npm token create` ignore expiry and package limits;
    // web login only with its `webLogin` flag. Runs on any host, so it is recognised only when declared.
    name: 'Verdaccio', npmjsPolicies: false, login: 'web-or-legacy',
    source: 'https://verdaccio.org/docs/authentication, https://verdaccio.org/docs/web-login; test/verdaccio (a real 6.8.0)',
  },
  github: {
    // "GitHub Packages only supports authentication using a personal access token (classic)".
    name: 'GitHub Packages', npmjsPolicies: false, login: 'legacy',
    matches: (url) => /^npm\.pkg\.github\.com$|^npm\.[^.]+\.ghe\.com$/i.test(url.hostname),
    source: 'https://docs.github.com/packages/working-with-a-github-packages-registry/working-with-the-npm-registry',
  },
  gitlab: {
    // Personal, project or deploy tokens in .npmrc; no `npm login`.
    name: 'GitLab', npmjsPolicies: false, login: 'token-only',
    matches: (url) => /\/api\/v4\/(projects\/[^/]+\/|groups\/[^/]+\/-\/)?packages\/npm\//.test(url.pathname),
    source: 'https://docs.gitlab.com/user/packages/npm_registry/',
  },
  artifactory: {
    name: 'JFrog Artifactory', npmjsPolicies: false, login: 'legacy',
    matches: (url) => hostEndsWith('.jfrog.io')(url) || url.pathname.includes('/artifactory/api/npm/'),
    source: 'https://jfrog.com/help/r/jfrog-artifactory-documentation/npm-registry',
  },
  nexus: {
    // `npm login` with the npm Bearer Token Realm enabled.
    name: 'Sonatype Nexus', npmjsPolicies: false, login: 'legacy',
    matches: (url) => /^\/(nexus\/)?repository\/[^/]+\/$/.test(url.pathname),
    source: 'https://help.sonatype.com/en/npm-registry.html',
  },
  azure: {
    // A personal access token, base64 in `_password`; no `npm login`.
    name: 'Azure Artifacts', npmjsPolicies: false, login: 'token-only',
    matches: (url) => hostIs('pkgs.dev.azure.com')(url) || hostEndsWith('.pkgs.visualstudio.com')(url),
    source: 'https://learn.microsoft.com/azure/devops/artifacts/npm/npmrc',
  },
  codeartifact: {
    // `aws codeartifact login --tool npm` writes a token that lasts 12 hours by default.
    name: 'AWS CodeArtifact', npmjsPolicies: false, login: 'token-only',
    matches: (url) => /\.d\.codeartifact\.[a-z0-9-]+\.amazonaws\.com$/i.test(url.hostname),
    source: 'https://docs.aws.amazon.com/codeartifact/latest/ug/npm-auth.html',
  },
  other: { name: 'this registry', npmjsPolicies: false, login: 'web-or-legacy', source: 'npm-profile: web login, else legacy' },
};

export const DECLARABLE_FAMILIES = Object.keys(REGISTRY_FAMILIES) as RegistryFamily[];

/**
 * The registry's family: a declaration for this URL (exact, trailing slash optional) wins — the user
 * knows their proxy —, then the table, else `other`.
 */
export function registryFamily(registryUrl: string, declared: Readonly<Record<string, unknown>> = {}): RegistryFamily {
  const wanted = registryUrl.replace(/\/?$/, '/');
  for (const [url, family] of Object.entries(declared)) {
    if (url.replace(/\/?$/, '/') === wanted && DECLARABLE_FAMILIES.includes(family as RegistryFamily)) return family as RegistryFamily;
  }
  let url: URL;
  try {
    url = new URL(registryUrl);
  } catch {
    return 'other';
  }
  const known = DECLARABLE_FAMILIES.find((family) => REGISTRY_FAMILIES[family].matches?.(url));
  return known ?? 'other';
}


