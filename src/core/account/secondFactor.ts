// The one second-factor loop: publish, token creation, access changes and the legacy login all answer
// the registry's 2FA challenge here, the way npm's `otplease` does: a typed code for the classic form,
// browser approval for the web form (a passkey-only account has no code to type), then the same
// request again with the answer. Pure: the caller says how to try once and how to ask.
import { challengeFrom, type Challenge, type WebChallenge } from './challenge';
import type { CredentialFacts, TwoFactorMethod } from '../base/model';

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

export type SecondFactor = 'typed' | 'browser';

/** What one try came to: an end the caller reads (success or failure alike), or a challenge to answer. */
export type SecondFactorTry<T> = { kind: 'done'; value: T } | { kind: 'challenged'; challenge: Challenge };

/** An answer the registry accepted, to try first on the next request of a batch (its window may still be open). */
export interface AcceptedAnswer {
  otp: string;
  secondFactor: SecondFactor;
}

export type SecondFactorOutcome<T> =
  | { kind: 'done'; value: T; secondFactor?: SecondFactor; accepted?: AcceptedAnswer }
  | { kind: 'cancelled' }
  /** The registry challenged every one of `tries` tries; the last one was not answered. */
  | { kind: 'gave-up'; tries: number };

/**
 * Tries per action, the first one included. A registry that keeps challenging (or a person whose
 * codes keep failing) ends with a failure instead of a box that never stops coming back.
 */
export const MAX_SECOND_FACTOR_TRIES = 6;

type Answer = { otp: string | undefined; secondFactor: SecondFactor };

/**
 * Which prompt answers which challenge: a typed code for the classic one, the browser for the web one —
 * never an OTP box for a browser challenge. `lastWasTyped`: the previous try sent a typed code, so
 * this challenge means the registry refused it (a browser token refused is not "a wrong code").
 */
export const ANSWER_CHALLENGE: { [F in Challenge['form']]: (challenge: Extract<Challenge, { form: F }>, hooks: SecondFactorHooks, lastWasTyped: boolean) => Promise<Answer> } = {
  classic: async (_challenge, hooks, lastWasTyped) => ({ otp: await hooks.oneTimePassword(lastWasTyped), secondFactor: 'typed' }),
  web: async (challenge, hooks) => ({ otp: await hooks.browserApproval(challenge), secondFactor: 'browser' }),
};

export interface SecondFactorOptions {
  /** A challenge known before the first try (the verdict says a code will be needed): answered first. */
  expected?: Challenge;
  /** An answer accepted for an earlier request of the same batch: sent with the first try instead of asking. */
  reuse?: AcceptedAnswer;
  /** The caller's own cancel (publish's progress notification), checked around every prompt. */
  cancelled?: () => boolean;
}

/**
 * Tries without a code (or with the answer to `expected`), and again with each answer while the
 * registry challenges. Cancelling — Escape at a prompt, or the caller's cancel — sends nothing more.
 */
export async function answerChallenges<T>(
  attempt: (otp: string | undefined) => Promise<SecondFactorTry<T>>,
  hooks: SecondFactorHooks,
  options: SecondFactorOptions = {},
): Promise<SecondFactorOutcome<T>> {
  let answer: Answer | undefined = options.reuse;
  const ask = async (challenge: Challenge): Promise<Answer | undefined> => {
    if (options.cancelled?.()) return undefined;
    const lastWasTyped = answer?.secondFactor === 'typed';
    const next = challenge.form === 'web'
      ? await ANSWER_CHALLENGE.web(challenge, hooks, lastWasTyped)
      : await ANSWER_CHALLENGE.classic(challenge, hooks, lastWasTyped);
    return next.otp === undefined || options.cancelled?.() ? undefined : next;
  };
  if (options.expected && !answer) {
    answer = await ask(options.expected);
    if (!answer) return { kind: 'cancelled' };
  }
  for (let tries = 1; ; tries++) {
    const result = await attempt(answer?.otp);
    if (result.kind === 'done') {
      const accepted = answer?.otp ? { accepted: { otp: answer.otp, secondFactor: answer.secondFactor } } : {};
      return { kind: 'done', value: result.value, secondFactor: answer?.secondFactor, ...accepted };
    }
    if (tries >= MAX_SECOND_FACTOR_TRIES) return { kind: 'gave-up', tries };
    answer = await ask(result.challenge);
    if (!answer) return { kind: 'cancelled' };
  }
}

export type SecondFactorResult<T> =
  | { kind: 'done'; value: T; secondFactor?: SecondFactor; accepted?: AcceptedAnswer }
  | { kind: 'cancelled' };

/**
 * The loop for an account call that throws its challenge (npm-registry-fetch's EOTP); `reuse`, an
 * answer an earlier call of the same action had accepted, is tried first. Any other
 * error is thrown as it came (the caller explains it); a registry that keeps challenging ends with
 * its last error.
 */
export async function withSecondFactor<T>(
  call: (otp: string | undefined) => Promise<T>, hooks: SecondFactorHooks, reuse?: AcceptedAnswer,
): Promise<SecondFactorResult<T>> {
  let lastChallenge: unknown;
  const outcome = await answerChallenges<T>(async (otp) => {
    try {
      return { kind: 'done', value: await call(otp) };
    } catch (error) {
      const challenge = challengeOf(error);
      if (!challenge) throw error;
      lastChallenge = error;
      return { kind: 'challenged', challenge };
    }
  }, hooks, { reuse });
  if (outcome.kind === 'gave-up') throw lastChallenge;
  return outcome.kind === 'done' ? { kind: 'done', value: outcome.value, secondFactor: outcome.secondFactor, accepted: outcome.accepted } : outcome;
}

/**
 * What an accepted second factor shows about the account: a typed code that the registry accepted is
 * certain evidence of an authenticator app. Browser approval shows nothing (a TOTP user may approve too).
 */
export function twoFactorMethodShownBy(secondFactor: SecondFactor | undefined, credential: CredentialFacts | undefined): { username: string; method: TwoFactorMethod } | undefined {
  const username = credential && 'username' in credential ? credential.username : undefined;
  return secondFactor === 'typed' && username ? { username, method: 'totp' } : undefined;
}
