// The registry's 2FA challenge on an account call (token create, access set, legacy login), answered
// the way npm's `otplease` answers it: a typed code for the classic form, browser approval for the
// web form (a passkey-only account has no code to type), then the same request again with `npm-otp`.
import { challengeFrom, type Challenge, type WebChallenge } from './challenge';

/** The challenge an npm-registry-fetch error carries (EOTP: 401 + `www-authenticate: OTP`), if any. */
export function challengeOf(error: unknown): Challenge | undefined {
  const { code, body } = (error ?? {}) as { code?: unknown; body?: unknown };
  if (code !== 'EOTP') return undefined;
  const { authUrl, doneUrl } = (body && typeof body === 'object' ? body : {}) as { authUrl?: unknown; doneUrl?: unknown };
  return challengeFrom(authUrl, doneUrl);
}

export interface SecondFactorHooks {
  /** A typed code; `rejected` when the registry refused the previous one. Undefined: cancelled. */
  oneTimePassword(rejected: boolean): Promise<string | undefined>;
  /** Opens the approval page and waits for the registry's one-time token. Undefined: cancelled. */
  browserApproval(challenge: WebChallenge): Promise<string | undefined>;
}

export type SecondFactorResult<T> =
  | { kind: 'done'; value: T; secondFactor?: 'typed' | 'browser' }
  | { kind: 'cancelled' };

/** A registry that keeps challenging ends with its last error instead of asking forever. */
const MAX_ATTEMPTS = 6;

/**
 * Runs `call` without a code, and again with each answer while the registry challenges. Any other
 * error is thrown as it came (the caller explains it). Cancelling a prompt sends nothing more.
 */
export async function withSecondFactor<T>(call: (otp: string | undefined) => Promise<T>, hooks: SecondFactorHooks): Promise<SecondFactorResult<T>> {
  let otp: string | undefined;
  let secondFactor: 'typed' | 'browser' | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      return { kind: 'done', value: await call(otp), secondFactor };
    } catch (error) {
      const challenge = challengeOf(error);
      if (!challenge || attempt >= MAX_ATTEMPTS) throw error;
      if (challenge.form === 'web') {
        otp = await hooks.browserApproval(challenge);
        secondFactor = 'browser';
      } else {
        otp = await hooks.oneTimePassword(secondFactor === 'typed');
        secondFactor = 'typed';
      }
      if (otp === undefined) return { kind: 'cancelled' };
    }
  }
}
