// What every endpoint shares: the request context, the handler type, small body and date helpers.
import type { Reply } from './http';
import type { AuthContext } from './rules';

export interface RequestContext extends AuthContext {
  method: string;
  url: URL;
  body: unknown;
}

export type Handler = (ctx: RequestContext, params: string[]) => Reply | Promise<Reply>;

export type Json = Record<string, unknown>;
export const asObject = (body: unknown): Json => (body && typeof body === 'object' && !Array.isArray(body) ? (body as Json) : {});
export const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

/** A package name from a path segment (`@scope%2fname` decoded). */
export const packageParam = (raw: string): string => decodeURIComponent(raw);
