// The registry's request log: what each request asked and how it was answered, never a secret value.
import type { IncomingMessage } from 'node:http';
import type { Fault } from './faults';
import { TOKEN_PATTERN } from './tokenFormat';

/** One request as the log keeps it: no token, OTP or password values — safe to print. */
export interface LoggedRequest {
  seq: number;
  at: string;
  method: string;
  /** Path and query, with any token in it replaced by `***`. */
  path: string;
  status?: number;
  npmCommand?: string;
  npmAuthType?: string;
  npmScope?: string;
  userAgent?: string;
  authorization: 'none' | 'bearer' | 'basic' | 'other';
  /** Whether an `npm-otp` header was sent (never its value). */
  otp: boolean;
  /** With `npm-otp`: 1 for the first distinct value since the last reset, 2 for the next… (never the value). */
  otpId?: number;
  /** Whether the request was conditional (`If-None-Match` or `If-Modified-Since`). */
  conditional: boolean;
  credential?: 'anonymous' | 'session' | 'granular' | 'basic' | 'invalid';
  user?: string;
  fault?: Fault['kind'];
}

export class RequestLog {
  entries: LoggedRequest[] = [];
  /** npm-otp value → its ordinal. Kept across `clear()`, so ids stay comparable within a scenario's life. */
  private readonly otpIds = new Map<string, number>();

  /** Logs a request; `secrets` are masked out of its path. */
  record(req: IncomingMessage, url: URL, at: number, secrets: string[]): LoggedRequest {
    const header = (name: string): string | undefined => [req.headers[name]].flat()[0];
    const authorization = header('authorization');
    const otp = header('npm-otp');
    const entry: LoggedRequest = {
      seq: this.entries.length + 1,
      at: new Date(at).toISOString(),
      method: req.method ?? 'GET',
      path: redact(url.pathname + url.search, secrets),
      npmCommand: header('npm-command'),
      npmAuthType: header('npm-auth-type'),
      npmScope: header('npm-scope'),
      userAgent: header('user-agent'),
      authorization: !authorization ? 'none' : /^bearer /i.test(authorization) ? 'bearer' : /^basic /i.test(authorization) ? 'basic' : 'other',
      otp: otp !== undefined,
      ...(otp !== undefined ? { otpId: this.otpId(otp) } : {}),
      conditional: header('if-none-match') !== undefined || header('if-modified-since') !== undefined,
    };
    this.entries.push(entry);
    return entry;
  }

  clear(): void {
    this.entries = [];
  }

  /** Every npm-otp value sent so far, right or wrong: secrets the leak checks look for. */
  otpValues(): string[] {
    return [...this.otpIds.keys()];
  }

  private otpId(value: string): number {
    const id = this.otpIds.get(value) ?? this.otpIds.size + 1;
    this.otpIds.set(value, id);
    return id;
  }
}

/** Logout puts the token itself in the path (doc §6.4); hide it and anything else that looks like a secret. */
function redact(path: string, secrets: string[]): string {
  let out = path.replace(/^\/-\/user\/token\/[^/?]+/, '/-/user/token/***').replace(TOKEN_PATTERN, '***');
  for (const secret of secrets) if (secret.length >= 6) out = out.split(encodeURIComponent(secret)).join('***').split(secret).join('***');
  return out;
}
