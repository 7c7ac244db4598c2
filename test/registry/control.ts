// The HTTP control API under /-/_control/: the in-process control methods, for out-of-process users
// (the sandbox, a browser). Not logged, not faulted.
import type { Fault, FaultRule } from './faults';
import { error, json, parseJsonBody, Reply } from './http';
import type { LocalRegistry } from './server';
import type { PublishingAccessMode, TokenSpec } from './scenarios/types';

export function controlReply(registry: LocalRegistry, faults: readonly FaultRule[], method: string, url: URL, raw: Buffer, contentType: string | undefined): Reply {
  const action = url.pathname.slice('/-/_control/'.length);
  try {
    const body = (parseJsonBody(raw, contentType) ?? {}) as Record<string, unknown>;
    switch (`${method} ${action}`) {
      case 'GET state':
        return json(200, registry.state.summary());
      case 'GET credentials':
        return json(200, registry.credentials());
      case 'POST reset':
        registry.reset(typeof body.scenario === 'string' ? body.scenario : undefined);
        return json(200, { ok: true });
      case 'GET pending':
        return json(200, registry.pendingApprovals());
      case 'POST approve':
        return json(200, registry.approvePending(optionalString(body.id), optionalString(body.user), { skip2fa: body.skip2fa === true }));
      case 'GET otp':
        return json(200, otpWindow(registry, optionalString(url.searchParams.get('user'))));
      case 'POST otp-window':
        if (body.endAfter === undefined) registry.endOtpWindow();
        else registry.endOtpWindowAfter(Number(body.endAfter));
        return json(200, otpWindow(registry, undefined));
      case 'POST skip-2fa/end':
        registry.endSkip2faWindow();
        return json(200, { ok: true });
      case 'GET clock':
        return json(200, { now: new Date(registry.now()).toISOString() });
      case 'POST clock':
        if (body.set !== undefined) registry.setClock(new Date(body.set as string | number).getTime());
        if (body.advanceMs !== undefined) registry.advanceClock(Number(body.advanceMs));
        return json(200, { now: new Date(registry.now()).toISOString() });
      case 'GET faults':
        return json(200, faults.map((f) => ({ ...f, match: { ...f.match, path: String(f.match.path ?? '') } })));
      case 'POST faults': {
        const path = body.pathPattern ? new RegExp(String(body.pathPattern)) : optionalString(body.path);
        const id = registry.injectFault({ method: optionalString(body.method), path }, body.fault as Fault, body.times === undefined ? undefined : Number(body.times));
        return json(201, { id });
      }
      case 'DELETE faults':
        registry.clearFaults();
        return json(200, { ok: true });
      case 'GET requests':
        return json(200, registry.requests);
      case 'DELETE requests':
        registry.clearRequests();
        return json(200, { ok: true });
      case 'POST publishing-access':
        registry.setPublishingAccess(String(body.package), body.mode as PublishingAccessMode);
        return json(200, { ok: true });
      case 'POST revoke':
        registry.revokeToken(String(body.token));
        return json(200, { ok: true });
      case 'GET trust': {
        const pkg = optionalString(url.searchParams.get('package'));
        return json(200, { ...(pkg ? { configs: registry.trustOf(pkg) } : {}), bodies: registry.trustBodies() });
      }
      case 'POST tokens':
        return json(201, { token: registry.mintToken(body as unknown as TokenSpec) });
      default:
        return error(404, `unknown control action ${method} ${action}`);
    }
  } catch (thrown) {
    if (thrown instanceof Reply) return thrown;
    return error(400, thrown instanceof Error ? thrown.message : String(thrown));
  }
}

/** The current TOTP window: its code (of `user`, default the demo accounts'), its number, when the clock ends it. */
function otpWindow(registry: LocalRegistry, user: string | undefined): { otp: string; window: number; endsAt?: string } {
  const endsAt = registry.state.otpWindows.endsAt();
  return { otp: registry.currentOtp(user), window: registry.state.otpWindows.current(), ...(endsAt === undefined ? {} : { endsAt: new Date(endsAt).toISOString() }) };
}

const optionalString = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
