// The trust corpus: bad inputs for the status pipeline, each with the outcome an honest status has.
// Data only; trustCorpus.test.ts runs every case through computeStatus against the local registry.
import type { CredentialFacts, PackageFacts, VerdictCode, WriteAccess, AccountTwoFactor } from '../../src/core/base/model';
import type { Fault } from './faults';

export interface CorpusCase {
  name: string;
  /** Demo token label (default `alice-session`). */
  token?: string;
  /** package.json contents (default `{name: 'demo-pkg', version: '9.9.9'}`). */
  manifest?: Record<string, unknown>;
  /** Faults injected on registry paths; `'trap'` in a location is replaced by the other-origin trap's URL. */
  faults?: { path: string; fault: Fault; times?: number }[];
  /** A short overall deadline for cases that would otherwise hang. */
  deadlineMs?: number;
  expect: {
    verdict: VerdictCode;
    credential?: CredentialFacts['kind'];
    packageState?: PackageFacts['state'];
    writeAccess?: WriteAccess;
    accountTwoFactor?: AccountTwoFactor;
    /** The problem the status is marked stale with (undefined: not stale). */
    stale?: RegExp;
    reason?: RegExp;
    /** The registry receives no request at all (the manifest is refused first). */
    noRequests?: boolean;
  };
}

const PACKUMENT = '/demo-pkg';
const COLLABORATORS = '/-/package/demo-pkg/collaborators';
const WHOAMI = '/-/whoami';
const PROFILE = '/-/npm/v1/user';
const TOKENS = '/-/npm/v1/tokens';

const body = (path: string, json: unknown, status?: number) => ({ path, fault: { kind: 'json-body', body: json, status } as Fault });
const htmlPage = (path: string) => ({ path, fault: { kind: 'raw-body', contentType: 'text/html', data: '<!doctype html><html><body>Sign in to the Wi-Fi</body></html>' } as Fault });
const NOT_UNDERSTOOD = /was not understood/;
const NOT_JSON = /not JSON/;
const DEADLINE = /did not answer .* within 1 s/;

/** A listed token item as the registry sends it, with one field replaced. */
function bypassItem(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    token: 'MASKED', name: 'ci-publish', expiry: '2099-01-01T00:00:00.000Z', cidr: [], bypass_2fa: true,
    permissions: [{ name: 'package', action: 'write' }], scopes: [{ name: 'demo-pkg', type: 'package' }], ...overrides,
  };
}

// ---- whoami: the identity is unknown; the verdict still comes from what is known, marked stale.
const whoamiCases: CorpusCase[] = [
  ['null', null], ['an array', []], ['a bare text', 'alice'], ['username a number', { username: 42 }],
  ['username empty', { username: '' }], ['username null', { username: null }], ['an empty object', {}],
  ['username an object', { username: { name: 'alice' } }],
].map(([what, json]) => ({
  name: `whoami answers ${what as string}`,
  faults: [body(WHOAMI, json)],
  expect: { verdict: 'needs-2fa', credential: 'session', writeAccess: 'unknown', stale: NOT_UNDERSTOOD },
}));
whoamiCases.push(
  { name: 'whoami answers an HTML page with 200', faults: [htmlPage(WHOAMI)], expect: { verdict: 'needs-2fa', writeAccess: 'unknown', stale: NOT_JSON } },
  { name: 'whoami answers broken JSON', faults: [{ path: WHOAMI, fault: { kind: 'malformed-json' } }], expect: { verdict: 'needs-2fa', writeAccess: 'unknown', stale: NOT_JSON } },
  { name: 'whoami body trickles (bypass token)', token: 'alice-bypass', deadlineMs: 1000, faults: [{ path: WHOAMI, fault: { kind: 'trickle' } }], expect: { verdict: 'ready', credential: 'granular', writeAccess: 'unknown', stale: DEADLINE } },
);

// ---- profile: the account's 2FA is unknown — never "no 2FA".
const profileCases: CorpusCase[] = [
  ['tfa "yes"', { tfa: 'yes' }], ['tfa true', { tfa: true }], ['tfa a number', { tfa: 1 }], ['tfa an array', { tfa: [] }],
  ['tfa.mode a number', { tfa: { mode: 5, pending: false } }], ['tfa.pending a text', { tfa: { mode: 'auth-only', pending: 'no' } }],
  ['tfa the otpauth text of an enable step', { tfa: 'otpauth://totp/npm:alice?secret=XXXX' }], ['no tfa at all', { name: 'dave' }],
  ['null', null], ['an array', []], ['a bare text', 'profile'],
].map(([what, json]) => ({
  name: `profile answers ${what as string}`,
  token: 'dave-session',
  faults: [body(PROFILE, json)],
  expect: { verdict: 'needs-2fa', accountTwoFactor: 'unknown', stale: NOT_UNDERSTOOD },
}));
profileCases.push(
  { name: 'profile answers an HTML page', token: 'dave-session', faults: [htmlPage(PROFILE)], expect: { verdict: 'needs-2fa', accountTwoFactor: 'unknown', stale: NOT_JSON } },
  { name: 'profile 403 for this token is an answer, not a failure', token: 'dave-session', faults: [body(PROFILE, { error: 'Forbidden' }, 403)], expect: { verdict: 'needs-2fa', accountTwoFactor: 'unknown' } },
);

// ---- token list: a bypass token's kind is unknown (verdict unknown) — never "a session, needs 2FA".
const tokenCases: CorpusCase[] = [
  ['objects an object', { objects: {} }], ['objects null', { objects: null }], ['objects missing', { total: 1 }],
  ['null', null], ['an array', []], ['a list of null', { objects: [null] }],
  ['permissions {}', { objects: [bypassItem({ permissions: {} })] }],
  ['cidr a text', { objects: [bypassItem({ cidr: '10.0.0.0/8' })] }],
  ['name a number', { objects: [bypassItem({ name: 42 })] }],
  ['expiry a number', { objects: [bypassItem({ expiry: 1767225600000 })] }],
  ['expiry not a date', { objects: [bypassItem({ expiry: 'soon' })] }],
  ['bypass_2fa a text', { objects: [bypassItem({ bypass_2fa: 'true' })] }],
  ['scopes a text', { objects: [bypassItem({ scopes: 'all' })] }],
  ['permissions without action', { objects: [bypassItem({ permissions: [{ name: 'package' }] })] }],
  ['token a number', { objects: [bypassItem({ token: 1234 })] }],
  ['publish_policy a number', { objects: [bypassItem({ publish_policy: 1 })] }],
  ['urls.next a number', { objects: [], urls: { next: 42 } }],
  ['urls a text', { objects: [], urls: 'next' }],
].map(([what, json]) => ({
  name: `token list answers ${what as string}`,
  token: 'alice-bypass',
  faults: [body(TOKENS, json)],
  expect: { verdict: 'unknown', credential: 'token-unknown', stale: NOT_UNDERSTOOD, reason: NOT_UNDERSTOOD },
}));
tokenCases.push(
  {
    name: 'token list pages never end (urls.next forever)', token: 'alice-bypass',
    faults: [body(TOKENS, { objects: [], urls: { next: '/-/npm/v1/tokens?page=next' } })],
    expect: { verdict: 'unknown', credential: 'token-unknown', stale: /token list is incomplete/, reason: /token list is incomplete/ },
  },
  { name: 'token list fails with 500 (bypass token is not "needs 2FA")', token: 'alice-bypass', faults: [{ path: TOKENS, fault: { kind: 'server-error', status: 500 } }], expect: { verdict: 'unknown', credential: 'token-unknown', stale: /failed with 500/ } },
  { name: 'token list rate-limited', token: 'alice-bypass', faults: [{ path: TOKENS, fault: { kind: 'rate-limit', retryAfterSeconds: 30 } }], expect: { verdict: 'unknown', credential: 'token-unknown', stale: /rate-limiting/ } },
  { name: 'token list connection reset', token: 'alice-bypass', faults: [{ path: TOKENS, fault: { kind: 'reset' } }], expect: { verdict: 'unknown', credential: 'token-unknown', stale: /connection was reset/ } },
  { name: 'token list answers an HTML page', token: 'alice-bypass', faults: [htmlPage(TOKENS)], expect: { verdict: 'unknown', credential: 'token-unknown', stale: NOT_JSON } },
  { name: 'token list body never ends', token: 'alice-bypass', deadlineMs: 1000, faults: [{ path: TOKENS, fault: { kind: 'endless' } }], expect: { verdict: 'unknown', credential: 'token-unknown', stale: DEADLINE } },
  { name: 'token list redirected to another port of the same host', token: 'alice-bypass', faults: [{ path: TOKENS, fault: { kind: 'redirect', location: 'trap/-/npm/v1/tokens' } }], expect: { verdict: 'unknown', credential: 'token-unknown', stale: /to another origin/ } },
  { name: 'token list hidden from this token (403) is an answer', token: 'alice-bypass', faults: [body(TOKENS, { error: 'Forbidden' }, 403)], expect: { verdict: 'needs-2fa', credential: 'token-unknown' } },
  { name: 'a second page that is not understood spoils the list', token: 'alice-bypass', faults: [body(TOKENS, { objects: [], urls: { next: '/-/npm/v1/tokens?page=1' } }, 200), body('/-/npm/v1/tokens', { objects: 'x' })].map((f, i) => ({ ...f, times: i === 0 ? 1 : undefined })), expect: { verdict: 'unknown', credential: 'token-unknown', stale: NOT_UNDERSTOOD } },
);

// ---- packument: the package facts are unavailable, so the verdict is unknown.
const packumentCases: CorpusCase[] = [
  ['maintainers a text', { versions: {}, maintainers: 'alice' }], ['maintainers of texts', { versions: {}, maintainers: ['alice'] }],
  ['time.created a number', { versions: {}, time: { created: 1700000000000 } }], ['versions a list', { versions: ['1.0.0'] }],
  ['a version a text', { versions: { '1.0.0': 'x' } }], ['dist-tags.latest a number', { versions: {}, 'dist-tags': { latest: 1 } }],
  ['_npmUser a text', { versions: { '1.0.0': { _npmUser: 'alice' } } }], ['trustedPublisher a text', { versions: { '1.0.0': { _npmUser: { trustedPublisher: 'github' } } } }],
  ['null', null], ['an array', []], ['a number', 42], ['{} (no versions)', {}],
  ['time.unpublished a text', { versions: {}, time: { unpublished: 'yes' } }],
].map(([what, json]) => ({
  name: `packument answers ${what as string}`,
  faults: [body(PACKUMENT, json)],
  expect: { verdict: 'unknown', packageState: 'unavailable', stale: NOT_UNDERSTOOD, reason: NOT_UNDERSTOOD },
}));
packumentCases.push(
  { name: 'packument answers an HTML page', faults: [htmlPage(PACKUMENT)], expect: { verdict: 'unknown', packageState: 'unavailable', stale: NOT_JSON } },
  { name: 'packument body trickles one byte at a time', deadlineMs: 1000, faults: [{ path: PACKUMENT, fault: { kind: 'trickle' } }], expect: { verdict: 'unknown', packageState: 'unavailable', stale: DEADLINE } },
  { name: 'packument body never ends', deadlineMs: 1000, faults: [{ path: PACKUMENT, fault: { kind: 'endless' } }], expect: { verdict: 'unknown', packageState: 'unavailable', stale: DEADLINE } },
  { name: 'packument redirected to another port of the same host', faults: [{ path: PACKUMENT, fault: { kind: 'redirect', location: 'trap/demo-pkg' } }], expect: { verdict: 'unknown', packageState: 'unavailable', stale: /to another origin/ } },
  { name: 'packument redirected to localhost instead of 127.0.0.1', faults: [{ path: PACKUMENT, fault: { kind: 'redirect', location: 'localtrap/demo-pkg' } }], expect: { verdict: 'unknown', packageState: 'unavailable', stale: /to another origin/ } },
  { name: 'packument redirects forever within the registry', faults: [{ path: PACKUMENT, fault: { kind: 'redirect', location: '/demo-pkg' } }], expect: { verdict: 'unknown', packageState: 'unavailable', stale: /more than 5 times/ } },
  { name: 'packument redirected once within the registry is followed', faults: [{ path: PACKUMENT, fault: { kind: 'redirect', location: '/demo-pkg?moved=1', status: 301 }, times: 1 }], expect: { verdict: 'needs-2fa', packageState: 'published', writeAccess: 'write' } },
  { name: 'packument redirect without a location', faults: [{ path: PACKUMENT, fault: { kind: 'raw-body', status: 302, contentType: 'text/plain', data: '' } }], expect: { verdict: 'unknown', packageState: 'unavailable', stale: /names no location/ } },
);

// ---- collaborators: write access is unknown — never "no write access".
const collaboratorCases: CorpusCase[] = [
  ['[] (a list, not an object)', []], ['null', null], ['a bare text', 'alice'], ['a permission "admin"', { alice: 'admin' }],
  ['a permission a number', { alice: 1 }], ['a permission null', { alice: null }], ['{} (nobody)', {}],
].map(([what, json]) => ({
  name: `collaborators answers ${what as string}`,
  faults: [body(COLLABORATORS, json)],
  expect: { verdict: 'needs-2fa', writeAccess: 'unknown', stale: NOT_UNDERSTOOD },
}));
collaboratorCases.push(
  { name: 'collaborators answers an HTML page', faults: [htmlPage(COLLABORATORS)], expect: { verdict: 'needs-2fa', writeAccess: 'unknown', stale: NOT_JSON } },
  { name: 'collaborators fails with 502', faults: [{ path: COLLABORATORS, fault: { kind: 'server-error', status: 502 } }], expect: { verdict: 'needs-2fa', writeAccess: 'unknown', stale: /failed with 502/ } },
  { name: 'collaborators body never ends', deadlineMs: 1000, faults: [{ path: COLLABORATORS, fault: { kind: 'endless' } }], expect: { verdict: 'needs-2fa', writeAccess: 'unknown', stale: DEADLINE } },
);

// ---- package.json: npm refuses the name or version before asking anything.
const manifestCases: CorpusCase[] = [
  ['probe pkg', 'Invalid name: "probe pkg"'], ['@probe', 'Invalid name: "@probe"'], ['.probe', 'Invalid name: ".probe"'],
  ['_probe', 'Invalid name: "_probe"'], ['node_modules', 'Invalid name: "node_modules"'], ['favicon.ico', 'Invalid name: "favicon.ico"'],
  ['@scope/.probe', 'Invalid name: "@scope/.probe"'], ['probe/../x', 'Invalid name: "probe/../x"'], ['probe\u0000', 'Invalid name: "probe\\u0000"'],
].map(([name, message]) => ({
  name: `package name ${JSON.stringify(name)}`,
  manifest: { name, version: '1.0.0' },
  expect: { verdict: 'invalid-manifest', reason: new RegExp(`^npm refuses this package\\.json: ${escape(message)}$`), noRequests: true },
}));
manifestCases.push(
  ...[['1.0', 'Invalid version: "1.0"'], ['not-a-version', 'Invalid version: "not-a-version"'], ['1', 'Invalid version: "1"'],
    ['1.0.0.0', 'Invalid version: "1.0.0.0"'], ['>=1.0.0', 'Invalid version: ">=1.0.0"'], ['latest', 'Invalid version: "latest"']]
    .map(([version, message]) => ({
      name: `package version ${JSON.stringify(version)}`,
      manifest: { name: 'demo-pkg', version },
      expect: { verdict: 'invalid-manifest' as const, reason: new RegExp(`${escape(message)}$`), noRequests: true },
    })),
  { name: 'an invalid version wins over "private"', manifest: { name: 'demo-pkg', version: '1.0', private: true }, expect: { verdict: 'invalid-manifest', noRequests: true } },
  { name: 'whitespace around the name is trimmed, as npm trims it', manifest: { name: ' demo-pkg ', version: '9.9.9' }, expect: { verdict: 'needs-2fa', packageState: 'published', writeAccess: 'write' } },
  { name: 'a loose version npm cleans (v9.9.9) is accepted', manifest: { name: 'demo-pkg', version: 'v9.9.9' }, expect: { verdict: 'needs-2fa', packageState: 'published' } },
  { name: 'a capitalised legacy name is only a warning for npm', manifest: { name: 'Demo-Legacy', version: '1.0.0' }, expect: { verdict: 'needs-2fa', packageState: 'unpublished', writeAccess: 'new-package' } },
);

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export const TRUST_CORPUS: readonly CorpusCase[] = [
  ...whoamiCases, ...profileCases, ...tokenCases, ...packumentCases, ...collaboratorCases, ...manifestCases,
];
