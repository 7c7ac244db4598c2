// Where each value of a JSON text lies, for edits that change one value and keep every other byte
// (indentation, key order, line endings) of a file a person wrote. The text is walked as JSON, so a
// key inside a string or a nested object is never mistaken for a top-level one. No JSON library is
// bundled for this: JSON.parse decides validity, and the walk only has to find the boundaries.

export interface JsonValueSpan {
  /** Keys from the top: `[]` for the whole text, `['repository']`, `['files', 0]`. */
  keys: readonly (string | number)[];
  /** Offset of the member's key (its opening quote); undefined for array items and the top value. */
  keyStart?: number;
  /** Offsets of the value: from its first character to just after its last. */
  start: number;
  end: number;
  kind: 'object' | 'array' | 'string' | 'literal';
}

/** Every value of `text` in text order (a container before what it holds), or undefined when it is not JSON. */
export function jsonValueSpans(text: string): JsonValueSpan[] | undefined {
  try {
    // npm ignores a BOM too (json-parse-even-better-errors).
    JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  const spans: JsonValueSpan[] = [];
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r\uFEFF'.includes(text[i]!)) i++;
  };
  const readString = (): string => {
    const start = i;
    i = endOfString(text, i) + 1;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (keys: (string | number)[], keyStart?: number): void => {
    skipSpace();
    const char = text[i];
    const span: JsonValueSpan = { keys, start: i, end: i, kind: 'literal', ...(keyStart !== undefined && { keyStart }) };
    spans.push(span);
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      span.kind = char === '{' ? 'object' : 'array';
      i++;
      skipSpace();
      for (let index = 0; text[i] !== close; index++) {
        skipSpace();
        if (close === '}') {
          const memberStart = i;
          const key = readString();
          skipSpace();
          i++; // the colon
          value([...keys, key], memberStart);
        } else {
          value([...keys, index]);
        }
        skipSpace();
        if (text[i] === ',') i++;
        skipSpace();
      }
      i++;
    } else if (char === '"') {
      span.kind = 'string';
      readString();
    } else {
      while (i < text.length && !',}] \t\n\r'.includes(text[i]!)) i++; // a number, true, false or null
    }
    span.end = i;
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

/** A member of a JSON object text (`['publishConfig', 'provenance']`): its value and the 1-based line of its key (of the opening `{` when absent); undefined when the text is not a JSON object. */
export function jsonMember(text: string, keys: readonly string[]): { value: unknown; line: number } | undefined {
  const spans = jsonValueSpans(text);
  if (spans?.[0]?.kind !== 'object') return undefined;
  // Of duplicate keys the last counts, as in JSON.parse.
  const member = spans.filter((span) => span.keys.length === keys.length && span.keys.every((key, i) => key === keys[i])).pop();
  const offset = member?.keyStart ?? spans[0].start;
  return { value: member && JSON.parse(text.slice(member.start, member.end)), line: positionAt(text, offset).line + 1 };
}

/** The 0-based line and character of `offset` (a CR before the LF ends a line, so it is never counted in one). */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return { line: text.slice(0, offset).split('\n').length - 1, character: offset - lineStart };
}
