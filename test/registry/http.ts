// HTTP plumbing: the reply type handlers return or throw, body reading, and writing answers.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A complete answer. Handlers return one; rules throw one to stop a request early. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => new Reply(status, body, headers);

/** npm's error body shape: `{"error": "…"}` (doc §10). */
export const error = (status: number, message: string, headers: Record<string, string> = {}): Reply =>
  new Reply(status, { error: message }, headers);

export const notFound = (): Reply => error(404, 'Not found');

/** A raw (non-JSON) answer: tarballs, HTML pages, deliberately broken JSON. */
export class RawBody {
  constructor(
    readonly contentType: string,
    readonly data: string | Buffer,
  ) {}
}

const MAX_BODY_BYTES = 64 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw error(413, 'Payload too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON request body; an empty body is `undefined`, broken JSON a 400. */
export function parseJsonBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
  }
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw error(400, 'Invalid JSON body');
  }
}

export function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let data: string | Buffer;
  if (reply.body instanceof RawBody) {
    headers['content-type'] ??= reply.body.contentType;
    data = reply.body.data;
  } else if (reply.status === 204 || reply.status === 304) {
    data = '';
  } else {
    headers['content-type'] ??= 'application/json';
    data = JSON.stringify(reply.body ?? {});
  }
  // A 304 has no body and no length of its own (RFC 9110 §15.4.5).
  if (reply.status !== 304) headers['content-length'] = String(Buffer.byteLength(data));
  res.writeHead(reply.status, headers);
  res.end(data);
}

export function html(status: number, page: string, headers: Record<string, string> = {}): Reply {
  return new Reply(status, new RawBody('text/html; charset=utf-8', page), headers);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
