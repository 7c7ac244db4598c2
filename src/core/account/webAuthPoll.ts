// Polling a web-auth doneUrl until the registry hands out its token (npm-profile). Required only
// from the webAuth bundle: it brings npm-registry-fetch's whole HTTP stack.
import { webAuthCheckLogin } from 'npm-profile';
import { nodeAgentFor } from '../status/nodeAgent';
import { donePollOptions, planDonePoll, WebAuthRefused } from './webAuthUrls';

/**
 * Polls a web-auth `doneUrl` (honouring retry-after) until the registry hands out its one-time token,
 * with credentials only on the registry's own origin (src/core/account/webAuthUrls.ts). SECRET-BEARING input
 * and result: the caller registers the token as a secret.
 */
export async function pollForWebToken(doneUrl: string, registryUrl: string, fetchOptions: Record<string, unknown>, signal: AbortSignal): Promise<string> {
  const poll = planDonePoll(doneUrl, registryUrl);
  if (!poll.ok) throw new WebAuthRefused(poll.reason);
  // No HTTP cache: a cached 202 would keep us waiting after the approval.
  const options = { ...donePollOptions(poll, registryUrl, fetchOptions), agent: nodeAgentFor(poll.url), cache: undefined, preferOnline: true };
  const { token } = await webAuthCheckLogin(poll.url, options, { signal });
  return token;
}
