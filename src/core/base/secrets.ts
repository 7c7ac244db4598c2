// Secrets by value. Shape rules (npm's own: `npm_` + 36 characters, UUIDs, URL passwords) miss a
// 34-character or opaque token, and value rules miss a secret nobody told us about; so every secret
// the pipeline sees (the configured token, `_auth` and its parts, `_password` and its decoded form,
// URL userinfo, secret-looking registry path segments, tokens the registry hands out) is registered
// for the session, and every text for people or the log passes through `redactSecrets`, which
// replaces the registered values first and then applies the shape rules.
// Editor-free: the pipeline registers, the presentation and the logger redact.
import { redact as redactNpmShapes } from '@npmcli/redact';

export const MASK = '***';

/**
 * Values shorter than this are not registered: replacing a 1–3 character string would blank
 * ordinary words all over every text and reveal the secret by where the gaps fall.
 */
const MIN_SECRET_LENGTH = 4;

/**
 * Values shorter than this are replaced only where they stand alone (not inside a longer word), so
 * that a short password does not punch holes into unrelated words; long values are replaced anywhere.
 */
const WHOLE_WORD_BELOW = 12;

const VARIABLE = /\$\{[^${}]*\}/;
const VARIABLE_GLOBAL = /\$\{[^${}]*\}/g;

export class SecretRegistry {
  private readonly values = new Set<string>();
  /** Rebuilt on the first redaction after a registration. */
  private pattern: RegExp | null | undefined;

  /** Registers a secret (and its percent-encoded form, as it appears inside URLs). Non-strings are ignored. */
  register(value: unknown): void {
    if (typeof value !== 'string') return;
    // `${NPM_TOKEN}` (unexpanded, or sent literally when unset) names a variable, not a secret: only
    // the text around references is registered; the expanded value arrives on its own.
    if (VARIABLE.test(value)) {
      for (const part of value.split(VARIABLE_GLOBAL)) this.register(part);
      return;
    }
    for (const form of new Set([value, value.trim(), safeEncode(value.trim())])) {
      if (form.length >= MIN_SECRET_LENGTH && !this.values.has(form)) {
        this.values.add(form);
        this.pattern = undefined;
      }
    }
  }

  has(value: string): boolean {
    return this.values.has(value);
  }

  get size(): number {
    return this.values.size;
  }

  /** Replaces every registered value, then every secret shape. Accepts anything; returns text. */
  redact(value: unknown): string {
    const text = asText(value);
    if (!text) return text;
    const pattern = this.currentPattern();
    return redactShapes(pattern ? text.replace(pattern, MASK) : text);
  }

  private currentPattern(): RegExp | null {
    if (this.pattern !== undefined) return this.pattern;
    // Longest first, so a secret that contains another is replaced whole.
    const sorted = [...this.values].sort((a, b) => b.length - a.length);
    const alternatives = sorted.map((v) => v.length < WHOLE_WORD_BELOW ? `(?<![A-Za-z0-9])${escapeRegExp(v)}(?![A-Za-z0-9])` : escapeRegExp(v));
    this.pattern = alternatives.length > 0 ? new RegExp(alternatives.join('|'), 'g') : null;
    return this.pattern;
  }
}

/**
 * The secrets of this extension session (one extension host process). One registry per process,
 * kept on globalThis: the extension is several bundles (dist/extension.js, dist/pipeline.js, …),
 * each with its own copy of this module, and what the pipeline registers must be redacted by the
 * logger and the presentation in the other. (Code in the same process could read the values anyway.)
 */
const SESSION_SECRETS = Symbol.for('npm-publish-auth.sessionSecrets');
export const sessionSecrets: SecretRegistry = ((globalThis as { [SESSION_SECRETS]?: SecretRegistry })[SESSION_SECRETS] ??= new SecretRegistry());

export function registerSecret(value: unknown): void {
  sessionSecrets.register(value);
}

/** The one redactor for every text people or the log see: registered values, then secret shapes. */
export function redactSecrets(value: unknown): string {
  return sessionSecrets.redact(value);
}

// ---------------------------------------------------------------------------------------------
// What is a secret in npm config

/** Config keys (plain or under a nerf dart) whose values are credentials. `key` is a client TLS key. */
const SECRET_KEY = /(?:^|:)(?:_authToken|_auth|_password|password|_token|token|otp|key)$/i;

/**
 * Registers what one config entry holds that is secret: credential values with their decoded
 * forms, userinfo of any URL value, and secret-looking path segments of URL values and nerf-dart keys.
 */
export function registerConfigEntry(key: string, value: unknown, registry: SecretRegistry = sessionSecrets): void {
  for (const segment of secretPathSegments(key)) registry.register(segment);
  if (typeof value !== 'string' || value === '') return;
  if (SECRET_KEY.test(key)) {
    registry.register(value);
    if (VARIABLE.test(value)) return;
    // A PEM key may be shown line by line.
    for (const line of value.split(/\r?\n/)) if (line.length >= WHOLE_WORD_BELOW && !line.startsWith('-----')) registry.register(line);
    if (/(?:^|:)_password$/.test(key)) registry.register(decodeBase64(value));
    if (/(?:^|:)_auth$/.test(key)) registerBasicAuth(value, registry);
  }
  registerUrlSecrets(value, registry);
}

/** `_auth` is base64 of `user:password`, or (pasted by mistake) of a token, or a token itself. */
export function registerBasicAuth(auth: string, registry: SecretRegistry = sessionSecrets): void {
  registry.register(auth);
  const decoded = decodeBase64(auth);
  if (!decoded) return;
  registry.register(decoded);
  const colon = decoded.indexOf(':');
  if (colon >= 0) registry.register(decoded.slice(colon + 1));
}

/**
 * The username in `_auth`, only when it decodes to `user:password` with both parts present, and the
 * user part is not itself a secret (registered, or shaped like one): a token pasted into `_auth`
 * has no colon and must never be shown as a name.
 */
export function basicAuthUsername(auth: string | null | undefined, registry: SecretRegistry = sessionSecrets): string | undefined {
  const decoded = auth ? decodeBase64(auth) : undefined;
  const colon = decoded?.indexOf(':') ?? -1;
  if (!decoded || colon <= 0 || colon === decoded.length - 1) return undefined;
  return safeUsername(decoded.slice(0, colon), registry);
}

/** A username fit to show: not a registered secret and not shaped like one; else undefined. */
export function safeUsername(name: unknown, registry: SecretRegistry = sessionSecrets): string | undefined {
  if (typeof name !== 'string' || name === '') return undefined;
  return registry.redact(name) === name && !looksLikeSecretSegment(name) ? name : undefined;
}

/** Registers the userinfo of a URL (any config value may be one: registry, proxy…) and its secret-looking path segments. */
function registerUrlSecrets(value: string, registry: SecretRegistry): void {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    // Not a URL: it may still carry `user:password@host` (a registry without a scheme).
    const userinfo = /^[^\s/@]*\/\/([^\s/@:]*):([^\s/@]+)@/.exec(value.trim());
    if (userinfo) registry.register(safeDecode(userinfo[2]));
    return;
  }
  if (url.password) {
    registry.register(url.password);
    registry.register(safeDecode(url.password));
  }
  // `https://TOKEN@host/`: without a password, the user part is the credential.
  if (url.username && (!url.password || looksLikeSecretSegment(safeDecode(url.username)))) {
    registry.register(url.username);
    registry.register(safeDecode(url.username));
  }
  for (const segment of secretPathSegments(url.pathname)) registry.register(segment);
}

// ---------------------------------------------------------------------------------------------
// Secret-looking path segments

/**
 * Whether a URL path segment is probably a credential. Some registries put the token in the path
 * (Gemfury: `https://npm.fury.io/TOKEN/`), and npm then carries it into the nerf dart and every
 * credential key, so it would be shown wherever the registry is. We cannot know which segment is
 * secret, so long, high-entropy ones that keep switching between letters and digits are: feed
 * names (`npm-virtual`, `packages-2024-internal`, `api/v4/projects/123/packages/npm`) are short,
 * word-like or all digits. Hiding a GUID-named feed costs little; showing a token costs the account.
 */
export function looksLikeSecretSegment(segment: string): boolean {
  if (segment.length < 16 || !/^[A-Za-z0-9._~+=-]+$/.test(segment)) return false;
  // Random text switches between letters and digits all the time; names (`packages-2024-internal`) rarely do.
  const switches = segment.match(/[A-Za-z](?=[0-9])|[0-9](?=[A-Za-z])/g)?.length ?? 0;
  return switches >= 4 && entropyBitsPerChar(segment) >= 3.2;
}

/** The secret-looking segments of a path or of a `//host/path/:key` nerf-dart key. */
export function secretPathSegments(pathOrKey: string): string[] {
  return pathOrKey.split(/[/:]/).map(safeDecode).filter(looksLikeSecretSegment);
}

function entropyBitsPerChar(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  return bits;
}

// ---------------------------------------------------------------------------------------------
// Shape rules

/**
 * npm's redactor (npm tokens, UUIDs, URL passwords) and what it does not cover: URL usernames,
 * shorter `npm_` tokens, authorization headers, JWTs, secret-looking path segments, `key=value`
 * and JSON pairs with secret names, and one-time passwords.
 */
function redactShapes(text: string): string {
  return redactNpmShapes(text)
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, `$1${MASK}@`)
    .replace(/\bnpms?_[A-Za-z0-9]{16,}\b/g, `npm_${MASK}`)
    .replace(/\b(Bearer|Basic)\s+[\w+=\-./]+/gi, `$1 ${MASK}`)
    .replace(/\b[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{3,}\.[A-Za-z0-9_-]{20,}\b/g, MASK)
    .replace(/[A-Za-z0-9._~+=%-]{16,}/g, (word) => (looksLikeSecretSegment(safeDecode(word)) && isPathSegment(text, word) ? MASK : word))
    .replace(/(_authToken|_auth|_password|password|token)(\s*=\s*)(?!\*\*\*)[^\s&"',;]+/gi, `$1$2${MASK}`)
    .replace(/"(_authToken|_auth|token|password|otp)"\s*:\s*"[^"]*"/gi, `"$1": "${MASK}"`)
    .replace(/\b(otp\s*[=:]\s*["']?)[A-Za-z0-9]{4,64}\b/gi, `$1${MASK}`)
    .replace(/\b(otp\s+)\d{6,8}\b/gi, `$1${MASK}`);
}

/** Only words that stand between slashes (a URL or nerf-dart path) are treated as path segments. */
function isPathSegment(text: string, word: string): boolean {
  return text.includes(`/${word}/`) || text.includes(`/${word}:`) || text.endsWith(`/${word}`);
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Any value as text: numbers and booleans spelled out, arrays joined, other objects and nullish empty. */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.map(asText).filter(Boolean).join(', ');
  return '';
}

function decodeBase64(value: string): string | undefined {
  if (!/^[A-Za-z0-9+/=_-]+$/.test(value.trim())) return undefined;
  const decoded = Buffer.from(value.trim(), 'base64').toString('utf8');
  // Not text (a token that merely looks like base64): nothing to register.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what binary looks like
  return decoded && !/[\uFFFD\u0000-\u0008\u000E-\u001F]/.test(decoded) ? decoded : undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function safeEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The masked form the registry's token list shows: `npm_` + first 4 + `...` + last 4 of the rest.
 * Tokens without the `npm_` prefix (legacy UUIDs, other registries) get the same shape without it.
 * Tokens shorter than 16 characters would be half revealed, so they show as `...` only.
 */
export function maskToken(token: string): string {
  const prefix = token.startsWith('npm_') ? 'npm_' : '';
  const body = token.slice(prefix.length);
  return body.length < 16 ? `${prefix}...` : `${prefix}${body.slice(0, 4)}...${body.slice(-4)}`;
}
