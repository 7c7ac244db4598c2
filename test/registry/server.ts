// The local npm registry: an HTTP server over the in-memory state, with a control API for tests
// (in-process methods, and the same over HTTP under /-/_control/ for out-of-process users).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Fault, type FaultRule, faultReply, matches, type RouteMatcher, streamFault } from './faults';
import { error, json, notFound, parseJsonBody, readBody, Reply, send } from './http';
import { findRoute, type RequestContext } from './routes';
import { authenticate, type Credential } from './rules';
import { DEMO_OTP, scenarioByName } from './scenarios';
import type { PublishingAccessMode, Scenario, TokenSpec, TwoFactorSpec } from './scenarios/types';
import { Clock, RegistryState } from './state';
import { newTokenValue, TOKEN_PATTERN } from './tokenFormat';

export type { Fault, RouteMatcher } from './faults';

export interface RegistryOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** A scenario object or the name of a built-in one. Default `default`. */
  scenario?: Scenario | string;
  /** Print each request (secret-free) to stderr. */
  verbose?: boolean;
}

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
  /** Whether the request was conditional (`If-None-Match` or `If-Modified-Since`). */
  conditional: boolean;
  credential?: 'anonymous' | 'session' | 'granular' | 'basic' | 'invalid';
  user?: string;
  fault?: Fault['kind'];
}

export interface PendingSummary {
  id: string;
  kind: 'login' | '2fa';
  user?: string;
  approved: boolean;
}

/** What a test needs to write credentials into an .npmrc or to type into a prompt. */
export interface DemoCredentials {
  otp: string;
  users: Array<{ name: string; password: string; twoFactor: TwoFactorSpec; otp?: string }>;
  tokens: Array<{ user: string; kind: 'session' | 'granular'; name: string; label?: string; token: string; expires: string; revoked: boolean }>;
}

export interface LocalRegistry {
  /** `http://127.0.0.1:PORT/`, with the trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly state: RegistryState;
  /** The request log (control requests excluded). */
  readonly requests: readonly LoggedRequest[];
  close(): Promise<void>;
  /** Reload a scenario (default: the current one), clearing faults, the request log and the clock offset. */
  reset(scenario?: Scenario | string): void;
  /** Approve a pending browser login (as `user`, default the scenario's first user) or browser 2FA; newest waiting one if no id. */
  approvePending(id?: string, user?: string): PendingSummary;
  pendingApprovals(): PendingSummary[];
  now(): number;
  setClock(ms: number | Date): void;
  advanceClock(ms: number): void;
  /** Returns the fault's id. `times` limits how many requests it hits. */
  injectFault(match: RouteMatcher, fault: Fault, times?: number): number;
  clearFaults(): void;
  clearRequests(): void;
  setPublishingAccess(pkg: string, mode: PublishingAccessMode): void;
  /** Revoke by full token value. */
  revokeToken(value: string): void;
  /** Add a token (a random value unless given) and return its full value. */
  mintToken(spec: Omit<TokenSpec, 'value'> & { value?: string }): string;
  credentials(): DemoCredentials;
  /** Every secret currently held: tests assert none of them shows up in logs or output. */
  secrets(): string[];
}

/**
 * This registry imitates npmjs, so its users declare it as such (`npmPublishAuth.registryKinds`, the
 * `registryKinds` of a status request): without that, npmjs's rules are not claimed for a local URL.
 */
export function asNpmjs(registry: { url: string }): Record<string, 'npmjs'> {
  return { [registry.url]: 'npmjs' };
}

export async function startRegistry(options: RegistryOptions = {}): Promise<LocalRegistry> {
  const registry = new RegistryServer(options);
  await registry.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  return registry;
}

class RegistryServer implements LocalRegistry {
  url = '';
  port = 0;
  state: RegistryState;
  requests: LoggedRequest[] = [];
  private readonly clock = new Clock();
  private readonly server: Server;
  private faults: FaultRule[] = [];
  private nextFaultId = 1;
  private scenario: Scenario;

  constructor(private readonly options: RegistryOptions) {
    this.scenario = toScenario(options.scenario ?? 'default');
    this.state = new RegistryState(this.clock, this.scenario, '');
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        console.error('[registry] unexpected error', err);
        if (!res.headersSent) send(res, error(500, 'Internal registry error'));
      });
    });
  }

  async listen(port: number, host: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.url = `http://${host.includes(':') ? `[${host}]` : host}:${this.port}/`;
    // Load the scenario again now that tarball URLs can carry the real origin.
    this.state = new RegistryState(this.clock, this.scenario, this.url);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  reset(scenario?: Scenario | string): void {
    if (scenario !== undefined) this.scenario = toScenario(scenario);
    this.clock.reset();
    this.state = new RegistryState(this.clock, this.scenario, this.url);
    this.faults = [];
    this.requests = [];
  }

  approvePending(id?: string, user?: string): PendingSummary {
    return summarizePending(this.state.approve(id, user));
  }

  pendingApprovals(): PendingSummary[] {
    return [...this.state.pending.values()].map(summarizePending);
  }

  now(): number {
    return this.clock.now();
  }

  setClock(ms: number | Date): void {
    this.clock.set(typeof ms === 'number' ? ms : ms.getTime());
  }

  advanceClock(ms: number): void {
    this.clock.advance(ms);
  }

  injectFault(match: RouteMatcher, fault: Fault, times?: number): number {
    const id = this.nextFaultId++;
    this.faults.push({ id, match, fault, remaining: times });
    return id;
  }

  clearFaults(): void {
    this.faults = [];
  }

  clearRequests(): void {
    this.requests = [];
  }

  setPublishingAccess(pkg: string, mode: PublishingAccessMode): void {
    const found = this.state.packages.get(pkg);
    if (!found) throw new Error(`no package ${pkg}`);
    found.publishingAccess = mode;
  }

  revokeToken(value: string): void {
    const token = this.state.tokens.get(value);
    if (!token) throw new Error('no such token');
    token.revokedAt = this.clock.now();
  }

  mintToken(spec: Omit<TokenSpec, 'value'> & { value?: string }): string {
    return this.state.addToken({ ...spec, value: spec.value ?? newTokenValue() }).value;
  }

  credentials(): DemoCredentials {
    const state = this.state;
    return {
      otp: DEMO_OTP,
      users: [...state.users.values()].map((u) => ({
        name: u.name,
        password: u.password,
        twoFactor: u.twoFactor,
        ...(u.twoFactor === 'auth-only' || u.twoFactor === 'auth-and-writes' ? { otp: u.otp } : {}),
      })),
      tokens: [...state.tokens.values()].map((t) => ({
        user: t.user,
        kind: t.kind,
        name: t.name,
        label: t.label,
        token: t.value,
        expires: new Date(t.expiresAt).toISOString(),
        revoked: t.revokedAt !== undefined,
      })),
    };
  }

  secrets(): string[] {
    return this.state.secrets();
  }

  // ------------------------------------------------------------ request handling

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    if (url.pathname.startsWith('/-/_control/')) {
      send(res, this.control(method, url, raw, req.headers['content-type']));
      return;
    }
    const entry = this.logRequest(req, url);
    const fault = this.takeFault(method, url.pathname);
    if (fault) {
      entry.fault = fault.kind;
      if (fault.kind === 'latency') await new Promise((resolve) => setTimeout(resolve, fault.ms));
      if (fault.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      if (streamFault(fault, res)) {
        entry.status = 200;
        return;
      }
      const reply = faultReply(fault, req.headers.authorization);
      if (reply) {
        entry.status = reply.status;
        send(res, reply);
        return;
      }
    }
    const reply = await this.answer(req, url, method, raw, entry);
    entry.status = reply.status;
    if (this.options.verbose) console.error(`[registry] ${entry.method} ${entry.path} → ${reply.status}`);
    send(res, method === 'HEAD' ? new Reply(reply.status, undefined, reply.headers) : reply);
  }

  private async answer(req: IncomingMessage, url: URL, method: string, raw: Buffer, entry: LoggedRequest): Promise<Reply> {
    const credential = authenticate(this.state, req.headers, req.socket.remoteAddress ?? '');
    entry.credential = describeCredential(credential);
    if (credential.kind === 'token' || credential.kind === 'basic') entry.user = credential.user.name;
    const found = findRoute(method, url.pathname);
    if (!found) return notFound();
    try {
      const ctx: RequestContext = {
        state: this.state,
        headers: req.headers,
        remoteAddress: req.socket.remoteAddress ?? '',
        credential,
        method,
        url,
        body: parseJsonBody(raw, req.headers['content-type']),
      };
      return await found.handler(ctx, found.params);
    } catch (thrown) {
      if (thrown instanceof Reply) return thrown;
      console.error('[registry] handler failed', thrown);
      return error(500, 'Internal registry error');
    }
  }

  private takeFault(method: string, path: string): Fault | undefined {
    const rule = this.faults.find((f) => matches(f.match, method, path));
    if (!rule) return undefined;
    if (rule.remaining !== undefined && --rule.remaining <= 0) this.faults = this.faults.filter((f) => f !== rule);
    return rule.fault;
  }

  private logRequest(req: IncomingMessage, url: URL): LoggedRequest {
    const header = (name: string): string | undefined => {
      const value = req.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const authorization = header('authorization');
    const entry: LoggedRequest = {
      seq: this.requests.length + 1,
      at: new Date(this.clock.now()).toISOString(),
      method: req.method ?? 'GET',
      path: this.redact(url.pathname + url.search),
      npmCommand: header('npm-command'),
      npmAuthType: header('npm-auth-type'),
      npmScope: header('npm-scope'),
      userAgent: header('user-agent'),
      authorization: !authorization ? 'none' : /^bearer /i.test(authorization) ? 'bearer' : /^basic /i.test(authorization) ? 'basic' : 'other',
      otp: header('npm-otp') !== undefined,
      conditional: header('if-none-match') !== undefined || header('if-modified-since') !== undefined,
    };
    this.requests.push(entry);
    return entry;
  }

  /** Logout puts the token itself in the path (doc §6.4); hide it and anything else that looks like a secret. */
  private redact(path: string): string {
    let out = path.replace(/^\/-\/user\/token\/[^/?]+/, '/-/user/token/***').replace(TOKEN_PATTERN, '***');
    for (const secret of this.state.secrets()) if (secret.length >= 6) out = out.split(encodeURIComponent(secret)).join('***').split(secret).join('***');
    return out;
  }

  // ------------------------------------------------------------ HTTP control API (/-/_control/…)

  private control(method: string, url: URL, raw: Buffer, contentType: string | undefined): Reply {
    const action = url.pathname.slice('/-/_control/'.length);
    try {
      const body = (parseJsonBody(raw, contentType) ?? {}) as Record<string, unknown>;
      switch (`${method} ${action}`) {
        case 'GET state':
          return json(200, this.state.summary());
        case 'GET credentials':
          return json(200, this.credentials());
        case 'POST reset':
          this.reset(typeof body.scenario === 'string' ? body.scenario : undefined);
          return json(200, { ok: true });
        case 'GET pending':
          return json(200, this.pendingApprovals());
        case 'POST approve':
          return json(200, this.approvePending(optionalString(body.id), optionalString(body.user)));
        case 'GET clock':
          return json(200, { now: new Date(this.now()).toISOString() });
        case 'POST clock':
          if (body.set !== undefined) this.setClock(new Date(body.set as string | number).getTime());
          if (body.advanceMs !== undefined) this.advanceClock(Number(body.advanceMs));
          return json(200, { now: new Date(this.now()).toISOString() });
        case 'GET faults':
          return json(200, this.faults.map((f) => ({ ...f, match: { ...f.match, path: String(f.match.path ?? '') } })));
        case 'POST faults': {
          const path = body.pathPattern ? new RegExp(String(body.pathPattern)) : optionalString(body.path);
          const id = this.injectFault({ method: optionalString(body.method), path }, body.fault as Fault, body.times === undefined ? undefined : Number(body.times));
          return json(201, { id });
        }
        case 'DELETE faults':
          this.clearFaults();
          return json(200, { ok: true });
        case 'GET requests':
          return json(200, this.requests);
        case 'DELETE requests':
          this.clearRequests();
          return json(200, { ok: true });
        case 'POST publishing-access':
          this.setPublishingAccess(String(body.package), body.mode as PublishingAccessMode);
          return json(200, { ok: true });
        case 'POST revoke':
          this.revokeToken(String(body.token));
          return json(200, { ok: true });
        case 'POST tokens':
          return json(201, { token: this.mintToken(body as unknown as TokenSpec) });
        default:
          return error(404, `unknown control action ${method} ${action}`);
      }
    } catch (thrown) {
      if (thrown instanceof Reply) return thrown;
      return error(400, thrown instanceof Error ? thrown.message : String(thrown));
    }
  }
}

function toScenario(scenario: Scenario | string): Scenario {
  return typeof scenario === 'string' ? scenarioByName(scenario) : structuredClone(scenario);
}

function summarizePending(p: { id: string; kind: 'login' | '2fa'; user?: string; approved: boolean }): PendingSummary {
  return { id: p.id, kind: p.kind, user: p.user, approved: p.approved };
}

function describeCredential(credential: Credential): LoggedRequest['credential'] {
  if (credential.kind === 'token') return credential.token.kind;
  return credential.kind;
}

const optionalString = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
