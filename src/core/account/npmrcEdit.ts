// Editing one key of an .npmrc without rewriting the rest. npm itself saves a config level by
// serialising what it parsed, which drops comments, blank lines and order; people keep notes and
// commented-out tokens in these files, so we change only the line that holds the key and keep every
// other byte (BOM, CRLF or LF, a missing final newline, duplicates, sections).
// Reading and writing the files themselves is in npmrcFile.ts.

interface Line {
  /** The text without its terminator. */
  text: string;
  /** `\r\n`, `\n`, `\r`, or '' for a last line without one. */
  eol: string;
}

const BOM = '\uFEFF';

function splitLines(body: string): Line[] {
  const lines: Line[] = [];
  const pattern = /\r\n|\n|\r/g;
  let start = 0;
  for (let match = pattern.exec(body); match; match = pattern.exec(body)) {
    lines.push({ text: body.slice(start, match.index), eol: match[0] });
    start = match.index + match[0].length;
  }
  if (start < body.length) lines.push({ text: body.slice(start), eol: '' });
  return lines;
}

/** ini's unquoting: a value wrapped in matching quotes is the text inside. */
function unquote(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length >= 2 && (trimmed[0] === '"' || trimmed[0] === "'") && trimmed.at(-1) === trimmed[0]) {
    try {
      return trimmed[0] === '"' ? String(JSON.parse(trimmed)) : trimmed.slice(1, -1);
    } catch {
      return trimmed.slice(1, -1);
    }
  }
  return trimmed;
}

/**
 * The key a line sets at the top level, as the `ini` parser npm uses reads it; undefined for
 * comments, blank lines, section headers and lines inside a section (npm would read those as
 * `section.key`, not as the key).
 */
function keyedLines(lines: Line[]): { index: number; key: string; valueStart: number }[] {
  const keyed: { index: number; key: string; valueStart: number }[] = [];
  let inSection = false;
  lines.forEach((line, index) => {
    const text = index === 0 && line.text.startsWith(BOM) ? line.text.slice(1) : line.text;
    const offset = line.text.length - text.length;
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith(';') || trimmed.startsWith('#')) return;
    if (/^\[.*\]$/.test(trimmed)) {
      inSection = true;
      return;
    }
    if (inSection) return;
    const equals = text.indexOf('=');
    const rawKey = equals === -1 ? text : text.slice(0, equals);
    let valueStart = equals === -1 ? line.text.length : offset + equals + 1;
    while (valueStart < line.text.length && (line.text[valueStart] === ' ' || line.text[valueStart] === '\t')) valueStart++;
    keyed.push({ index, key: unquote(rawKey), valueStart });
  });
  return keyed;
}

/** The value a config file gives `key` (the last occurrence wins, as in npm); undefined when absent. */
export function readNpmrcValue(text: string, key: string): string | undefined {
  const lines = splitLines(text);
  const found = keyedLines(lines).filter((l) => l.key === key).pop();
  return found ? iniRead(lines[found.index]!.text.slice(found.valueStart)) : undefined;
}

/** A value as `ini` reads it: quoted text as JSON, else up to an unescaped `;` or `#` (a comment). */
function iniRead(raw: string): string {
  const trimmed = raw.trim();
  if (/^(".*"|'.*')$/.test(trimmed)) return unquote(trimmed);
  let value = '';
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed[i]!;
    if (c === '\\' && i + 1 < trimmed.length) {
      const next = trimmed[++i]!;
      value += ';#\\'.includes(next) ? next : `\\${next}`;
    } else if (c === ';' || c === '#') break;
    else value += c;
  }
  return value.trim();
}

/** The 1-based line numbers of `key` in a config file. */
export function npmrcKeyLines(text: string, key: string): number[] {
  return keyedLines(splitLines(text)).filter((l) => l.key === key).map((l) => l.index + 1);
}

/**
 * What a token from a registry must look like before it is written into a config file: npm's own
 * tokens (`npm_` + base62), UUIDs, JWTs and base64/base64url, i.e. `[A-Za-z0-9._~+/-]`, with `=` only
 * as base64 padding at the end (at most two). Anything else — a line break that would add a config
 * line, `$`/backtick/quotes that a shell or `${VAR}` expansion would act on, spaces, `;`/`#` that ini
 * reads as a comment, a backslash — is refused: a hostile registry's `$(touch PWNED)` never lands in a file.
 */
const TOKEN_ALPHABET = /^[A-Za-z0-9._~+/-]+={0,2}$/;
/** Longer than any real token (a JWT with many claims is ~2 KB); a registry cannot fill the file. */
const MAX_TOKEN_LENGTH = 4096;

export function isWritableToken(token: unknown): token is string {
  return typeof token === 'string' && token.length <= MAX_TOKEN_LENGTH && TOKEN_ALPHABET.test(token);
}

/** A value as ini would read it back unchanged: quoted only when it would otherwise be misread. */
function iniValue(value: string): string {
  if (/[\r\n]/.test(value)) throw new Error('A config value cannot span lines.');
  return /^\s|\s$|^["']|[;#]/.test(value) ? JSON.stringify(value) : value;
}

/**
 * Sets `key` to `value`: the effective (last) occurrence is replaced in place, keeping its
 * indentation and spacing around `=`; a missing key is added as a new line before the first section
 * (where it is still a top-level key), with the file's own line ending.
 */
export function setNpmrcValue(text: string, key: string, value: string): string {
  const lines = splitLines(text);
  const existing = keyedLines(lines).filter((l) => l.key === key).pop();
  if (existing) {
    const line = lines[existing.index]!;
    const hasEquals = line.text.slice(0, existing.valueStart).includes('=');
    line.text = `${line.text.slice(0, existing.valueStart)}${hasEquals ? '' : '='}${iniValue(value)}`;
    return join(lines);
  }
  const eol = lines.find((l) => l.eol)?.eol ?? '\n';
  const added = `${key}=${iniValue(value)}`;
  const section = lines.findIndex((l, i) => /^\[.*\]$/.test((i === 0 ? l.text.replace(BOM, '') : l.text).trim()));
  if (section !== -1) {
    const bom = section === 0 && lines[0]!.text.startsWith(BOM);
    if (bom) lines[0]!.text = lines[0]!.text.slice(1);
    lines.splice(section, 0, { text: `${bom ? BOM : ''}${added}`, eol });
    return join(lines);
  }
  const last = lines.at(-1);
  if (!last) return `${text}${added}${eol}`; // empty, or a BOM alone
  // A file without a final newline keeps that style: the new line becomes the unterminated one.
  if (last.eol === '') {
    last.eol = eol;
    lines.push({ text: added, eol: '' });
  } else {
    lines.push({ text: added, eol });
  }
  return join(lines);
}

/**
 * Removes every top-level occurrence of `key` (npm deletes the key, so an older duplicate must not
 * become effective). A removed last line without a newline takes the newline before it along, so the
 * file keeps its style. Returns the text unchanged when the key is absent.
 */
export function removeNpmrcValue(text: string, key: string): string {
  const lines = splitLines(text);
  const remove = new Set(keyedLines(lines).filter((l) => l.key === key).map((l) => l.index));
  if (remove.size === 0) return text;
  const bom = lines[0]?.text.startsWith(BOM) && remove.has(0);
  const kept = lines.filter((_, i) => !remove.has(i));
  if (bom) {
    if (kept[0]) kept[0].text = `${BOM}${kept[0].text}`;
    else return BOM;
  }
  const lastRemoved = remove.has(lines.length - 1) && lines.at(-1)!.eol === '';
  if (lastRemoved && kept.length > 0) kept.at(-1)!.eol = '';
  return join(kept);
}

function join(lines: Line[]): string {
  return lines.map((l) => l.text + l.eol).join('');
}

/** The credential key npm writes for a registry: `//host[:port]/path/:_authToken`. */
export function authTokenKey(nerfDart: string): string {
  return `${nerfDart}:_authToken`;
}
