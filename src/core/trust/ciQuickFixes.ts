// The fixes of the CI checklist (ciChecks.ts) that are mechanical, as edits of the text a person
// wrote: `id-token: write` for a publishing job, and a package.json `repository` that is the git
// remote. Each edit touches only what it fixes; every other byte (indentation, comments, CRLF) stays.
// Where the right edit is not certain — `permissions: read-all`, a flow mapping — there is none, and
// the diagnostic alone says what to do. Pure: the editor passes the document's text as it is now.
import { jsonValueSpans, positionAt } from '../base/jsonText';
import { githubRepository } from './ciChecks';
import { readWorkflow } from './workflowFile';

/** Replaces the text from (line, character) to (endLine, endCharacter), 0-based as editors count. */
export interface LineEdit {
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  text: string;
}

export interface IdTokenFix {
  /** The publishing job the finding is about. */
  job: string;
  /** 1-based line of the finding (as ciChecks places it: the permissions that apply, else the job's key). */
  line: number;
  /** Whose permissions change: the job's own, or the workflow's (which every job without its own gets). */
  scope: 'job' | 'workflow';
  edit: LineEdit;
}

/** For each publishing job without `id-token: write`, the edit that grants it, where one is certain. */
export function idTokenFixes(path: string, text: string): IdTokenFix[] {
  const workflow = readWorkflow(path, text);
  const lines = text.split(/\r?\n/);
  const eol = lineBreakOf(text);
  return workflow.jobs.filter((job) => job.publishLines.length > 0).flatMap((job): IdTokenFix[] => {
    // A job's own permissions replace the workflow's (GitHub's rule), so the fix goes where they come from.
    const permissions = job.permissions ?? workflow.permissions;
    if (permissions?.idToken === 'write') return [];
    // The file's indentation step: how far the job keys sit under `jobs:`.
    const step = indentOf(lines[job.line - 1]!) || 2;
    const edit = permissions ? grantInPermissions(lines, permissions.line, step, eol) : newJobPermissions(lines, job.line, step, eol);
    return edit ? [{ job: job.id, line: permissions?.line ?? job.line, scope: job.permissions || !permissions ? 'job' : 'workflow', edit }] : [];
  });
}

/** `id-token: write` in the `permissions:` mapping at `keyLine` (1-based): a new first entry, or the value of an `id-token` entry replaced. */
function grantInPermissions(lines: readonly string[], keyLine: number, step: number, eol: string): LineEdit | undefined {
  const key = lines[keyLine - 1]!;
  // `permissions: read-all`, `{}` or `{ contents: read }`: not a block to add to.
  if (withoutComment(key).replace(/^\s*permissions\s*:/, '').trim() !== '') return undefined;
  const keyIndent = indentOf(key);
  const entries = blockBelow(lines, keyLine - 1, keyIndent);
  const existing = entries.find((i) => /^\s*id-token\s*:/.test(lines[i]!));
  if (existing !== undefined) {
    const value = /^(\s*id-token\s*:[ \t]*)([^#]*?)[ \t]*(?:#.*)?$/.exec(lines[existing]!)!;
    const character = value[1]!.length;
    return { line: existing, character, endLine: existing, endCharacter: character + value[2]!.length, text: 'write' };
  }
  const entryIndent = entries.length > 0 ? indentOf(lines[entries[0]!]!) : keyIndent + step;
  return insertAfter(lines, keyLine - 1, `${eol}${' '.repeat(entryIndent)}id-token: write`);
}

/** A `permissions:` block as the job's first key, granting what a trusted publish needs and no more. */
function newJobPermissions(lines: readonly string[], jobLine: number, step: number, eol: string): LineEdit | undefined {
  const header = lines[jobLine - 1]!;
  // `publish: { … }` is a flow mapping: a block key cannot go under it.
  if (!/:\s*$/.test(withoutComment(header))) return undefined;
  const body = blockBelow(lines, jobLine - 1, indentOf(header));
  const indent = body.length > 0 ? indentOf(lines[body[0]!]!) : indentOf(header) + step;
  const pad = (n: number) => ' '.repeat(n);
  return insertAfter(lines, jobLine - 1, `${eol}${pad(indent)}permissions:${eol}${pad(indent + step)}id-token: write${eol}${pad(indent + step)}contents: read`);
}

/** Indexes of the lines with content (not blank, not only a comment) under the line at `index`, deeper than `indent`. */
function blockBelow(lines: readonly string[], index: number, indent: number): number[] {
  const found: number[] = [];
  for (let i = index + 1; i < lines.length; i++) {
    if (withoutComment(lines[i]!).trim() === '') continue;
    if (indentOf(lines[i]!) <= indent) break;
    found.push(i);
  }
  return found;
}

function insertAfter(lines: readonly string[], index: number, text: string): LineEdit {
  const character = lines[index]!.length;
  return { line: index, character, endLine: index, endCharacter: character, text };
}

function withoutComment(line: string): string {
  return line.replace(/(^|\s)#.*$/, '');
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** The file's line break (its first one), `\n` for a file of one line. */
function lineBreakOf(text: string): string {
  return /\r?\n/.exec(text)?.[0] ?? '\n';
}

/**
 * The edit that makes package.json's `repository` `{ type: git, url: git+https://github.com/<owner>/<repo>.git }`
 * for the GitHub remote, spelled as the remote spells it: an object's `url` replaced, else the existing
 * value, whatever it is, or a new key after "version" (else "name"). Undefined when the remote is not GitHub's or the text is not a JSON object.
 */
export function repositoryFix(text: string, remoteUrl: string): LineEdit | undefined {
  const slug = githubRepository(remoteUrl);
  const spans = jsonValueSpans(text);
  const top = spans?.[0];
  if (!slug || !spans || top?.kind !== 'object') return undefined;
  const url = `git+https://github.com/${slug}.git`;
  const eol = lineBreakOf(text);
  const members = spans.filter((span) => span.keys.length === 1);
  // The file's indentation unit, from its first key; undefined when the object is on one line.
  const unit = members[0] && indentBefore(text, members[0].keyStart!);
  const value = (indent: string) => (unit === undefined
    ? `{"type": "git", "url": ${JSON.stringify(url)}}`
    : ['{', `${indent}${unit}"type": "git",`, `${indent}${unit}"url": ${JSON.stringify(url)}`, `${indent}}`].join(eol));
  const last = (key: string) => members.filter((member) => member.keys[0] === key).pop();

  let edit: { start: number; end: number; text: string };
  const existing = last('repository');
  // An object's own url only: its "directory" (a package in a monorepo) and the rest stay.
  const existingUrl = existing?.kind === 'object' ? spans.filter((span) => span.keys.length === 2 && span.keys[0] === 'repository' && span.keys[1] === 'url').pop() : undefined;
  const anchor = last('version') ?? last('name') ?? members.at(-1);
  if (existingUrl?.kind === 'string') {
    edit = { start: existingUrl.start, end: existingUrl.end, text: JSON.stringify(url) };
  } else if (existing) {
    edit = { start: existing.start, end: existing.end, text: value(indentBefore(text, existing.keyStart!) ?? '') };
  } else if (anchor) {
    const indent = indentBefore(text, anchor.keyStart!);
    // After the anchor's value and before its comma, if any: valid whether or not it was the last key.
    edit = { start: anchor.end, end: anchor.end, text: `,${indent === undefined ? ' ' : eol + indent}"repository": ${value(indent ?? '')}` };
  } else {
    edit = { start: top.start, end: top.end, text: `{${eol}  "repository": ${['{', `    "type": "git",`, `    "url": ${JSON.stringify(url)}`, '  }'].join(eol)}${eol}}` };
  }
  // What the edit makes must read back as the remote, or it is not offered.
  const result = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  const written = jsonValueSpans(result) && (JSON.parse(result.replace(/^\uFEFF/, '')) as { repository?: { url?: unknown } }).repository?.url;
  if (written !== url) return undefined;
  const [start, end] = [positionAt(text, edit.start), positionAt(text, edit.end)];
  return { line: start.line, character: start.character, endLine: end.line, endCharacter: end.character, text: edit.text };
}

/** The whitespace from the start of the line to `offset`; undefined when something else comes before it on the line. */
function indentBefore(text: string, offset: number): string | undefined {
  const before = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}
