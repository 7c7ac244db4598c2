// Where a registry's web-auth URLs may send the person and the poll (issue 15 point 5). The registry
// names the page to open (`loginUrl` / `authUrl`) and the URL to poll (`doneUrl`), and a hostile or
// careless registry can name any host. npm-registry-fetch sends whatever credential of the config
// matches the URL (another registry's token included, over plain HTTP if the URL says so), so the
// poll carries credentials only on the registry's own origin and none anywhere else. Pure, so every
// case is a row in a table test.

import { isLoopbackHost } from '../status/repositoryTrust';

export type DonePoll =
  | { ok: true; url: string; credentials: 'registry' | 'none' }
  | { ok: false; reason: string };

export type PageCheck = { ok: true; host: string } | { ok: false; reason: string };

/** Thrown instead of opening a page or polling a URL the rules refuse; the message says why. */
export class WebAuthRefused extends Error {
  override name = 'WebAuthRefused';
}

function parse(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** Scheme, host and port (default ports normalised by URL). */
const sameOrigin = (a: URL, b: URL) => a.origin === b.origin;

/**
 * How to poll `doneUrl` for a registry at `registryUrl` (after npm-profile's registry.npmjs.org
 * rewrite, which the login start applies): with the config's credentials on the registry's origin,
 * with none elsewhere, and never over plain HTTP to another origin that is not loopback.
 */
export function planDonePoll(doneUrl: string, registryUrl: string): DonePoll {
  const done = parse(doneUrl);
  const registry = parse(registryUrl);
  if (!done || !registry || !['http:', 'https:'].includes(done.protocol)) {
    return { ok: false, reason: 'The registry named a web-auth done URL that is not an http(s) URL.' };
  }
  // The registry's own origin: npm sends its credential there on every request anyway.
  if (sameOrigin(done, registry)) return { ok: true, url: done.href, credentials: 'registry' };
  if (done.protocol === 'http:' && !isLoopbackHost(done.hostname)) {
    return { ok: false, reason: `The registry asked to poll ${done.host} over plain http; refused, because anything on that connection could be read or changed on the way.` };
  }
  return { ok: true, url: done.href, credentials: 'none' };
}

/**
 * Whether the page a registry named (`loginUrl` / `authUrl`) may be opened in the browser: http(s)
 * only, and plain http only to loopback or to the registry's own origin (which the person already
 * talks to over http). The host is what the person is told before the page opens.
 */
export function checkPageUrl(pageUrl: string, registryUrl: string): PageCheck {
  const page = parse(pageUrl);
  if (!page || !['http:', 'https:'].includes(page.protocol)) {
    return { ok: false, reason: 'The registry named a login or approval page that is not an http(s) URL; it was not opened.' };
  }
  const registry = parse(registryUrl);
  if (page.protocol === 'http:' && !isLoopbackHost(page.hostname) && !(registry && sameOrigin(page, registry))) {
    return { ok: false, reason: `The registry named a login or approval page on ${page.host} over plain http; it was not opened, because a password typed there could be read on the way.` };
  }
  return { ok: true, host: page.host };
}

/**
 * npm options that carry no secret and still matter for a poll elsewhere (TLS trust, identity,
 * timeouts). A whitelist, not a list of secret keys: a key npm adds later stays out by default.
 */
const NON_SECRET_POLL_OPTIONS = ['userAgent', 'ca', 'strictSSL', 'timeout', 'localAddress', 'maxSockets'] as const;

/**
 * The npm-registry-fetch options for the poll. On the registry's origin: the config's options, so
 * npm's credential lookup applies as for any registry request. Elsewhere: only the whitelist, so no
 * `//host/:_authToken`, basic auth, client certificate, `otp` or custom header can go along.
 */
export function donePollOptions(poll: Extract<DonePoll, { ok: true }>, registryUrl: string, fetchOptions: Record<string, unknown>): Record<string, unknown> {
  if (poll.credentials === 'registry') return { ...fetchOptions, registry: registryUrl };
  const options: Record<string, unknown> = { registry: registryUrl };
  for (const key of NON_SECRET_POLL_OPTIONS) if (fetchOptions[key] !== undefined) options[key] = fetchOptions[key];
  return options;
}
