// What went wrong with an account call, in words a person can act on. The registry's own text is
// quoted only after redaction and flattening (it may echo what was sent), and never the request URL:
// a logout's URL holds the token.
import type { Localize } from '../base/localize';
import { plain } from '../base/text';

export type AccountFailureKind =
  | 'wrong-password'
  | 'bypass-refused'
  | 'not-found'
  | 'forbidden'
  | 'invalid-request'
  | 'unauthorized'
  | 'ip-refused'
  | 'rate-limited'
  | 'network'
  | 'other';

export interface AccountFailure {
  kind: AccountFailureKind;
  /** The registry's (or the library's) words, redacted, one line; empty when there were none. */
  said: string;
  status?: number;
}

const NETWORK_CODES = /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|ESOCKETTIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|ECONNABORTED|EHOSTUNREACH|ENETUNREACH|ERR_SOCKET_TIMEOUT|FETCH_ERROR|UND_ERR_SOCKET)$/;

/** Classifies an npm-registry-fetch / npm-profile / libnpmaccess error. */
export function classifyAccountError(error: unknown): AccountFailure {
  const { code, statusCode, body, message, headers } = (error ?? {}) as {
    code?: unknown; statusCode?: unknown; body?: unknown; message?: unknown; headers?: Record<string, unknown>;
  };
  const status = typeof statusCode === 'number' ? statusCode : undefined;
  const registryWords = body && typeof body === 'object' ? (body as { error?: unknown; message?: unknown }).error ?? (body as { message?: unknown }).message : body;
  const said = plain(typeof registryWords === 'string' ? registryWords : typeof message === 'string' && status === undefined ? message : '').slice(0, 300);
  const authenticate = String(headers?.['www-authenticate'] ?? '').toLowerCase();
  const kind: AccountFailureKind =
    code === 'EAUTHIP' ? 'ip-refused'
      : /bypass two-factor|bypass 2fa/i.test(said) && status === 403 ? 'bypass-refused'
        : status === 401 && (/password/i.test(said) || authenticate.includes('basic')) ? 'wrong-password'
          : status === 401 ? 'unauthorized'
            : status === 403 ? 'forbidden'
              : status === 404 ? 'not-found'
                : status === 400 || status === 422 ? 'invalid-request'
                  : status === 429 ? 'rate-limited'
                    : typeof code === 'string' && NETWORK_CODES.test(code) ? 'network'
                      : 'other';
  return { kind, said, status };
}

export type AccountAction = 'login' | 'logout' | 'create-token' | 'set-access' | 'trust';

/**
 * One sentence (plus the registry's words when they add something) for a failed action. `npmjs`: the
 * registry has npmjs's routes and limits; elsewhere a 404 may mean the route itself is missing.
 */
export function describeAccountFailure(failure: AccountFailure, action: AccountAction, host: string, t: Localize, npmjs = true): string {
  const what = {
    login: t('Logging in to {0} failed', host),
    logout: t('Logging out of {0} failed', host),
    'create-token': t('Creating the token on {0} failed', host),
    'set-access': t('Setting the publishing access on {0} failed', host),
    trust: t('The trusted-publisher request to {0} failed', host),
  }[action];
  const why: Record<AccountFailureKind, string> = {
    'wrong-password': t('the password is wrong.'),
    'bypass-refused': t('your credential is a granular access token with bypass 2FA, and since August 2026 such tokens may not manage tokens or package settings. Log in (a session asks for your second factor) and try again.'),
    'not-found': action === 'set-access' || action === 'trust'
      ? npmjs
        ? t('the registry does not know the package, or you do not maintain it (npm answers 404 for both).')
        : action === 'trust' ? t('this registry has no trusted publishing, or does not know the package (it answered 404).')
          : t('this registry has no publishing-access setting, or does not know the package (it answered 404).')
      : npmjs || action === 'login' ? t('the registry answered 404 (not found).') : t('this registry does not offer it (it answered 404).'),
    forbidden: t('the registry refused it (403).'),
    'invalid-request': npmjs
      ? t('the registry refused the request as invalid (limits: write tokens expire within 90 days; at most 50 packages and scopes).')
      : t('the registry refused the request as invalid.'),
    unauthorized: t('the registry did not accept your credential (401). Log in again.'),
    'ip-refused': t('the registry does not accept this credential from your IP address.'),
    'rate-limited': t('the registry is rate-limiting requests (429). Wait a little and try again.'),
    network: t('the registry could not be reached.'),
    other: t('the registry answered with an error{0}.', failure.status ? ` (${failure.status})` : ''),
  };
  const quoted = failure.said && !['wrong-password', 'bypass-refused'].includes(failure.kind) ? ` ${t('The registry said: {0}', failure.said)}` : '';
  return `${what}: ${why[failure.kind]}${quoted}`;
}
