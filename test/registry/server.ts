// The local npm registry: an HTTP server over the in-memory state, with a control API for tests
// (in-process methods, and the same over HTTP under /-/_control/ for out-of-process users).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { controlReply } from './control';
import { type Fault, type FaultRule, faultReply, matches, type RouteMatcher, streamFault } from './faults';
import { error, notFound, parseJsonBody, readBody, Reply, send } from './http';
import { type LoggedRequest, RequestLog } from './requestLog';
import { findRoute, type RequestContext } from './routes';
import { authenticate, type Credential } from './rules';
import { DEMO_OTP, scenarioByName } from './scenarios';
import type { PublishingAccessMode, Scenario, TokenSpec, TwoFactorSpec } from './scenarios/types';
import { type ApprovalOptions, Clock, RegistryState, type TrustConfig, type TrustRequestBody } from './state';
import { newTokenValue } from './tokenFormat';

export type { Fault, RouteMatcher } from './faults';
export type { LoggedRequest } from './requestLog';
export type { ApprovalOptions, TrustConfig, TrustRequestBody } from './state';

export interface RegistryOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** A scenario object or the name of a built-in one. Default `default`. */
  scenario?: Scenario | string;
  /** Print each request (secret-free) to stderr. */
  verbose?: boolean;
}

export interface PendingSummary {
  id: string;
  kind: 'login' | '2fa';
  user?: string;
  approved: boolean;
}

/** What a test needs to write credentials into an .npmrc or to type into a prompt. */
export interface DemoCredentials {
  /** The demo TOTP accounts' code in the current window (DEMO_OTP until a window ends). */
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
  /**
   * Approve a pending browser login (as `user`, default the scenario's first user) or browser 2FA; newest
   * waiting one if no id. `{skip2fa: true}`: "skip 2FA for the next 5 minutes" for the challenged credential.
   */
  approvePending(id?: string, user?: string, options?: ApprovalOptions): PendingSummary;
  pendingApprovals(): PendingSummary[];
  /** The TOTP code `user` (default: the demo accounts, seeded with DEMO_OTP) must send now. */
  currentOtp(user?: string): string;
  /** The current TOTP window ends now: its code is refused, the next code is current. */
  endOtpWindow(): void;
  /** The current code is accepted for `uses` more uploads (PUTs), then its window ends. */
  endOtpWindowAfter(uses: number): void;
  /** Every "skip 2FA for the next 5 minutes" window ends now. */
  endSkip2faWindow(): void;
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
  /** A package's trusted-publisher configs as `npm trust list` would get them (a copy); throws for an unknown package. */
  trustOf(pkg: string): TrustConfig[];
  /** Every `POST /-/package/:pkg/trust` body received since the last reset, as sent, oldest first (refused ones too). */
  trustBodies(): TrustRequestBody[];
  /** Every `POST /-/npm/v1/tokens` body received since the last reset, oldest first, its `password` removed. */
  tokenBodies(): Record<string, unknown>[];
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
  private log = new RequestLog();
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
    this.log = new RequestLog();
  }

  get requests(): readonly LoggedRequest[] {
    return this.log.entries;
  }

  approvePending(id?: string, user?: string, options?: ApprovalOptions): PendingSummary {
    return summarizePending(this.state.approve(id, user, options));
  }

  currentOtp(user?: string): string {
    if (user === undefined) return this.state.otpWindows.code(DEMO_OTP);
    const found = this.state.users.get(user);
    if (!found) throw new Error(`no user ${user}`);
    return this.state.currentOtp(found);
  }

  endOtpWindow(): void {
    this.state.otpWindows.end();
  }

  endOtpWindowAfter(uses: number): void {
    this.state.otpWindows.endAfter(uses);
  }

  endSkip2faWindow(): void {
    this.state.skip2faUntil.clear();
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
    this.log.clear();
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

  trustOf(pkg: string): TrustConfig[] {
    const found = this.state.packages.get(pkg);
    if (!found) throw new Error(`no package ${pkg}`);
    return structuredClone(found.trust);
  }

  trustBodies(): TrustRequestBody[] {
    return structuredClone(this.state.trustBodies);
  }

  tokenBodies(): Record<string, unknown>[] {
    return structuredClone(this.state.tokenBodies);
  }

  credentials(): DemoCredentials {
    const state = this.state;
    return {
      otp: this.currentOtp(),
      users: [...state.users.values()].map((u) => ({
        name: u.name,
        password: u.password,
        twoFactor: u.twoFactor,
        ...(u.twoFactor === 'auth-only' || u.twoFactor === 'auth-and-writes' ? { otp: state.currentOtp(u) } : {}),
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
    // Every npm-otp value sent counts too, right or wrong: the log keeps only its ordinal.
    return [...this.state.secrets(), ...this.log.otpValues()];
  }

  // ------------------------------------------------------------ request handling

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    if (url.pathname.startsWith('/-/_control/')) {
      send(res, controlReply(this, this.faults, method, url, raw, req.headers['content-type']));
      return;
    }
    const entry = this.log.record(req, url, this.clock.now(), this.secrets());
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

