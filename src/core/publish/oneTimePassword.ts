// What npm accepts as a one-time password (read-user-info's rule): digits with optional spaces, or
// a 64-hex recovery code. The length check is ours: authenticator codes have 6 to 8 digits.

export type OneTimePasswordCheck = 'ok' | 'empty' | 'invalid';

export function checkOneTimePassword(input: string): OneTimePasswordCheck {
  const code = input.trim();
  if (!code) return 'empty';
  if (/^[0-9a-f]{64}$/i.test(code)) return 'ok';
  if (!/^[\d ]+$/.test(code)) return 'invalid';
  const digits = code.replace(/ /g, '').length;
  return digits >= 6 && digits <= 8 ? 'ok' : 'invalid';
}

/** The form npm sends: spaces removed. */
export function normalizeOneTimePassword(input: string): string {
  return input.trim().replace(/ /g, '');
}
