// Account endpoints: identity, profile, tokens (doc §2–§4), login and logout (doc §6), and the browser pages.
import { error, escapeHtml, html, json, notFound, Reply } from './http';
import { isGranular, requireSecondFactor, requireUser } from './rules';
import { asObject, type Handler, iso, type Json } from './routeKit';
import type { TokenPermissionSpec } from './scenarios/types';
import { PENDING_LIFETIME_MS, type Token, type User } from './state';
import { maskToken, newTokenValue } from './tokenFormat';

// ---------------------------------------------------------------- identity, profile

/** Doc §2: any valid credential (session token or GAT) gets its username [INF for GATs]. */
export const whoami: Handler = (ctx) => json(200, { username: requireUser(ctx).name });

/** Doc §3: `tfa` false without 2FA; passkey-only accounts show `auth-and-writes` [INF: undocumented]. */
function profileOf(user: User): Json {
  return {
    tfa: user.twoFactor === 'none' ? false : { pending: false, mode: user.twoFactor === 'passkey' ? 'auth-and-writes' : user.twoFactor },
    name: user.name,
    email: user.email,
    email_verified: user.emailVerified,
    created: iso(user.created),
    updated: iso(user.created),
    cidr_whitelist: null,
    fullname: '',
    homepage: '',
    freenode: '',
    twitter: '',
    github: '',
  };
}

export const getProfile: Handler = (ctx) => {
  const user = requireUser(ctx);
  // A 403 for tokens the registry deems insufficient was seen in 2023 (doc §3); switchable per scenario.
  if (isGranular(ctx.credential) && ctx.state.options.gatProfileAccess === 'forbid') return error(403, 'Forbidden');
  return json(200, profileOf(user));
};

/** Doc §3: profile updates need 2FA. The 2FA enable/disable flow (TOTP) is not modelled: npm stopped new TOTP setups. */
export const updateProfile: Handler = (ctx) => {
  const user = requireUser(ctx);
  const body = asObject(ctx.body);
  if ('tfa' in body) return error(400, 'Changing two-factor authentication is not supported by this registry.');
  requireSecondFactor(ctx, user, 'sensitive');
  const password = asObject(body.password);
  if ('password' in body) {
    if (password.old !== user.password || typeof password.new !== 'string') return error(401, 'Incorrect or missing password.', { 'www-authenticate': 'Basic' });
    user.password = password.new;
  }
  if (typeof body.email === 'string') user.email = body.email;
  return json(200, profileOf(user));
};

// ---------------------------------------------------------------- tokens (doc §4)

/** The token list item of a GAT, as the live registry returns it (doc §4.1). */
function tokenListItem(token: Token): Json {
  const action = (p: TokenPermissionSpec | undefined): string | undefined =>
    p === 'read-only' ? 'read' : p === 'read-write' || p === 'stage-only' ? 'write' : undefined;
  const packageAction = action(token.permission);
  const orgAction = action(token.orgsPermission);
  return {
    name: token.name,
    description: token.description,
    key: token.key,
    token: maskToken(token.value),
    expiry: iso(token.expiresAt),
    cidr: token.cidr,
    bypass_2fa: token.bypass2fa,
    revoked: iso(token.revokedAt),
    created: iso(token.created),
    updated: iso(token.updated),
    accessed: iso(token.accessed),
    permissions: [
      ...(packageAction ? [{ name: 'package', action: packageAction }] : []),
      ...(orgAction && token.orgs.length > 0 ? [{ name: 'org', action: orgAction }] : []),
    ],
    // Only `type: package` is observed live; scope/org entries and `packages_all` are our guesses [INF].
    scopes: [
      ...token.packages.map((name) => ({ name, type: 'package' })),
      ...token.scopes.map((name) => ({ name, type: 'scope' })),
      ...token.orgs.map((name) => ({ name, type: 'org' })),
    ],
    ...(token.allPackages ? { packages_all: true } : {}),
    // Stored as `publish_policy: stage_only` (doc §4.1, npm/cli#9948); listing it is our guess [INF].
    ...(token.permission === 'stage-only' ? { publish_policy: 'stage_only' } : {}),
  };
}

/** Doc §4.1: paged with `page`/`perPage`, `urls.next` until the end. Any valid credential may list [INF]. */
export const listTokens: Handler = (ctx) => {
  const user = requireUser(ctx);
  const all = ctx.state.listedTokens(user.name);
  const page = Math.max(0, Number(ctx.url.searchParams.get('page') ?? 0) || 0);
  const perPage = Math.min(9999, Math.max(1, Number(ctx.url.searchParams.get('perPage') ?? ctx.state.options.tokensPerPage) || 10));
  const objects = all.slice(page * perPage, (page + 1) * perPage).map(tokenListItem);
  const urls: Json = {};
  if ((page + 1) * perPage < all.length) urls.next = `${ctx.state.origin}-/npm/v1/tokens?page=${page + 1}&perPage=${perPage}`;
  if (page > 0) urls.prev = `${ctx.state.origin}-/npm/v1/tokens?page=${page - 1}&perPage=${perPage}`;
  return json(200, { objects, total: all.length, urls, userHasOldFormatToken: false });
};

const PERMISSIONS: Record<string, TokenPermissionSpec> = {
  'read-only': 'read-only',
  'read-write': 'read-write',
  'no-access': 'no-access',
  'read-write-stage-only': 'stage-only', // npm 12.2.0 only (doc §4.2)
};
const MAX_WRITE_TOKEN_DAYS = 90;

/** Doc §4.2: password in the body, then 2FA; bypass GATs refused (Aug 2026). Answer 201 with the full token. */
export const createToken: Handler = (ctx) => {
  const user = requireUser(ctx);
  const body = asObject(ctx.body);
  // Kept before any check, as sent but for the password, so a test sees what the client asked for.
  ctx.state.tokenBodies.push(Object.fromEntries(Object.entries(structuredClone(body)).filter(([key]) => key !== 'password')));
  if (isGranular(ctx.credential) && ctx.credential.token.bypass2fa) requireSecondFactor(ctx, user, 'sensitive'); // throws the 403
  if (body.password !== user.password) return error(401, 'Incorrect or missing password.', { 'www-authenticate': 'Basic' });
  requireSecondFactor(ctx, user, 'sensitive');
  const permission = PERMISSIONS[String(body.packages_and_scopes_permission ?? 'read-only')];
  const orgsPermission = body.orgs_permission === undefined ? undefined : PERMISSIONS[String(body.orgs_permission)];
  if (!permission || (body.orgs_permission !== undefined && !orgsPermission)) return error(400, 'Invalid permission');
  const days = body.expires === undefined ? 7 : Number(body.expires);
  if (!Number.isInteger(days) || days < 1) return error(400, 'Token expiration must be at least 1 day in the future');
  if (permission !== 'read-only' && days > MAX_WRITE_TOKEN_DAYS) return error(400, `Write tokens may expire at most ${MAX_WRITE_TOKEN_DAYS} days in the future`);
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
  const token = ctx.state.addToken({
    kind: 'granular',
    user: user.name,
    value: newTokenValue(),
    name: typeof body.name === 'string' ? body.name : '',
    description: typeof body.description === 'string' ? body.description : '',
    permission,
    orgsPermission,
    packages: strings(body.packages),
    scopes: strings(body.scopes),
    orgs: strings(body.orgs),
    allPackages: body.packages_all === true,
    bypass2fa: body.bypass_2fa === true,
    cidr: strings(body.cidr_whitelist),
    expiresInDays: days,
  });
  token.created = token.updated = ctx.state.clock.now();
  // The answer shape for GATs is undocumented (doc §4.2, §13 #4): a list item plus the full token and `expires`.
  return json(201, { ...tokenListItem(token), token: token.value, expires: iso(token.expiresAt), cidr_whitelist: token.cidr });
};

/** Doc §4.3: `DELETE …/token/<key>` (the full token value works too), with 2FA; 204. */
export const deleteToken: Handler = (ctx, [keyOrToken]) => {
  const user = requireUser(ctx);
  const wanted = decodeURIComponent(keyOrToken);
  const token = [...ctx.state.tokens.values()].find((t) => t.user === user.name && t.revokedAt === undefined && (t.key === wanted || t.value === wanted));
  if (!token) return notFound();
  requireSecondFactor(ctx, user, 'sensitive');
  token.revokedAt = ctx.state.clock.now();
  return new Reply(204, undefined);
};

// ---------------------------------------------------------------- login, logout (doc §6)

/** Doc §6.1: `{loginUrl, doneUrl}`; the done URL is on our own origin, so no rewrite is needed. */
export const startWebLogin: Handler = (ctx) => {
  const pending = ctx.state.newPending('login');
  return json(200, { loginUrl: `${ctx.state.origin}-/_web/login/${pending.id}`, doneUrl: `${ctx.state.origin}-/v1/done?sessionId=${pending.id}` });
};

/** Doc §6.1 / §7.4: 202 `{}` + `retry-after` while pending (the JSON body is required), then 200 `{token}`. */
export const pollDone: Handler = (ctx) => {
  const id = ctx.url.searchParams.get('sessionId') ?? ctx.url.searchParams.get('authId') ?? '';
  const pending = ctx.state.pending.get(id);
  const expired = pending && ctx.state.clock.now() - pending.createdAt > PENDING_LIFETIME_MS && !pending.approved;
  // A login's done URL is usable once (doc §6.1 [3P]); a web-OTP may be collected again within its window.
  if (!pending || expired || (pending.kind === 'login' && pending.collected)) return notFound();
  if (!pending.approved) return json(202, {}, { 'retry-after': String(ctx.state.options.pollRetryAfterSeconds) });
  pending.collected = true;
  return json(200, { token: pending.result });
};

/** Doc §6.2: CouchDB-style login; 2FA users are challenged; answers a 2-hour session token. */
export const couchLogin: Handler = (ctx, [rawName]) => {
  const body = asObject(ctx.body);
  const name = typeof body.name === 'string' ? body.name : decodeURIComponent(rawName);
  const user = ctx.state.users.get(name);
  if (!user) return error(400, `There is no user with the username "${name}".`);
  if (body.password !== user.password) return error(401, 'Incorrect or missing password.', { 'www-authenticate': 'Basic' });
  requireSecondFactor({ ...ctx, credential: { kind: 'basic', user } }, user, 'sensitive');
  const token = ctx.state.issueSessionToken(user.name);
  return json(201, { ok: true, id: 'org.couchdb.user:undefined', rev: '_we_dont_use_revs_any_more', token: token.value });
};

/** Doc §6.4: `npm logout` revokes the token server-side. */
export const logout: Handler = (ctx, [rawToken]) => {
  const token = ctx.state.tokens.get(decodeURIComponent(rawToken));
  if (!token || token.revokedAt !== undefined) return notFound();
  token.revokedAt = ctx.state.clock.now();
  return json(200, { ok: true });
};

// ---------------------------------------------------------------- browser pages (what loginUrl / authUrl open)

const page = (title: string, content: string): Reply =>
  html(200, `<!doctype html><html><head><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${content}</body></html>`);

export const loginPage: Handler = (ctx, [id]) => {
  const pending = ctx.state.pending.get(id);
  if (!pending || pending.kind !== 'login') return html(404, '<p>Unknown or expired login link.</p>');
  if (ctx.method === 'POST') {
    const form = asObject(ctx.body);
    const user = ctx.state.users.get(String(form.username ?? ''));
    if (!user || user.password !== form.password) return page('Sign in to the local registry', '<p>Wrong username or password.</p>');
    ctx.state.approve(id, user.name);
    return page('Signed in', `<p>Signed in as ${escapeHtml(user.name)}. You can close this page and return to the terminal.</p>`);
  }
  return page(
    'Sign in to the local registry',
    `<form method="post"><label>Username <input name="username" autofocus></label> <label>Password <input name="password" type="password"></label> <button>Sign in</button></form>`,
  );
};

export const authPage: Handler = (ctx, [id]) => {
  const pending = ctx.state.pending.get(id);
  if (!pending || pending.kind !== '2fa') return html(404, '<p>Unknown or expired authentication link.</p>');
  if (ctx.method === 'POST') {
    // The website's checkbox (doc §7.4): this credential's next publishes within 5 minutes are not challenged.
    const skip2fa = ['1', 'on', 'true'].includes(String(asObject(ctx.body).skip2fa ?? ''));
    ctx.state.approve(id, undefined, { skip2fa });
    return page('Approved', `<p>Security key accepted${skip2fa ? '; 2FA skipped for the next 5 minutes' : ''}. You can close this page and return to the terminal.</p>`);
  }
  return page(
    `Approve this operation as ${pending.user}`,
    '<form method="post"><label><input type="checkbox" name="skip2fa" value="1"> Skip 2FA for the next 5 minutes</label> <button autofocus>Use security key (approve)</button></form>',
  );
};
