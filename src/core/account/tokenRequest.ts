// A granular access token request as npm 11/12 sends it (protocol §4.2), and the checks the token
// wizard runs on each answer before anything reaches the registry. Pure, so each rule is a table row.
import validatePackageName from 'validate-npm-package-name';
import type { Localize } from '../base/localize';
import { BYPASS_DIRECT_PUBLISH_END } from '../base/npmjsPolicies';

/** `read-write-stage-only` (npm 12.2.0, npmjs): publishing stages versions, a maintainer approves each (protocol §4.2, §7.7). */
export type TokenPermissionChoice = 'read-only' | 'read-write' | 'read-write-stage-only';

/** Who holds the token: the person on this machine, or CI (where it goes into the CI's secrets). */
export type TokenPurpose = 'me' | 'ci';

/** Stage-only tokens are write tokens: npm's 90-day maximum holds for them too. */
export const isWritePermission = (permission: TokenPermissionChoice): boolean => permission !== 'read-only';

export interface TokenRequest {
  /** Absent: for the person (the wizard's first path). */
  purpose?: TokenPurpose;
  name: string;
  permission: TokenPermissionChoice;
  /** Package names and `@scope`s. */
  packagesAndScopes: string[];
  expiresDays: number;
  bypass2fa: boolean;
  cidr: string[];
}

/** Write tokens live at most this long (npm, Oct/Nov 2025); 7 days is npm's default. */
export const MAX_WRITE_DAYS = 90;
export const DEFAULT_DAYS = 7;
/** Read-only tokens have no documented maximum; npm's website offers up to a year. */
export const MAX_READ_DAYS = 365;
/** At most 50 packages and scopes per token (npm docs). */
export const MAX_PACKAGES_AND_SCOPES = 50;

/**
 * The body, keys in npm's order and only those npm would send: `packages` and `scopes` split as the
 * CLI's `--packages`/`--scopes`, `bypass_2fa` only when set, `cidr_whitelist` only when given.
 */
export function tokenBody(request: TokenRequest, password: string): Record<string, unknown> {
  const scopes = request.packagesAndScopes.filter(isScope);
  const packages = request.packagesAndScopes.filter((item) => !isScope(item));
  return {
    name: request.name,
    password,
    ...(packages.length > 0 ? { packages } : {}),
    ...(scopes.length > 0 ? { scopes } : {}),
    packages_and_scopes_permission: request.permission,
    expires: request.expiresDays,
    ...(request.cidr.length > 0 ? { cidr_whitelist: request.cidr } : {}),
    ...(request.bypass2fa ? { bypass_2fa: true } : {}),
  };
}

const isScope = (item: string) => /^@[^/]+$/.test(item);

/** A list typed as "a, b c": split on commas and spaces, empty items dropped. */
export function splitList(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** A name the token list will show; suggested from the package so that people recognise it later. */
export function suggestTokenName(packageName: string | undefined, today: Date, purpose: TokenPurpose = 'me'): string {
  const base = (packageName ?? 'npm').replace(/^@/, '').replace(/\//g, '-');
  return `${base}${purpose === 'ci' ? '-ci' : ''}-${today.toISOString().slice(0, 10)}`;
}

export function checkTokenName(name: string, t: Localize): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return t('Give the token a name: the token list shows it.');
  if (trimmed.length > 100) return t('At most 100 characters.');
  // eslint-disable-next-line no-control-regex -- control characters would corrupt the token list display
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return t('No control characters.');
  return undefined;
}

export function checkPackagesAndScopes(text: string, t: Localize): string | undefined {
  const items = splitList(text);
  if (items.length === 0) return t('Name at least one package or @scope the token may use.');
  if (items.length > MAX_PACKAGES_AND_SCOPES) return t('At most {0} packages and scopes per token.', MAX_PACKAGES_AND_SCOPES);
  for (const item of items) {
    if (isScope(item)) {
      if (!/^@[a-z0-9][a-z0-9._~-]*$/.test(item)) return t('"{0}" is not a valid scope.', item);
      continue;
    }
    // npm's rules; of the old ones, only capitals (JSONStream exists): `Bad Name!` is refused.
    const check = validatePackageName(item);
    const onlyCapitals = check.validForOldPackages && (check.warnings ?? []).every((warning) => /capital letters/.test(warning));
    if (!check.validForNewPackages && !onlyCapitals) return t('"{0}" is not a valid package name.', item);
  }
  return undefined;
}

export function checkExpiryDays(text: string, permission: TokenPermissionChoice, t: Localize): string | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return t('A whole number of days.');
  const days = Number(trimmed);
  const write = isWritePermission(permission);
  const max = write ? MAX_WRITE_DAYS : MAX_READ_DAYS;
  if (days < 1) return t('At least 1 day.');
  if (days > max) return write ? t('Write tokens expire within {0} days at most.', max) : t('At most {0} days.', max);
  return undefined;
}

/** IPv4 and IPv6 CIDR ranges, as the registry's `cidr_whitelist` takes them; empty is allowed (no limit). */
export function checkCidrs(text: string, t: Localize): string | undefined {
  for (const item of splitList(text)) {
    if (!isCidr(item)) return t('"{0}" is not a CIDR range such as 192.0.2.0/24 or 2001:db8::/32.', item);
  }
  return undefined;
}

export function isCidr(text: string): boolean {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(text);
  if (!match) return false;
  const [, address, bits] = match;
  const prefix = Number(bits);
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(address!)) return prefix <= 32 && address!.split('.').every((part) => Number(part) <= 255 && String(Number(part)) === part);
  return prefix <= 128 && isIpv6(address!);
}

function isIpv6(address: string): boolean {
  if (!/^[0-9a-f:]+$/i.test(address) || (address.match(/::/g)?.length ?? 0) > 1) return false;
  const groups = address.split(':');
  const compressed = address.includes('::');
  const filled = groups.filter((g) => g !== '');
  if (filled.some((g) => g.length > 4)) return false;
  return compressed ? filled.length < 8 : groups.length === 8 && filled.length === 8;
}

/**
 * The summary shown before the password is asked: what the token will be, and for a bypass-2FA token
 * what that means, one line each (a modal's detail: never cut off, unlike a pick's row).
 */
export function tokenSummary(request: TokenRequest, host: string, t: Localize): { message: string; detail: string } {
  const permission = {
    'read-write': t('Permission: read and write'),
    'read-write-stage-only': t('Permission: stage only (a maintainer approves each release)'),
    'read-only': t('Permission: read-only'),
  }[request.permission];
  const lines = [
    ...(request.purpose === 'ci' ? [t('For CI: store it as a secret there; you are reminded 7 days and 1 day before it expires.')] : []),
    permission,
    t('Packages and scopes: {0}', request.packagesAndScopes.join(', ')),
    t('Expires in {0} days', request.expiresDays),
    request.cidr.length > 0 ? t('Allowed IP ranges: {0}', request.cidr.join(', ')) : t('Allowed IP ranges: any'),
  ];
  if (request.bypass2fa) {
    lines.push(
      '',
      t('Bypasses 2FA when publishing. That means:'),
      t('• anyone holding the token can publish these packages, with no second factor;'),
      t('• packages set to "disallow tokens" refuse it;'),
      t('• it may not create or delete tokens or change package access (npm, since August 2026);'),
      t('• npm plans to end direct publishing with such tokens in {0}: trusted publishing from CI, or a stage-only token with approval, is where to move.', t(BYPASS_DIRECT_PUBLISH_END.month)),
    );
  } else if (request.permission === 'read-write') {
    lines.push(t('Publishing with it asks for 2FA.'));
  } else if (request.permission === 'read-write-stage-only') {
    lines.push(t('It can only stage versions (npm stage publish); each waits for a maintainer\'s approval with 2FA.'));
  }
  return { message: t('Create token "{0}" on {1}?', request.name, host), detail: lines.join('\n') };
}

export type TokenRestriction = 'expiry' | 'packages' | 'permission' | 'cidr';

/**
 * The restrictions the registry's answer to a create shows it did not apply. npm's answer names the
 * expiry and, for a granular token, its permissions and scopes; a classic-token answer (`readonly`
 * and no `permissions`, as Verdaccio's) limits neither packages nor, unless read-only, writing. Where
 * the answer says nothing either way, nothing is claimed.
 */
export function unappliedRestrictions(request: TokenRequest, answer: Readonly<Record<string, unknown>>): TokenRestriction[] {
  const out: TokenRestriction[] = [];
  if (typeof answer.expires !== 'string' || Number.isNaN(Date.parse(answer.expires))) out.push('expiry');
  const classic = typeof answer.readonly === 'boolean' && answer.permissions === undefined;
  if (classic) {
    if (request.packagesAndScopes.length > 0) out.push('packages');
    if (request.permission === 'read-only' && answer.readonly !== true) out.push('permission');
  } else if (Array.isArray(answer.scopes)) {
    const named = new Set(answer.scopes.map((scope) => (scope as { name?: unknown })?.name).filter((name) => typeof name === 'string'));
    if (request.packagesAndScopes.some((item) => !named.has(item) && !named.has(item.replace(/^@/, '')))) out.push('packages');
  }
  const cidr = Array.isArray(answer.cidr_whitelist) ? answer.cidr_whitelist : Array.isArray(answer.cidr) ? answer.cidr : undefined;
  if (request.cidr.length > 0 && !(cidr && request.cidr.every((range) => cidr.includes(range)))) out.push('cidr');
  return out;
}

/** One sentence naming what the registry did not apply, or undefined when it applied everything asked. */
export function unappliedSentence(unapplied: readonly TokenRestriction[], host: string, t: Localize): string | undefined {
  if (unapplied.length === 0) return undefined;
  const words: Record<TokenRestriction, string> = {
    expiry: t('the expiry (it may never expire)'),
    packages: t('the package and scope limits (it works for every package you can write)'),
    permission: t('read-only (it can publish)'),
    cidr: t('the IP ranges'),
  };
  return t('{0} did not apply {1}.', host, unapplied.map((r) => words[r]).join(t(', ')));
}
