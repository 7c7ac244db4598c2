// Text hygiene for everything shown: model values (some come from the registry, package.json or
// .npmrc, so from anyone) become one line of plain, redacted text before they reach a surface, and
// then are made inert for that surface: Markdown escaped for tooltips and the report, codicons and
// links broken for the status bar, quick picks and notifications.
import { asText, looksLikeSecretSegment, MASK, redactSecrets } from './secrets';


/**
 * Any value as one line of redacted text. Line breaks and control characters would start new
 * Markdown blocks or break the status bar; bidi overrides could make a name read as something else.
 */
export function plain(value: unknown): string {
  return redactSecrets(asText(value))
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}

/** One line of the log: `[component] message`, redacted and on one line (no forged lines from registry text). */
export function logLine(component: string, message: unknown): string {
  return `[${component}] ${plain(message instanceof Error ? message.message : message)}`;
}

/** A list from the model, whatever the registry sent: a string is one item, anything else none. */
export function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(asText).filter(Boolean);
  const single = asText(value);
  return single ? [single] : [];
}

/**
 * Markdown made inert: every character CommonMark or GFM could read as syntax is escaped (links,
 * images, HTML, emphasis, tables, headings, entities, codicons), and autolinks (`https://`, `www.`,
 * `user@host`) are broken, so data renders as the text it is.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|#$~!&@{}]/g, '\\$&')
    .replace(/:\/\//g, '\\://')
    .replace(/\bwww\./gi, 'www\\.');
}

/** Redact, then escape: how every model value enters the tooltip and the report. */
export function md(value: unknown): string {
  return escapeMarkdown(plain(value));
}

/**
 * Data for a surface that expands `$(icon)` and, in notifications, `[text](command:…)`: a zero-width
 * space after `$` and between `](` keeps both literal. It is invisible, and unlike VS Code's `\$(`
 * escape it works on every surface (a notification would show the backslash).
 */
export function inert(value: unknown): string {
  return plain(value).replace(/\$\(/g, '$\u200b(').replace(/\]\(/g, ']\u200b(');
}

/**
 * The registry URL to show: no user, password, query or fragment, and no path segment that looks
 * like a token (some registries carry it in the path; see `looksLikeSecretSegment`).
 */
export function displayRegistryUrl(url: unknown): string {
  const text = asText(url);
  try {
    const parsed = new URL(text);
    const path = parsed.pathname.split('/').map((segment) => (isSecretSegment(segment) ? MASK : segment)).join('/');
    return redactSecrets(`${parsed.protocol}//${parsed.host}${path}`);
  } catch {
    return redactSecrets(text);
  }
}

/** Host (and port) only, for short texts. */
export function registryHost(url: unknown): string {
  const text = asText(url);
  try {
    return redactSecrets(new URL(text).host);
  } catch {
    return redactSecrets(text);
  }
}

function isSecretSegment(segment: string): boolean {
  try {
    return looksLikeSecretSegment(decodeURIComponent(segment));
  } catch {
    return looksLikeSecretSegment(segment);
  }
}
