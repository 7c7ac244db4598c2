declare module 'npm-registry-fetch' {
  namespace fetch {
  interface FetchOptions extends Record<string, unknown> {
    registry?: string;
    method?: string;
    headers?: Record<string, string>;
    npmCommand?: string;
    authType?: 'web' | 'legacy';
    otp?: string;
    timeout?: number;
    retry?: { retries: number };
    signal?: AbortSignal;
    agent?: unknown;
    body?: unknown;
    query?: Record<string, string | number>;
  }
  interface HttpError extends Error {
    code: string;
    statusCode?: number;
    headers?: Record<string, string[]>;
    body?: unknown;
  }
  interface Response {
    status: number;
    headers: { get(name: string): string | null };
    json(): Promise<unknown>;
    text(): Promise<string>;
  }
    function json(path: string, opts?: FetchOptions): Promise<unknown>;
  }
  function fetch(path: string, opts?: fetch.FetchOptions): Promise<fetch.Response>;
  export = fetch;
}
