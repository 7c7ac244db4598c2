// Edits of package.json text that change only the string values asked for: every other byte
// (indentation, key order, line endings, a BOM, a missing final newline) stays, as the single bump's
// `withVersion` keeps them. The text is walked as JSON (core/base/jsonText.ts), so a "version" inside
// another string or a nested object is never mistaken for the one meant; of duplicate keys the last
// counts, as in JSON.parse.
import { jsonValueSpans } from '../base/jsonText';

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
  const values = jsonValueSpans(text);
  if (!values) return undefined;
  const wanted = new Set(changes.map((change) => pathKey(change.keys)));
  // Of duplicate keys the last wins, as in JSON.parse (and in a Map built in text order).
  const spans = new Map(values.filter((v) => v.kind === 'string' && wanted.has(pathKey(v.keys))).map((v) => [pathKey(v.keys), v]));
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
