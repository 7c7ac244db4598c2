// The registry's 2FA challenge, as publish and the account calls both meet it: a code to type (the
// classic form) or a page to approve on, with the URL that hands out the one-time token (the web form).

export type Challenge = { form: 'classic' } | { form: 'web'; authUrl: string; doneUrl: string };
export type WebChallenge = Extract<Challenge, { form: 'web' }>;

/** A 2FA challenge: the web form when the registry named both pages (as http(s) URLs), else classic. */
export function challengeFrom(authUrl: unknown, doneUrl: unknown): Challenge {
  return isHttpUrl(authUrl) && isHttpUrl(doneUrl) ? { form: 'web', authUrl, doneUrl } : { form: 'classic' };
}

export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}
