// The words every view of the status shares — the verdict's look, the sentences about the credential,
// its expiry, the staleness — so that the status bar, the tooltip, the menu and the details say the
// same thing the same way. Composers (presentation, tooltip, statusActions, detailsReport) import
// from here, never from each other.
import { SESSION_LIFETIME_MS, SESSION_WARNING_MS, TOKEN_WARNING_MS } from '../base/lifetimes';
import { humanAgo, humanDuration, type Localize } from '../base/localize';
import type { ConfigSource, CredentialFacts, PublishAuthStatus, PublishingAccessMode, VerdictCode } from '../base/model';
import { inert, plain, registryHost } from '../base/text';
import { BYPASS_DIRECT_PUBLISH_END, BYPASS_END_NOTICE_MS, hasNpmjsPolicies } from '../base/npmjsPolicies';

/** One `---`-separated block of the tooltip; `lines` are Markdown (data in them is escaped). */
export interface TooltipSection {
  /** Bold above the lines; empty for none. */
  title: string;
  lines: string[];
}

// ---------------------------------------------------------------------------------------------
// Verdicts as the user sees them

interface VerdictLook {
  icon: string;
  /** A word or two for the status bar. */
  badge: (t: Localize) => string;
  title: (t: Localize) => string;
}

const VERDICT_LOOK: Record<VerdictCode, VerdictLook> = {
  'ready': { icon: '$(check)', badge: (t) => t('ready'), title: (t) => t('Ready to publish, no prompt') },
  'needs-otp': { icon: '$(key)', badge: (t) => t('OTP'), title: (t) => t('Publishing will ask for a one-time password') },
  'needs-browser-approval': { icon: '$(globe)', badge: (t) => t('browser'), title: (t) => t('Publishing will ask for approval in the browser') },
  'needs-2fa': { icon: '$(key)', badge: (t) => t('2FA'), title: (t) => t('Publishing will ask for two-factor authentication') },
  'not-logged-in': { icon: '$(sign-in)', badge: (t) => t('log in'), title: (t) => t('Not logged in') },
  'credential-invalid': { icon: '$(error)', badge: (t) => t('invalid credential'), title: (t) => t('Credential invalid') },
  'no-write-access': { icon: '$(circle-slash)', badge: (t) => t('no write access'), title: (t) => t('No write access') },
  'tokens-disallowed': { icon: '$(circle-slash)', badge: (t) => t('tokens disallowed'), title: (t) => t('Tokens are disallowed for this package') },
  'account-without-2fa': { icon: '$(circle-slash)', badge: (t) => t('no 2FA'), title: (t) => t('Account without two-factor authentication') },
  'published': { icon: '$(pass)', badge: (t) => t('published'), title: (t) => t('Published') },
  'version-exists': { icon: '$(versions)', badge: (t) => t('version exists'), title: (t) => t('Version already published') },
  'private-package': { icon: '$(eye-closed)', badge: (t) => t('private'), title: (t) => t('Private package') },
  'read-only-token': { icon: '$(circle-slash)', badge: (t) => t('read-only token'), title: (t) => t('Read-only token') },
  'stage-only-token': { icon: '$(inbox)', badge: (t) => t('will stage'), title: (t) => t('Will stage; approval needed') },
  'invalid-manifest': { icon: '$(error)', badge: (t) => t('invalid package.json'), title: (t) => t('npm refuses this package.json') },
  'insecure-transport': { icon: '$(unlock)', badge: (t) => t('insecure registry'), title: (t) => t('Credential withheld: insecure connection') },
  'unknown': { icon: '$(question)', badge: (t) => t('unknown'), title: (t) => t('Verdict unknown') },
};

export function verdictTitle(code: VerdictCode, localize: Localize): string {
  return VERDICT_LOOK[code].title(localize);
}

/**
 * The verdict's headline at `now`: the title, and for a published version when it went out
 * ("Published just now", "Published 3 days ago") where the registry says.
 */
export function verdictHeadline(status: PublishAuthStatus, now: number, t: Localize): string {
  const facts = status.packageFacts;
  const at = status.verdict.code === 'published' && facts?.state === 'published' && facts.latestPublishedAt ? Date.parse(facts.latestPublishedAt) : NaN;
  return Number.isFinite(at) ? t('Published {0}', humanAgo(Math.min(at, now), now, t)) : verdictTitle(status.verdict.code, t);
}

export function verdictIcon(code: VerdictCode): string {
  return VERDICT_LOOK[code].icon;
}

/** A word or two for the status bar. */
export function verdictBadge(code: VerdictCode, localize: Localize): string {
  return VERDICT_LOOK[code].badge(localize);
}


/** Restricted Mode left some of the folder's npm settings out, so the verdict may differ from npm's. */
export function isPartlyApplied(status: PublishAuthStatus): boolean {
  return (status.restricted?.ignored.length ?? 0) > 0;
}

export function restrictedSentence(t: Localize): string {
  return t('Restricted Mode: this folder\'s npm settings are only partly applied. Trust the folder to check the package as npm would publish it.');
}

// ---------------------------------------------------------------------------------------------
// Sentences shared by the tooltip, the label and the details report

export function packageSpec(status: PublishAuthStatus): string {
  const { name, version } = status.package;
  return plain(name ? (version ? `${plain(name)}@${plain(version)}` : name) : status.package.manifestPath);
}

export function credentialSentence(status: PublishAuthStatus, t: Localize): string {
  const host = status.registry ? registryHost(status.registry.url) : t('the registry');
  const c = status.credential;
  const configured = status.configuredCredential;
  if (configured.type === 'none' && configured.unreadable?.length) {
    return t('The credential for {0} is unknown: {1} cannot be read.', host, configured.unreadable.map(plain).join(', '));
  }
  if (configured.type === 'none' || c?.kind === 'none') return t('Not logged in to {0}.', host);
  if (configured.type === 'unset-variable') {
    return t('The credential for {0} needs {1}, which is not set.', host, configured.variables.map((v) => '${' + v + '}').join(', '));
  }
  const user = plain(username(c) || t('an unknown user'));
  switch (c?.kind) {
    case undefined: return t('A credential for {0} is configured; the registry has not confirmed it yet.', host);
    case 'session': return isNpmjsSession(status)
      ? t('Logged in to {0} as {1} with a session from npm login.', host, user)
      : t('Logged in to {0} as {1} with a token from npm login.', host, user);
    case 'granular': return t('Logged in to {0} as {1} with the granular access token "{2}".', host, user, plain(c.name));
    case 'token-unknown': return t('Logged in to {0} as {1} with a token whose kind this extension cannot see.', host, user);
    case 'basic': return t('Logged in to {0} as {1} with a username and password.', host, user);
    case 'invalid': return c.reason === 'expired-or-revoked'
      ? t('The credential for {0} has expired or was revoked.', host)
      : t('The credential for {0} was rejected by the registry.', host);
  }
}

export function accountTwoFactorSentence(status: PublishAuthStatus, t: Localize): string {
  const method = { 'totp': t('an authenticator app'), 'passkey-only': t('passkeys only'), 'unknown': t('a second factor of unknown kind') }[status.twoFactorMethod ?? 'unknown'];
  switch (status.accountTwoFactor) {
    case 'disabled': return t('Account two-factor authentication: disabled.');
    case 'unknown': return t('Account two-factor authentication: not visible to this credential.');
    default: {
      const sentence = t('Account two-factor authentication: {0}, with {1}.', status.accountTwoFactor, method);
      const source = status.twoFactorMethodSource === 'declared' ? t('(declared in the settings)')
        : status.twoFactorMethodSource === 'registry-answer' ? t('(seen in a registry challenge)') : undefined;
      return source ? `${sentence} ${source}` : sentence;
    }
  }
}

export function writeAccessSentence(status: PublishAuthStatus, t: Localize): string {
  switch (status.writeAccess) {
    case 'write': return t('You have write access.');
    case 'read': return t('You have read access only.');
    case 'none': return t('You are not a collaborator.');
    case 'new-package': return t('A new package: the first publish creates it.');
    case 'unknown': return t('Write access could not be checked.');
  }
}

export function sourceSentence(source: ConfigSource, t: Localize): string {
  return source.file
    ? t('From {0} in the {1} config ({2}).', plain(source.key), source.layer, plain(source.file))
    : t('From {0} in the {1} config.', plain(source.key), source.layer);
}

export function staleSentence(stale: NonNullable<PublishAuthStatus['stale']>, now: number, t: Localize): string {
  return t('Last refresh failed {0}: {1}. Showing the last known status.', humanAgo(stale.since, now, t), plain(stale.problem.message));
}

// ---------------------------------------------------------------------------------------------
// Expiry

export interface CredentialExpiry {
  kind: 'session' | 'token';
  expiresAt: number;
}

/**
 * A token from `npm login` that is not in the token list is a 2-hour session on npmjs; elsewhere its
 * lifetime is the registry's own, which it does not tell.
 */
export function isNpmjsSession(status: PublishAuthStatus): boolean {
  return status.credential?.kind === 'session' && hasNpmjsPolicies(status.registry);
}

/** Sessions last 2 hours from npm login on npmjs; we know when only if we did the login. */
export function credentialExpiry(status: PublishAuthStatus): CredentialExpiry | undefined {
  const c = status.credential;
  if (c?.kind === 'session' && isNpmjsSession(status)) {
    const expiresAt = c.expiresAt ?? (c.loggedInAt !== undefined ? c.loggedInAt + SESSION_LIFETIME_MS : undefined);
    return expiresAt === undefined ? undefined : { kind: 'session', expiresAt };
  }
  if (c?.kind === 'granular' && c.expiresAt !== undefined) return { kind: 'token', expiresAt: c.expiresAt };
  return undefined;
}

/** "1 h 12 min left" / "expires in 3 days" / "expired 5 min ago", as a sentence. */
export function expirySentence(status: PublishAuthStatus, now: number, t: Localize): string | undefined {
  const expiry = credentialExpiry(status);
  if (!expiry) {
    return isNpmjsSession(status) ? t('The session lasts 2 hours from npm login; its start is not known.') : undefined;
  }
  const left = expiry.expiresAt - now;
  if (left <= 0) {
    return expiry.kind === 'session'
      ? t('The session ended {0}.', humanAgo(expiry.expiresAt, now, t))
      : t('The token expired {0}.', humanAgo(expiry.expiresAt, now, t));
  }
  return expiry.kind === 'session'
    ? t('Session: {0} left.', humanDuration(left, t))
    : t('The token expires in {0}.', humanDuration(left, t));
}

/** Under 15 minutes left for a session, 3 days for a token, or already expired. */
/**
 * The item's first icon, the publishing access; the tooltip's access line starts with it, so the icon
 * is explained where it is hovered.
 */
export function accessIcon(mode: PublishingAccessMode | undefined): string {
  return { publish: '$(lock)', automation: '$(shield)', none: '$(unlock)', unknown: '$(package)' }[mode ?? 'unknown'];
}

/** Sessions are short, so their time is always worth a glance in the item; tokens only when running out. */
export function itemShowsTime(status: PublishAuthStatus, now: number): boolean {
  const expiry = credentialExpiry(status);
  return Boolean(expiry && (expiry.kind === 'session' || expiresSoon(status, now)));
}

export function expiresSoon(status: PublishAuthStatus, now: number): boolean {
  const expiry = credentialExpiry(status);
  return Boolean(expiry && expiry.expiresAt - now < (expiry.kind === 'session' ? SESSION_WARNING_MS : TOKEN_WARNING_MS));
}

export interface ExpiryWarning {
  /** Stable per credential and expiry, so the UI announces each warning once. */
  id: string;
  message: string;
}

/** A warning under 15 minutes for sessions or 3 days for tokens (and once expired). */
export function expiryWarning(status: PublishAuthStatus, now: number, t: Localize): ExpiryWarning | undefined {
  const expiry = credentialExpiry(status);
  if (!expiry || !expiresSoon(status, now)) return undefined;
  const left = expiry.expiresAt - now;
  const host = status.registry ? registryHost(status.registry.url) : t('the registry');
  const id = `${expiry.kind}:${status.registry?.nerfDart ?? ''}:${expiry.expiresAt}`;
  // Shown in a notification, which expands links and codicons.
  const name = status.credential?.kind === 'granular' ? inert(status.credential.name) : '';
  const message = expiry.kind === 'session'
    ? left > 0
      ? t('Your npm session on {0} ends in {1}. Log in again to keep publishing.', host, humanDuration(left, t))
      : t('Your npm session on {0} has ended. Log in again to publish.', host)
    : left > 0
      ? t('The npm token "{0}" for {1} expires in {2}. Generate a new one before it runs out.', name, host, humanDuration(left, t))
      : t('The npm token "{0}" for {1} has expired. Generate a new one to publish.', name, host);
  return { id, message };
}


// ---------------------------------------------------------------------------------------------
// The end of direct publishing with bypass-2FA tokens (npmjs)

/** The credential is a bypass-2FA token on npmjs, whose direct publishing npm plans to end. */
export function usesBypassToken(status: PublishAuthStatus): boolean {
  const c = status.credential;
  return hasNpmjsPolicies(status.registry) && c?.kind === 'granular' && c.bypass2fa && c.permission === 'read-write';
}

/** Within the notice before the end (or after it): worth acting on now. */
export function bypassEndNear(status: PublishAuthStatus, now: number): boolean {
  return usesBypassToken(status) && now >= BYPASS_DIRECT_PUBLISH_END.at - BYPASS_END_NOTICE_MS;
}

/** When npm plans to stop the token publishing, and what to move to; undefined for other credentials. */
export function bypassEndSentence(status: PublishAuthStatus, now: number, t: Localize): string | undefined {
  if (!usesBypassToken(status)) return undefined;
  const month = t(BYPASS_DIRECT_PUBLISH_END.month);
  return now < BYPASS_DIRECT_PUBLISH_END.at
    ? t('npm plans to end direct publishing with bypass-2FA tokens in {0} ({1}): move to trusted publishing from CI, or to a stage-only token with approval.', month, humanDuration(BYPASS_DIRECT_PUBLISH_END.at - now, t))
    : t('npm planned to end direct publishing with bypass-2FA tokens in {0}: if the registry refuses this token, move to trusted publishing from CI, or to a stage-only token with approval.', month);
}

/** npm's page on trusted publishing: where the move starts. */
export const TRUSTED_PUBLISHING_DOCS = 'https://docs.npmjs.com/trusted-publishers';

export function username(c: CredentialFacts | undefined): string | undefined {
  return c && 'username' in c ? c.username : undefined;
}

