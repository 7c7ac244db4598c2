// Reads the package.json fields the publish status needs. Tolerant by design: the file is often
// mid-edit, so a bad file becomes a `parseError` instead of an exception.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { redact } from '@npmcli/redact';
import { MAX_MANIFEST_BYTES, unreadableFileProblem } from './configFiles';
import type { PackageInfo } from '../base/model';

/**
 * Parses package.json text. On invalid JSON the result carries `parseError`, and the fields of
 * `previous` (the last good parse, if any) stay so the status does not flicker while typing.
 */
export function parsePackageManifest(text: string, manifestPath: string, previous?: PackageInfo): PackageInfo {
  const folder = path.dirname(manifestPath);
  let json: unknown;
  try {
    // Editors on Windows may save a BOM; npm (json-parse-even-better-errors) ignores it too.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    // V8 quotes a snippet of the text in the message; package.json may hold a publishConfig token.
    const reason = redact(error instanceof Error ? error.message : String(error));
    return withParseError(manifestPath, `package.json is not valid JSON: ${reason}`, previous);
  }
  if (!isPlainObject(json)) {
    return withParseError(manifestPath, 'package.json must contain a JSON object.', previous);
  }
  // npm refuses any truthy `private` (libnpmpublish: `if (manifest.private)`), even the string "false".
  const info: PackageInfo = { manifestPath, folder, private: Boolean(json.private) };
  if (typeof json.name === 'string') info.name = json.name;
  if (typeof json.version === 'string') info.version = json.version;
  if (isPlainObject(json.publishConfig)) info.publishConfig = json.publishConfig;
  return info;
}

/** Whether npm would try to publish the package: it has a name, is not private and parses. */
export function isPublishable(info: PackageInfo): boolean {
  return Boolean(info.name) && !info.private && !info.parseError;
}

/** Reads and parses `<folder>/package.json`; an unreadable file is reported like a parse error. */
export async function readPackageManifest(folder: string, previous?: PackageInfo): Promise<PackageInfo> {
  const manifestPath = path.join(folder, 'package.json');
  const special = await unreadableFileProblem(manifestPath, MAX_MANIFEST_BYTES);
  if (special) return withParseError(manifestPath, `package.json cannot be read: ${special.message}.`, previous);
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return withParseError(manifestPath, `package.json could not be read (${code}).`, previous);
  }
  return parsePackageManifest(text, manifestPath, previous);
}

function withParseError(manifestPath: string, parseError: string, previous?: PackageInfo): PackageInfo {
  return { ...previous, manifestPath, folder: path.dirname(manifestPath), private: previous?.private ?? false, parseError };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
