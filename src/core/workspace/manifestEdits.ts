// Edits of package.json text that change only the string values asked for: every other byte
// (indentation, key order, line endings, a BOM, a missing final newline) stays, as the single bump's
// `withVersion` keeps them. The text is walked as JSON, so a "version" inside another string or a
// nested object is never mistaken for the one meant; of duplicate keys the last counts, as in JSON.parse.

/** Replace `length` characters at `offset` with `text` (offsets into the text as read). */
export interface TextEdit {
  offset: number;
  length: number;
  text: string;
}

/** One string value to change: its keys from the top (`['version']`, `['dependencies', 'a']`). */
export interface StringValueChange {
  keys: readonly string[];
  from: string;
  to: string;
}

/**
 * The edits that turn each `from` into `to`, or undefined when the text is not JSON, a value is not
 * the string `from` (the file changed since it was read), or the result would not parse back to
 * exactly the values asked for.
 */
export function stringValueEdits(text: string, changes: readonly StringValueChange[]): TextEdit[] | undefined {
  if (parsed(text) === undefined) return undefined;
  const wanted = new Set(changes.map((change) => pathKey(change.keys)));
  const spans = stringSpans(text, wanted);
  const edits: TextEdit[] = [];
  for (const change of changes) {
    const span = spans.get(pathKey(change.keys));
    if (!span || JSON.parse(text.slice(span.start, span.end)) !== change.from) return undefined;
    if (change.from !== change.to) edits.push({ offset: span.start, length: span.end - span.start, text: JSON.stringify(change.to) });
  }
  const result = parsed(applyEdits(text, edits));
  return changes.every((change) => valueAt(result, change.keys) === change.to) ? edits : undefined;
}

/** The text with `edits` applied (they must not overlap). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) {
    result = result.slice(0, edit.offset) + edit.text + result.slice(edit.offset + edit.length);
  }
  return result;
}

function parsed(text: string): unknown {
  try {
    // npm ignores a BOM too (json-parse-even-better-errors).
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
}

function valueAt(json: unknown, keys: readonly string[]): unknown {
  let value = json;
  for (const key of keys) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Array positions are numbers, keys strings: JSON.stringify keeps `0` and `"0"` apart. */
function pathKey(keys: readonly (string | number)[]): string {
  return JSON.stringify(keys);
}

/** Where each wanted string value lies (its quotes included); the text is known to be valid JSON. */
function stringSpans(text: string, wanted: ReadonlySet<string>): Map<string, { start: number; end: number }> {
  const spans = new Map<string, { start: number; end: number }>();
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r\uFEFF'.includes(text[i]!)) i++;
  };
  const readString = (): string => {
    const start = i;
    i = endOfString(text, i) + 1;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (keys: (string | number)[]): void => {
    skipSpace();
    const char = text[i];
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      i++;
      skipSpace();
      for (let index = 0; text[i] !== close; index++) {
        skipSpace();
        if (close === '}') {
          const key = readString();
          skipSpace();
          i++; // the colon
          value([...keys, key]);
        } else {
          value([...keys, index]);
        }
        skipSpace();
        if (text[i] === ',') i++;
        skipSpace();
      }
      i++;
    } else if (char === '"') {
      const start = i;
      readString();
      if (wanted.has(pathKey(keys))) spans.set(pathKey(keys), { start, end: i });
    } else {
      while (i < text.length && !',}] \t\n\r'.includes(text[i]!)) i++; // a number, true, false or null
    }
  };
  value([]);
  return spans;
}

function endOfString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length;
}
