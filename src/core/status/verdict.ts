// The auth matrix: what pressing "publish" will meet, decided by an ordered table of rules over a
// handful of facts. The first rule whose conditions all hold wins.

import { COMMANDS, fixFor, type FixCommand } from '../base/commands';
import type { Localize } from '../base/localize';
import type {
  PublishAuthStatus, PublishVerdict, PublishingAccessMode, RegistryProblem, TokenPermission,
  TwoFactorMethod, VerdictCode, WriteAccess,
} from '../base/model';
import { publishingAccessModeLabel } from '../base/publishingAccessWords';
import { list } from '../base/text';
import { hasNpmjsPolicies } from '../base/npmjsPolicies';
import { shadowedFix } from './shadowing';

/** The parts of the status the verdict depends on. */
export type VerdictInput = Pick<PublishAuthStatus,
  | 'package' | 'registry' | 'configuredCredential' | 'credential' | 'accountTwoFactor' | 'twoFactorMethod'
  | 'packageFacts' | 'writeAccess' | 'publishingAccess' | 'stale' | 'transportRisk'>;

/** The input reduced to the dimensions of the matrix. */
export interface AuthFacts {
  /** `unchecked`: no registry facts (offline, registry error, not asked yet). */
  package: 'invalid' | 'private' | 'unidentified' | 'is-latest' | 'version-exists' | 'new' | 'published' | 'unchecked';
  credential: 'none' | 'config-unreadable' | 'unset-variable' | 'invalid' | 'session' | 'granular' | 'token-unknown' | 'basic' | 'unchecked';
  /** Only a granular token can bypass; `unknown` when the token's kind is not visible. */
  bypass2fa: boolean | 'unknown';
  tokenPermission: TokenPermission | 'not-a-token';
  /** Whether a granular token's package/scope lists include this package (true for other credentials). */
  tokenCoversPackage: boolean;
  accountTwoFactor: 'enabled' | 'disabled' | 'unknown';
  twoFactorMethod: TwoFactorMethod;
  mode: PublishingAccessMode | 'unknown';
  modeCertainty: 'known' | 'likely' | 'unknown';
  writeAccess: WriteAccess;
  /** Whether the credential may travel to the registry as configured (repositoryTrust.ts). */
  transport: 'safe' | 'plain-http' | 'weakened-tls';
  /** Whether npmjs's policies hold (registries.ts): elsewhere only the registry's own answers count. */
  policies: 'npmjs' | 'other';
}

type Match = { readonly [K in keyof AuthFacts]?: readonly AuthFacts[K][] };
type Reason = (input: VerdictInput, facts: AuthFacts, localize: Localize) => string;

interface VerdictRule {
  code: VerdictCode;
  when: Match;
  reason: Reason;
  fix?: FixCommand;
}

const CHALLENGED = ['session', 'granular', 'token-unknown', 'basic'] as const;

/**
 * Precedence, top to bottom, and why:
 * 1. Package facts no credential can change (a name or version npm refuses — npm reads and checks
 *    package.json before anything else —, `private`, an unnamed package.json, a version already on
 *    the registry) come first, so nobody logs in only to learn the version must be bumped.
 * 2. Then what is certain from local config alone (no credential, an unset `${VAR}`), then a
 *    credential the registry rejected — these hold even when the registry is unreachable.
 * 3. Then `unknown` when the registry facts needed below are missing; nothing after it is guessed.
 * 4. Then write access: the user's own (no token fixes that), then the token's capability and
 *    scope, then the package's "disallow tokens" mode, then the account's missing 2FA (a bypass
 *    token is exempt: the registry accepts "2FA or a bypass token").
 * 5. What is left can publish: a bypass token without a prompt, everything else with a 2FA
 *    challenge whose form depends on the account's second factor.
 * npmjs's own rules (publishing access, "2FA or a bypass token", every session challenged) hold only
 * on npmjs; on another registry a challenge is expected only where its profile shows 2FA on.
 */
export const VERDICT_RULES: readonly VerdictRule[] = [
  { code: 'invalid-manifest', when: { package: ['invalid'] },
    reason: (i, _f, t) => t('npm refuses this package.json: {0}', i.package.invalid ?? '') },
  { code: 'private-package', when: { package: ['private'] },
    reason: (i, _f, t) => t('{0} is marked "private" in package.json, so npm refuses to publish it.', packageName(i)) },
  { code: 'unknown', when: { package: ['unidentified'] }, reason: unidentifiedReason },
  // The registry's latest is this very version: the state right after a publish, a success.
  { code: 'published', when: { package: ['is-latest'] }, fix: COMMANDS.bumpVersion.id,
    reason: (i, _f, t) => t('This version is the registry\'s latest ({0}). Bump the version in package.json to publish the next one.', `${packageName(i)}@${i.package.version ?? ''}`) },
  { code: 'version-exists', when: { package: ['version-exists'] }, fix: COMMANDS.bumpVersion.id,
    reason: (i, _f, t) => t('Version {0} of {1} is already published; npm never publishes over a version. Bump the version in package.json.', i.package.version ?? '', packageName(i)) },
  { code: 'insecure-transport', when: { transport: ['plain-http'] }, fix: COMMANDS.openConfigSource.id,
    reason: (i, _f, t) => t('npm would send your credential to {0} over plain HTTP, readable on the network; it was not sent. Use https:// for this registry.', registryName(i, t)) },
  { code: 'insecure-transport', when: { transport: ['weakened-tls'] }, fix: COMMANDS.openConfigSource.id,
    reason: (i, _f, t) => t('This folder\'s npm config weakens the TLS checks for {0} ({1}), so your credential was not sent. Remove that setting, or trust it in your user .npmrc.', registryName(i, t), tlsSetting(i)) },
  { code: 'unknown', when: { credential: ['config-unreadable'] }, fix: COMMANDS.showDetails.id,
    reason: (i, _f, t) => t('The credential for {0} is unknown: npm skips config files it cannot read ({1}), and one of them may hold it.', registryName(i, t), unreadableFiles(i)) },
  { code: 'not-logged-in', when: { credential: ['none'] }, fix: COMMANDS.login.id,
    reason: (i, _f, t) => t('No credential for {0} is configured. Log in to publish.', registryName(i, t)) },
  { code: 'credential-invalid', when: { credential: ['unset-variable'] }, fix: COMMANDS.showDetails.id,
    reason: (i, _f, t) => t('The credential for {0} uses {1}, which is not set in the environment, so npm would send it literally.', registryName(i, t), unsetVariables(i)) },
  { code: 'credential-invalid', when: { credential: ['invalid'] }, fix: COMMANDS.login.id, reason: invalidReason },
  { code: 'unknown', when: { package: ['unchecked'] }, fix: COMMANDS.refresh.id, reason: uncheckedReason },
  { code: 'unknown', when: { credential: ['unchecked'] }, fix: COMMANDS.refresh.id, reason: uncheckedReason },
  { code: 'no-write-access', when: { writeAccess: ['read', 'none'] },
    reason: (i, _f, t) => t('{0} cannot write to {1}. Ask a maintainer to add you with write access.', who(i, t), packageName(i)) },
  { code: 'read-only-token', when: { credential: ['granular'], tokenPermission: ['read-only'] }, fix: COMMANDS.generateToken.id,
    reason: (i, _f, t) => t('The token "{0}" is read-only. Publishing needs a token with read and write permission.', tokenName(i)) },
  // Not a blocker: Publish stages instead (npm stage publish), and a maintainer approves the release with 2FA.
  { code: 'stage-only-token', when: { credential: ['granular'], tokenPermission: ['stage-only'] }, fix: COMMANDS.publish.id,
    reason: (i, _f, t) => t('The token "{0}" can only stage: Publish stages {1}, and it is released once a maintainer approves it with 2FA.', tokenName(i), packageName(i)) },
  { code: 'no-write-access', when: { credential: ['granular'], tokenPermission: ['no-access'] }, fix: COMMANDS.generateToken.id,
    reason: (i, _f, t) => t('The token "{0}" has no access to packages.', tokenName(i)) },
  { code: 'no-write-access', when: { credential: ['granular'], tokenCoversPackage: [false] }, fix: COMMANDS.generateToken.id,
    reason: (i, _f, t) => t('The token "{0}" is not scoped to {1}: its package and scope lists do not include it, so the registry answers 404.', tokenName(i), packageName(i)) },
  { code: 'tokens-disallowed', when: { credential: ['granular'], mode: ['publish'], policies: ['npmjs'] }, fix: COMMANDS.login.id,
    reason: (i, _f, t) => t('{0} is set to "{1}", so no granular token can publish it, bypass 2FA or not. Log in instead and confirm with 2FA.', packageName(i), publishingAccessModeLabel('publish', t)) },
  { code: 'account-without-2fa', when: { accountTwoFactor: ['disabled'], bypass2fa: [false], policies: ['npmjs'] }, fix: COMMANDS.setUpTwoFactor.id,
    reason: (i, _f, t) => t('{0} has no two-factor authentication, and npm requires 2FA or a bypass-2FA token to publish. Enable 2FA on npmjs.com.', who(i, t)) },
  { code: 'ready', when: { credential: ['granular'], bypass2fa: [true] }, fix: COMMANDS.publish.id,
    reason: (i, _f, t) => t('The token "{0}" bypasses 2FA and can write to {1}: publishing needs no prompt.', tokenName(i), packageName(i)) },
  { code: 'ready', when: { credential: CHALLENGED, policies: ['other'], accountTwoFactor: ['disabled', 'unknown'] }, fix: COMMANDS.publish.id,
    reason: otherRegistryReady },
  { code: 'needs-otp', when: { credential: CHALLENGED, twoFactorMethod: ['totp'] }, fix: COMMANDS.publish.id,
    reason: (_i, f, t) => t('Publishing will ask for a one-time password from your authenticator app. {0}', challengeCause(f, t)) },
  { code: 'needs-browser-approval', when: { credential: CHALLENGED, twoFactorMethod: ['passkey-only'] }, fix: COMMANDS.publish.id,
    reason: (_i, f, t) => t('Publishing will ask you to approve it in the browser with your passkey. {0}', challengeCause(f, t)) },
  { code: 'needs-2fa', when: { credential: CHALLENGED }, fix: COMMANDS.publish.id,
    reason: (_i, f, t) => t('Publishing will ask for a second factor; the registry chooses a one-time password or approval in the browser. {0}', challengeCause(f, t)) },
];

const BLOCKING: ReadonlySet<VerdictCode> = new Set<VerdictCode>([
  'not-logged-in', 'credential-invalid', 'no-write-access', 'tokens-disallowed', 'account-without-2fa',
  'published', 'version-exists', 'private-package', 'read-only-token', 'invalid-manifest', 'insecure-transport', 'unknown',
]);

export function isBlocking(code: VerdictCode): boolean {
  return BLOCKING.has(code);
}

export function decideVerdict(input: VerdictInput, localize: Localize): PublishVerdict {
  const facts = authFacts(input);
  const rule = VERDICT_RULES.find((candidate) => matches(candidate.when, facts));
  if (!rule) {
    // Unreachable while the last rule covers every remaining credential; kept as an honest fallback.
    return { code: 'unknown', blocked: true, reason: localize('The verdict could not be decided from the facts at hand.') };
  }
  const blocked = isBlocking(rule.code);
  // A login or token written to the user's .npmrc is not used while the project or the environment holds one.
  const shadowed = shadowedFix(rule.fix, input.configuredCredential, input.package, localize);
  const sentences = [rule.reason(input, facts, localize), ...(shadowed ? [shadowed.sentence] : []), ...(blocked ? [] : caveats(input, facts, localize))];
  const fix = shadowed?.fix ?? (rule.fix && fixFor(rule.fix, localize));
  return { code: rule.code, blocked, reason: sentences.join(' '), ...(fix && { fix }) };
}

function matches(when: Match, facts: AuthFacts): boolean {
  return (Object.keys(when) as (keyof AuthFacts)[])
    .every((key) => (when[key] as readonly unknown[]).includes(facts[key]));
}

export function authFacts(input: VerdictInput): AuthFacts {
  const { credential, publishingAccess } = input;
  const granular = credential?.kind === 'granular' ? credential : undefined;
  const isNewPackage = input.packageFacts?.state === 'unpublished';
  return {
    package: packageState(input),
    credential: credentialState(input),
    bypass2fa: granular ? granular.bypass2fa : credential?.kind === 'token-unknown' ? 'unknown' : false,
    tokenPermission: granular ? granular.permission : 'not-a-token',
    tokenCoversPackage: granular ? tokenCovers(granular, input.package.name ?? '') : true,
    accountTwoFactor: input.accountTwoFactor === 'unknown' ? 'unknown' : input.accountTwoFactor === 'disabled' ? 'disabled' : 'enabled',
    twoFactorMethod: input.twoFactorMethod ?? 'unknown',
    // The first publish creates the package with npm's default, so a new package's mode is known (on npmjs).
    mode: isNewPackage && hasNpmjsPolicies(input.registry) ? 'automation' : publishingAccess.state === 'unknown' ? 'unknown' : publishingAccess.mode,
    modeCertainty: (isNewPackage && hasNpmjsPolicies(input.registry)) || publishingAccess.state === 'known' ? 'known'
      : publishingAccess.state === 'likely-default' ? 'likely' : 'unknown',
    writeAccess: input.writeAccess,
    transport: input.transportRisk?.kind ?? 'safe',
    policies: hasNpmjsPolicies(input.registry) ? 'npmjs' : 'other',
  };
}

function packageState(input: VerdictInput): AuthFacts['package'] {
  const { package: pkg, packageFacts } = input;
  if (pkg.invalid && !pkg.parseError) return 'invalid';
  if (pkg.private) return 'private';
  if (!pkg.name || !pkg.version) return 'unidentified';
  if (!input.registry || !packageFacts || packageFacts.state === 'unavailable') return 'unchecked';
  if (packageFacts.state === 'unpublished') return 'new';
  if (!packageFacts.versions.includes(pkg.version)) return 'published';
  return packageFacts.latest === pkg.version ? 'is-latest' : 'version-exists';
}

function credentialState(input: VerdictInput): AuthFacts['credential'] {
  const { configuredCredential: configured, credential } = input;
  if (configured.type === 'none' && (configured.unreadable?.length ?? 0) > 0) return 'config-unreadable';
  if (configured.type === 'none' || credential?.kind === 'none') return 'none';
  if (configured.type === 'unset-variable' || (credential?.kind === 'invalid' && credential.reason === 'unset-variable')) return 'unset-variable';
  // A token list that failed or did not end: its kind is a fact not learned yet, not "invisible".
  if (!credential || (credential.kind === 'token-unknown' && credential.problem)) return 'unchecked';
  return credential.kind;
}

/** npm lists scopes with or without the `@`; compare without it. */
function tokenCovers(token: { allPackages: boolean; packages: string[]; scopes: string[] }, name: string): boolean {
  // list(): the lists come from the registry and may not be lists.
  if (token.allPackages || list(token.packages).includes(name)) return true;
  const scope = name.startsWith('@') ? name.slice(1, name.indexOf('/')) : undefined;
  return scope !== undefined && list(token.scopes).some((s) => s.replace(/^@/, '') === scope);
}

/** Sentences added to a non-blocking verdict for what npm does not let us know. */
function caveats(input: VerdictInput, facts: AuthFacts, t: Localize): string[] {
  const out: string[] = [];
  const mayBeToken = facts.policies === 'npmjs' && (facts.credential === 'granular' || facts.credential === 'token-unknown');
  if (mayBeToken && facts.modeCertainty === 'unknown') {
    out.push(t('npm does not reveal this package\'s publishing access: if it is "{0}", the registry will refuse this token.', publishingAccessModeLabel('publish', t)));
  } else if (mayBeToken && facts.modeCertainty === 'likely') {
    out.push(t('The publishing access is probably npm\'s default; if it was changed to "{0}", the registry will refuse this token.', publishingAccessModeLabel('publish', t)));
  }
  if (facts.writeAccess === 'unknown' && facts.package === 'published') {
    out.push(t('Your write access to {0} could not be checked.', packageName(input)));
  }
  return out;
}

/** On a registry without npmjs's rules whose profile shows no 2FA: nothing to challenge, as far as it says. */
function otherRegistryReady(input: VerdictInput, facts: AuthFacts, t: Localize): string {
  const name = registryName(input, t);
  const c = input.credential;
  const user = c && 'username' in c && c.username ? c.username : t('this account');
  return facts.accountTwoFactor === 'disabled'
    ? t('{0} shows no two-factor authentication for {1}, so publishing needs no prompt.', name, user)
    : t('{0} does not show two-factor authentication for this account, so publishing should need no prompt; if it asks for a code, Publish asks you.', name);
}

function challengeCause(facts: AuthFacts, t: Localize): string {
  if (facts.policies === 'other') return t('The registry shows two-factor authentication on this account.');
  switch (facts.credential) {
    case 'session': return t('Sessions from npm login always meet a 2FA challenge.');
    case 'granular': return t('This token does not bypass 2FA.');
    case 'token-unknown': return t('The token\'s kind is not visible to this extension; only a granular token with bypass 2FA would publish without a prompt.');
    default: return t('Every publish without a bypass-2FA token meets a 2FA challenge.');
  }
}

function invalidReason(input: VerdictInput, _facts: AuthFacts, t: Localize): string {
  const reason = input.credential?.kind === 'invalid' ? input.credential.reason : 'rejected';
  switch (reason) {
    case 'expired-or-revoked': return t('The credential for {0} has expired or was revoked (the registry does not say which). Log in again.', registryName(input, t));
    default: return t('{0} rejected the configured credential. Log in again.', registryName(input, t));
  }
}

function unidentifiedReason(input: VerdictInput, _facts: AuthFacts, t: Localize): string {
  if (input.package.parseError) return t('package.json does not parse: {0}', input.package.parseError);
  return input.package.name
    ? t('package.json has no "version", so there is nothing to publish.')
    : t('package.json has no "name", so there is nothing to publish.');
}

function uncheckedReason(input: VerdictInput, _facts: AuthFacts, t: Localize): string {
  if (!input.registry) return t('The registry this package publishes to could not be resolved.');
  const problem: RegistryProblem | undefined = input.stale?.problem
    ?? (input.packageFacts?.state === 'unavailable' ? input.packageFacts.error : undefined)
    ?? (input.credential?.kind === 'token-unknown' ? input.credential.problem : undefined);
  return problem
    ? t('The registry facts needed for a verdict are missing: {0}', problem.message)
    : t('The registry has not been asked yet.');
}

function tlsSetting(input: VerdictInput): string {
  const risk = input.transportRisk;
  return risk?.kind === 'weakened-tls' ? (risk.setting === 'strict-ssl' ? 'strict-ssl=false' : risk.setting) : 'TLS';
}

function packageName(input: VerdictInput): string {
  return input.package.name ?? 'package.json';
}

function registryName(input: VerdictInput, t: Localize): string {
  if (!input.registry) return t('the registry');
  try {
    return new URL(input.registry.url).host;
  } catch {
    return input.registry.nerfDart;
  }
}

function who(input: VerdictInput, t: Localize): string {
  const c = input.credential;
  const username = c && 'username' in c ? c.username : undefined;
  return username ?? t('This account');
}

function tokenName(input: VerdictInput): string {
  return input.credential?.kind === 'granular' ? input.credential.name : '';
}

function unreadableFiles(input: VerdictInput): string {
  const configured = input.configuredCredential;
  return configured.type === 'none' ? (configured.unreadable ?? []).join(', ') : '';
}

function unsetVariables(input: VerdictInput): string {
  const configured = input.configuredCredential;
  return configured.type === 'unset-variable' ? configured.variables.map((v) => '${' + v + '}').join(', ') : '${…}';
}
