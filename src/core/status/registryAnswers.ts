// The boundary between the registry's JSON and the status model: one small guard per route. A
// registry (or a proxy, or a mirror) may answer anything; an answer of the wrong shape must make
// that one fact unknown ("not understood"), never a confident verdict and never a crash. Reasons
// name the field and the expected shape, never the value: answers may carry masked tokens or
// whatever a misbehaving server echoes back.
import type { AccountTwoFactor } from '../base/model';

export type Understood<T> = { ok: true; value: T } | { ok: false; why: string };

const understood = <T>(value: T): Understood<T> => ({ ok: true, value });
const notUnderstood = (why: string): { ok: false; why: string } => ({ ok: false, why });

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isOptional = (value: unknown, guard: (v: unknown) => boolean) => value === undefined || guard(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);
/** A date npm writes as ISO text; a number or an unparseable text is not one. */
const isDateText = (value: unknown): value is string => isString(value) && !Number.isNaN(Date.parse(value));

// ---------------------------------------------------------------- GET /-/whoami (doc §2)

export function readWhoami(body: unknown): Understood<{ username: string }> {
  if (!isObject(body)) return notUnderstood('the answer is not a JSON object');
  if (!isString(body.username) || body.username === '') return notUnderstood('"username" is not a non-empty text');
  return understood({ username: body.username });
}

// ---------------------------------------------------------------- GET /-/npm/v1/user (doc §3)

/**
 * As `npm profile get`: 2FA is enabled only when `tfa` is set and not pending. `null`/`false`
 * mean disabled; any other non-object (`"yes"`, `true`, the `otpauth://` text of an enable step)
 * is not an answer to "is 2FA on?", so it is not understood rather than read as "disabled".
 */
export function readProfile(body: unknown): Understood<{ twoFactor: AccountTwoFactor }> {
  if (!isObject(body)) return notUnderstood('the answer is not a JSON object');
  // A profile always says "tfa" (null when off): an answer without it is not a profile, not "2FA off".
  if (!('tfa' in body)) return notUnderstood('"tfa" is missing');
  const { tfa } = body;
  if (tfa === null || tfa === false) return understood({ twoFactor: 'disabled' });
  if (!isObject(tfa)) return notUnderstood('"tfa" is neither null, false nor an object');
  if (!isOptional(tfa.pending, (v) => typeof v === 'boolean')) return notUnderstood('"tfa.pending" is not true or false');
  if (!isString(tfa.mode)) return notUnderstood('"tfa.mode" is not a text');
  if (tfa.pending === true) return understood({ twoFactor: 'disabled' });
  // A mode npm may add later is still "2FA on", but of a kind we cannot name.
  return understood({ twoFactor: tfa.mode === 'auth-only' || tfa.mode === 'auth-and-writes' ? tfa.mode : 'unknown' });
}

// ---------------------------------------------------------------- GET /-/npm/v1/tokens (doc §4.1)

/** The fields of a token list item this extension reads, each checked. */
export interface TokenListItem {
  /** npm's masked form, `npm_abcd...wxyz`. */
  token: string;
  name?: string;
  expiry?: string | null;
  bypass_2fa?: boolean;
  cidr?: string[] | null;
  permissions?: { name: string; action: string }[];
  scopes?: { name: string; type: string }[];
  publish_policy?: string;
}

export interface TokenPage {
  objects: TokenListItem[];
  /** Where the next page is, if the registry says there is one. */
  next?: string;
}

const isNamed = (key: 'action' | 'type') => (value: unknown) => isObject(value) && isString(value.name) && isString(value[key]);

/** Why an item cannot be read, or undefined when it can. */
function tokenItemProblem(item: unknown): string | undefined {
  if (!isObject(item)) return 'is not an object';
  if (!isString(item.token)) return '"token" is not a text';
  if (!isOptional(item.name, isString)) return '"name" is not a text';
  if (!isOptional(item.expiry, (v) => v === null || isDateText(v))) return '"expiry" is not a date';
  if (!isOptional(item.bypass_2fa, (v) => typeof v === 'boolean')) return '"bypass_2fa" is not true or false';
  if (!isOptional(item.cidr, (v) => v === null || isStringArray(v))) return '"cidr" is not a list of address ranges';
  if (!isOptional(item.permissions, (v) => Array.isArray(v) && v.every(isNamed('action')))) return '"permissions" is not a list of {name, action}';
  if (!isOptional(item.scopes, (v) => Array.isArray(v) && v.every(isNamed('type')))) return '"scopes" is not a list of {name, type}';
  if (!isOptional(item.publish_policy, isString)) return '"publish_policy" is not a text';
  return undefined;
}

/**
 * One page of the token list. A single unreadable item spoils the page: it may be the configured
 * token, and skipping it would make a granular token look like a session (sessions are not listed).
 */
export function readTokenPage(body: unknown): Understood<TokenPage> {
  if (!isObject(body)) return notUnderstood('the answer is not a JSON object');
  if (!Array.isArray(body.objects)) return notUnderstood('"objects" is not a list');
  for (const [index, item] of body.objects.entries()) {
    const problem = tokenItemProblem(item);
    if (problem) return notUnderstood(`token ${index + 1} ${problem}`);
  }
  const urls = body.urls;
  if (!isOptional(urls, (v) => v === null || isObject(v))) return notUnderstood('"urls" is not an object');
  const next = isObject(urls) ? urls.next : undefined;
  // Verdaccio ends the list with `"next": ""`, as npm token list reads it: no next page.
  if (!isOptional(next, (v) => v === null || isString(v))) return notUnderstood('"urls.next" is not a text');
  return understood({ objects: body.objects as TokenListItem[], next: isString(next) && next !== '' ? next : undefined });
}

// ---------------------------------------------------------------- GET /:package (the packument)

export interface Packument {
  versions: Record<string, { trustedPublisher?: string }>;
  latest?: string;
  maintainers: string[];
  /** Publication time of each version and `created`, ISO text. */
  time: Record<string, string>;
}

export function readPackument(body: unknown): Understood<Packument> {
  if (!isObject(body)) return notUnderstood('the answer is not a JSON object');
  const { versions = {}, maintainers = [], time = {} } = body;
  const distTags = body['dist-tags'] ?? {};
  // Only a fully unpublished package has no "versions" (its time.unpublished says so).
  const unpublished = isObject(time) && isObject(time.unpublished);
  if (body.versions === undefined && !unpublished) return notUnderstood('"versions" is missing');
  if (!isObject(versions) || !Object.values(versions).every(isObject)) return notUnderstood('"versions" is not an object of version objects');
  if (!isObject(distTags) || !Object.values(distTags).every(isString)) return notUnderstood('"dist-tags" is not an object of texts');
  if (!Array.isArray(maintainers)) return notUnderstood('"maintainers" is not a list');
  if (!maintainers.every((m) => isObject(m) && isOptional(m.name, isString))) return notUnderstood('"maintainers" holds an entry without a text "name"');
  if (!isObject(time) || !Object.entries(time).every(([key, value]) => isDateText(value) || (key === 'unpublished' && isObject(value)))) {
    return notUnderstood('"time" is not an object of dates');
  }

  const read: Packument['versions'] = {};
  for (const [version, manifest] of Object.entries(versions as Record<string, Record<string, unknown>>)) {
    const npmUser = manifest._npmUser;
    if (!isOptional(npmUser, isObject)) return notUnderstood(`"_npmUser" of a version is not an object`);
    const trusted = isObject(npmUser) ? npmUser.trustedPublisher : undefined;
    if (!isOptional(trusted, isObject)) return notUnderstood('"_npmUser.trustedPublisher" of a version is not an object');
    read[version] = isObject(trusted) ? { trustedPublisher: isString(trusted.id) ? trusted.id : 'unknown' } : {};
  }
  return understood({
    versions: read,
    latest: (distTags as Record<string, string>).latest,
    maintainers: (maintainers as { name?: string }[]).map((m) => m.name ?? '').filter(Boolean),
    time: Object.fromEntries(Object.entries(time).filter((entry): entry is [string, string] => isString(entry[1]))),
  });
}

// ---------------------------------------------------------------- GET /-/package/:pkg/collaborators (doc §5.5)

/**
 * `{ "<user or scope:team>": "read" | "write" }`; any other permission text makes the answer
 * unreadable, and so does an empty one: a published package always has a maintainer, so "nobody"
 * is not an answer that may block a publish.
 */
export function readCollaborators(body: unknown): Understood<Record<string, 'read' | 'write'>> {
  if (!isObject(body)) return notUnderstood('the answer is not a JSON object of user → permission');
  if (Object.keys(body).length === 0) return notUnderstood('it names nobody');
  for (const permission of Object.values(body)) {
    if (permission !== 'read' && permission !== 'write') return notUnderstood('a permission is neither "read" nor "write"');
  }
  return understood(body as Record<string, 'read' | 'write'>);
}

// ---------------------------------------------------------------- the small documents (quickPackageFacts.ts)

/** `GET /-/package/:pkg/dist-tags`: tag → version. */
export function readDistTags(body: unknown): Understood<Record<string, string>> {
  if (!isObject(body) || !Object.values(body).every(isString)) return notUnderstood('the answer is not an object of tag → version');
  return understood(body as Record<string, string>);
}

/** `GET /:pkg/:version-or-tag`: the fields of one version's manifest the status reads. */
export function readVersionManifest(body: unknown): Understood<{ version: string; maintainers: string[]; trustedPublisher?: string }> {
  if (!isObject(body)) return notUnderstood('the answer is not a JSON object');
  if (!isString(body.version)) return notUnderstood('"version" is not a text');
  const maintainers = body.maintainers ?? [];
  if (!Array.isArray(maintainers) || !maintainers.every((m) => isObject(m) && isOptional(m.name, isString))) return notUnderstood('"maintainers" is not a list of {name}');
  if (!isOptional(body._npmUser, isObject)) return notUnderstood('"_npmUser" is not an object');
  const trusted = isObject(body._npmUser) ? body._npmUser.trustedPublisher : undefined;
  if (!isOptional(trusted, isObject)) return notUnderstood('"_npmUser.trustedPublisher" is not an object');
  return understood({
    version: body.version,
    maintainers: (maintainers as { name?: string }[]).map((m) => m.name ?? '').filter(Boolean),
    ...(isObject(trusted) && { trustedPublisher: isString(trusted.id) ? trusted.id : 'unknown' }),
  });
}
