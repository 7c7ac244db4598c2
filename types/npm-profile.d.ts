// The parts of npm-profile the extension uses (it ships no types).
declare module 'npm-profile' {
  /** Polls a web-auth `doneUrl` (202 + retry-after) until it answers 200 `{ token }`. */
  export function webAuthCheckLogin(doneUrl: string, opts: Record<string, unknown>, options?: { signal?: AbortSignal }): Promise<{ token: string }>;
}
declare module 'npm-profile' {
  /** The legacy (CouchDB user document) login; `opts.otp` answers a classic challenge. Resolves with the new token. */
  export function loginCouch(username: string, password: string, opts: Record<string, unknown>): Promise<{ token?: string; username: string }>;
}
