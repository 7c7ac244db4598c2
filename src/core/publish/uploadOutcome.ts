// What one `npm publish <tarball> --json` run ended with, read from npm's own JSON output: published,
// staged, a 2FA challenge (classic OTP or browser approval) or a failure a person can act on.
// Pure, so every npm answer we have seen is a row in a table test.
import { challengeFrom, type Challenge } from '../account/challenge';

export type PublishFailureKind =
  | 'not-logged-in'
  | 'credential-rejected'
  | 'not-found'
  | 'read-only-token'
  | 'stage-required'
  | 'version-exists'
  | 'tokens-disallowed'
  | 'account-without-2fa'
  | 'conflict'
  | 'rate-limited'
  | 'needs-tag'
  | 'network'
  | 'other';

export interface PublishFailure {
  kind: PublishFailureKind;
  /** npm's error code (E403, EOTP, ECONNRESET…), when it gave one. */
  npmCode?: string;
  /** What the registry (or npm) said, without the request line: npm's summary names the URL. */
  said: string;
}

export type UploadOutcome =
  | { kind: 'published'; id?: string }
  | { kind: 'staged'; id?: string; stageId?: string }
  | { kind: 'challenge'; challenge: Challenge }
  | { kind: 'failed'; failure: PublishFailure };

interface NpmJsonError {
  code?: unknown;
  summary?: unknown;
  detail?: unknown;
  authUrl?: unknown;
  doneUrl?: unknown;
}

/** Network failures: the upload may or may not have reached the registry. */
const NETWORK_CODES = /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|ESOCKETTIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|ECONNABORTED|EHOSTUNREACH|ENETUNREACH|ERR_SOCKET_TIMEOUT|FETCH_ERROR|UND_ERR_SOCKET)$/;

/** The registry's own words rules apply to, in order; the first match wins. */
const FAILURE_RULES: { kind: PublishFailureKind; code?: RegExp; said?: RegExp }[] = [
  { kind: 'stage-required', said: /E_STAGE_REQUIRED|can only stage/i },
  { kind: 'version-exists', said: /previously published|cannot publish over/i },
  { kind: 'needs-tag', said: /must specify a tag/i },
  { kind: 'tokens-disallowed', said: /(granular access|automation) token was specified|tokens? (are |is )?(not allowed|disallowed)/i },
  { kind: 'account-without-2fa', said: /two-factor authentication or granular access token|enable TFA|2FA is required to publish/i },
  { kind: 'read-only-token', said: /read-only/i },
  { kind: 'not-logged-in', code: /^ENEEDAUTH$/ },
  { kind: 'credential-rejected', code: /^E401$/ },
  { kind: 'not-found', code: /^E404$/ },
  { kind: 'conflict', code: /^(E409|EPUBLISHCONFLICT)$/ },
  { kind: 'rate-limited', code: /^E429$/ },
  { kind: 'network', code: NETWORK_CODES },
];

export function classifyUpload(exitCode: number, stdout: string): UploadOutcome {
  const json = parseJson(stdout);
  const error = isObject(json) && isObject(json.error) ? (json.error as NpmJsonError) : undefined;
  if (exitCode === 0 && !error) return successFrom(stdout);

  const code = typeof error?.code === 'string' ? error.code : undefined;
  const summary = typeof error?.summary === 'string' ? error.summary : '';
  if (code === 'EOTP') return { kind: 'challenge', challenge: challengeFrom(error?.authUrl, error?.doneUrl) };
  const said = registryWords(summary) || (exitCode === 0 ? '' : `npm exited with code ${exitCode} and no message.`);
  const rule = FAILURE_RULES.find((r) => (r.code ? code !== undefined && r.code.test(code) : r.said!.test(said)));
  return { kind: 'failed', failure: { kind: rule?.kind ?? 'other', npmCode: code, said } };
}

/**
 * npm's summary for an HTTP error is `403 Forbidden - PUT <url> - <registry's words>`. The URL may carry
 * credentials (userinfo, a token in the path), so only the registry's words are kept.
 */
export function registryWords(summary: string): string {
  const match = /^(?:\d{3} )?[^-]*? - [A-Z]+ \S+ - ([\s\S]*)$/.exec(summary.trim());
  return (match ? match[1]! : summary).trim();
}

/**
 * The package summaries npm printed with `--json` (publish, stage, pack, dry run): keyed by name for a
 * tarball (`{ "demo-pkg": {...} }`), bare for a folder, or an array (`npm pack`).
 */
export function npmPackageSummaries(stdout: string): Record<string, unknown>[] {
  const json = parseJson(stdout);
  const summaries: unknown[] = Array.isArray(json) ? json : isObject(json) ? ('id' in json ? [json] : Object.values(json)) : [];
  return summaries.filter(isObject);
}

function successFrom(stdout: string): UploadOutcome {
  const summary = npmPackageSummaries(stdout)[0] as { id?: unknown; stageId?: unknown } | undefined;
  const id = typeof summary?.id === 'string' ? summary.id : undefined;
  if (summary && typeof summary.stageId === 'string') return { kind: 'staged', id, stageId: summary.stageId };
  return { kind: 'published', id };
}

function parseJson(text: string): unknown {
  // npm prints one JSON document; lifecycle output cannot reach stdout because scripts are not run here.
  const start = text.search(/^[{[]/m);
  if (start < 0) return undefined;
  try {
    return JSON.parse(text.slice(start));
  } catch {
    return undefined;
  }
}

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
