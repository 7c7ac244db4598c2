// The registry's endpoints (doc §11 lists them). Each handler reads the state, applies the rules and returns a Reply.
import { createHash, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { error, escapeHtml, html, json, notFound, RawBody, Reply } from './http';
import {
  type AuthContext,
  canRead,
  checkPublish,
  isGranular,
  requireSecondFactor,
  requireUser,
  requireWriteAccess,
  tokenCovers,
} from './rules';
import type { TokenPermissionSpec } from './scenarios/types';
import { type Package, PENDING_LIFETIME_MS, type RegistryState, type StagedVersion, type Token, type User } from './state';
import { maskToken, newTokenValue } from './tokenFormat';

export interface RequestContext extends AuthContext {
  method: string;
  url: URL;
  body: unknown;
}

type Handler = (ctx: RequestContext, params: string[]) => Reply | Promise<Reply>;
interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

/** A package name in a path: `name`, `@scope%2fname` (npm's form, doc §1.1), `@scope%2Fname` or `@scope/name`. */
const PKG = '(@[^/%]+(?:%2[fF]|/)[^/]+|[^/@-][^/]*)';
const packageParam = (raw: string): string => decodeURIComponent(raw);

type Json = Record<string, unknown>;
const asObject = (body: unknown): Json => (body && typeof body === 'object' && !Array.isArray(body) ? (body as Json) : {});
const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

// ---------------------------------------------------------------- identity, profile

/** Doc §2: any valid credential (session token or GAT) gets its username [INF for GATs]. */
const whoami: Handler = (ctx) => json(200, { username: requireUser(ctx).name });

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

const getProfile: Handler = (ctx) => {
  const user = requireUser(ctx);
  // A 403 for tokens the registry deems insufficient was seen in 2023 (doc §3); switchable per scenario.
  if (isGranular(ctx.credential) && ctx.state.options.gatProfileAccess === 'forbid') return error(403, 'Forbidden');
  return json(200, profileOf(user));
};

/** Doc §3: profile updates need 2FA. The 2FA enable/disable flow (TOTP) is not modelled: npm stopped new TOTP setups. */
const updateProfile: Handler = (ctx) => {
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
const listTokens: Handler = (ctx) => {
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
const createToken: Handler = (ctx) => {
  const user = requireUser(ctx);
  const body = asObject(ctx.body);
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
const deleteToken: Handler = (ctx, [keyOrToken]) => {
  const user = requireUser(ctx);
  const wanted = decodeURIComponent(keyOrToken);
  const token = [...ctx.state.tokens.values()].find((t) => t.user === user.name && t.revokedAt === undefined && (t.key === wanted || t.value === wanted));
  if (!token) return notFound();
  requireSecondFactor(ctx, user, 'sensitive');
  token.revokedAt = ctx.state.clock.now();
  return new Reply(204, undefined);
};

// ---------------------------------------------------------------- package settings (doc §5, §8)

function existingPackage(ctx: RequestContext, raw: string): Package {
  const pkg = ctx.state.packages.get(packageParam(raw));
  if (!pkg || !canRead(ctx, pkg)) throw notFound();
  return pkg;
}

/** Writes to a package's settings: maintainer (404), token reaches it (404), not read-only (403), then 2FA. */
function requireSettingsAccess(ctx: RequestContext, pkg: Package): User {
  const user = requireUser(ctx);
  requireWriteAccess(user, pkg.name, pkg);
  if (!tokenCovers(ctx.credential, pkg.name)) throw notFound();
  if (isGranular(ctx.credential) && ctx.credential.token.permission === 'read-only') throw error(403, 'This token is read-only.');
  return user;
}

/** Doc §5.1: `npm access set mfa=…` / `status=…`. Needs 2FA; bypass GATs refused since Aug 2026. */
const setAccess: Handler = (ctx, [raw]) => {
  const pkg = existingPackage(ctx, raw);
  const user = requireSettingsAccess(ctx, pkg);
  requireSecondFactor(ctx, user, 'sensitive');
  const body = asObject(ctx.body);
  if ('access' in body) {
    if (body.access !== 'public' && body.access !== 'restricted') return error(400, 'access must be "public" or "restricted"');
    if (body.access === 'restricted' && !pkg.name.startsWith('@')) return error(400, 'Unscoped packages cannot be restricted');
    pkg.visibility = body.access;
  }
  if ('publish_requires_tfa' in body) {
    pkg.publishingAccess = body.publish_requires_tfa === false ? 'none' : body.automation_token_overrides_tfa === true ? 'automation' : 'publish';
  }
  return json(200, {});
};

const getVisibility: Handler = (ctx, [raw]) => json(200, { public: existingPackage(ctx, raw).visibility === 'public' });

/** Doc §5.5. Anyone who can read the package may list collaborators [INF]. */
const getCollaborators: Handler = (ctx, [raw]) => json(200, Object.fromEntries(existingPackage(ctx, raw).collaborators));

/** Doc §5.5: `{pkg: read|write}` for the user's packages (that the requester may see). */
const userPackages: Handler = (ctx, [rawName]) => {
  const name = decodeURIComponent(rawName);
  if (!ctx.state.users.has(name)) return notFound();
  const out: Json = {};
  for (const pkg of ctx.state.packages.values()) {
    const permission = pkg.collaborators.get(name);
    if (permission && canRead(ctx, pkg)) out[pkg.name] = permission;
  }
  return json(200, out);
};

/** Doc §8.1: trusted publisher config — maintainers with 2FA enabled, 2FA on every call, no bypass GATs. */
function requireTrustAccess(ctx: RequestContext, raw: string): Package {
  const pkg = existingPackage(ctx, raw);
  const user = requireSettingsAccess(ctx, pkg);
  if (user.twoFactor === 'none') throw error(403, 'Two-factor authentication must be enabled to manage trusted publishers.'); // [INF] wording
  requireSecondFactor(ctx, user, 'sensitive');
  return pkg;
}

const getTrust: Handler = (ctx, [raw]) => json(200, requireTrustAccess(ctx, raw).trust);

const addTrust: Handler = (ctx, [raw]) => {
  const pkg = requireTrustAccess(ctx, raw);
  const configs = Array.isArray(ctx.body) ? (ctx.body as Json[]) : [];
  if (configs.length === 0) return error(400, 'Expected an array of trusted publisher configurations');
  if (pkg.trust.length > 0 || configs.length > 1) return error(409, 'This package already has a trusted publisher configuration. Revoke it first.');
  const added = configs.map((c) => ({
    id: randomUUID(),
    type: c.type as 'github',
    claims: asObject(c.claims),
    permissions: (Array.isArray(c.permissions) ? c.permissions : ['createPackage']) as Array<'createPackage'>,
  }));
  pkg.trust.push(...added);
  return json(201, added);
};

const deleteTrust: Handler = (ctx, [raw, rawId]) => {
  const pkg = requireTrustAccess(ctx, raw);
  const id = decodeURIComponent(rawId);
  if (!pkg.trust.some((t) => t.id === id)) return notFound();
  pkg.trust = pkg.trust.filter((t) => t.id !== id);
  return new Reply(204, undefined);
};

// ---------------------------------------------------------------- login, logout (doc §6)

/** Doc §6.1: `{loginUrl, doneUrl}`; the done URL is on our own origin, so no rewrite is needed. */
const startWebLogin: Handler = (ctx) => {
  const pending = ctx.state.newPending('login');
  return json(200, { loginUrl: `${ctx.state.origin}-/_web/login/${pending.id}`, doneUrl: `${ctx.state.origin}-/v1/done?sessionId=${pending.id}` });
};

/** Doc §6.1 / §7.4: 202 `{}` + `retry-after` while pending (the JSON body is required), then 200 `{token}`. */
const pollDone: Handler = (ctx) => {
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
const couchLogin: Handler = (ctx, [rawName]) => {
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
const logout: Handler = (ctx, [rawToken]) => {
  const token = ctx.state.tokens.get(decodeURIComponent(rawToken));
  if (!token || token.revokedAt !== undefined) return notFound();
  token.revokedAt = ctx.state.clock.now();
  return json(200, { ok: true });
};

// ---------------------------------------------------------------- browser pages (what loginUrl / authUrl open)

const page = (title: string, content: string): Reply =>
  html(200, `<!doctype html><html><head><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${content}</body></html>`);

const loginPage: Handler = (ctx, [id]) => {
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

const authPage: Handler = (ctx, [id]) => {
  const pending = ctx.state.pending.get(id);
  if (!pending || pending.kind !== '2fa') return html(404, '<p>Unknown or expired authentication link.</p>');
  if (ctx.method === 'POST') {
    ctx.state.approve(id);
    return page('Approved', '<p>Security key accepted. You can close this page and return to the terminal.</p>');
  }
  return page(`Approve this operation as ${pending.user}`, '<form method="post"><button autofocus>Use security key (approve)</button></form>');
};

// ---------------------------------------------------------------- packages (doc §7)

function packument(state: RegistryState, pkg: Package): Json {
  return {
    _id: pkg.name,
    name: pkg.name,
    description: pkg.description,
    'dist-tags': pkg.distTags,
    versions: Object.fromEntries(pkg.versions),
    time: pkg.time,
    maintainers: [...pkg.collaborators].filter(([, p]) => p === 'write').map(([name]) => state.npmUser(name)),
  };
}

/**
 * A JSON document as registry.npmjs.org serves package documents: an ETag over the content and a
 * Last-Modified from `time.modified`, a 304 (headers only) when `If-None-Match` names the current
 * ETag or — without one — `If-Modified-Since` is not older, and gzip when the client accepts it.
 */
function packageDocument(ctx: RequestContext, pkg: Package, body: unknown): Reply {
  const text = JSON.stringify(body);
  const etag = `"${createHash('sha1').update(text).digest('hex')}"`;
  const modified = Date.parse(pkg.time.modified ?? '');
  const lastModified = Number.isNaN(modified) ? undefined : new Date(modified).toUTCString();
  const headers: Record<string, string> = { etag, 'cache-control': 'public, max-age=300', vary: 'accept-encoding, accept' };
  if (lastModified) headers['last-modified'] = lastModified;
  const header = (name: string) => [ctx.headers[name]].flat()[0];
  const ifNoneMatch = header('if-none-match');
  const ifModifiedSince = Date.parse(header('if-modified-since') ?? '');
  // RFC 9110 §13.1.3: If-Modified-Since is ignored when If-None-Match is sent. Weak comparison, as a CDN re-tags gzip answers W/.
  const unchanged = ifNoneMatch !== undefined
    ? ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')
    : lastModified !== undefined && !Number.isNaN(ifModifiedSince) && Math.floor(modified / 1000) * 1000 <= ifModifiedSince;
  if (unchanged) return new Reply(304, undefined, headers);
  if (!/\bgzip\b/.test(header('accept-encoding') ?? '')) return new Reply(200, new RawBody('application/json', text), headers);
  return new Reply(200, new RawBody('application/json', gzipSync(text)), { ...headers, 'content-encoding': 'gzip' });
}

const getPackument: Handler = (ctx, [raw]) => {
  const pkg = existingPackage(ctx, raw);
  return packageDocument(ctx, pkg, packument(ctx.state, pkg));
};

/** `GET /:pkg/:version-or-tag`: one version's manifest (the packument's `versions[v]`), a dist-tag resolved first. */
const getVersionManifest: Handler = (ctx, [raw, wanted]) => {
  const pkg = existingPackage(ctx, raw);
  const version = decodeURIComponent(wanted);
  const manifest = pkg.versions.get(pkg.distTags[version] ?? version);
  // registry.npmjs.org answers a JSON text here, not npm's usual {"error": …} object.
  if (!manifest) return json(404, `version not found: ${version}`);
  return packageDocument(ctx, pkg, manifest);
};

/** `GET /-/package/:pkg/dist-tags` (what `npm dist-tag ls` reads): tag → version. */
const getDistTags: Handler = (ctx, [raw]) => json(200, existingPackage(ctx, raw).distTags);

const getTarball: Handler = (ctx, [raw, file]) => {
  const pkg = existingPackage(ctx, raw);
  const version = [...pkg.tarballs.keys()].find((v) => decodeURIComponent(file).endsWith(`-${v}.tgz`));
  if (!version) return notFound();
  return new Reply(200, new RawBody('application/octet-stream', pkg.tarballs.get(version)!));
};

/** Stores the versions, dist-tags and tarballs of a publish body (doc §7.2). Used by publish and stage approval. */
function applyPublish(state: RegistryState, name: string, body: Json, user: User): void {
  let pkg = state.packages.get(name);
  if (!pkg) {
    // New packages default to "2FA or bypass GAT" since Dec 2025 (doc §12). `access: null` → public [INF].
    pkg = state.addPackage({ name, maintainers: [user.name], publishingAccess: 'automation', visibility: body.access === 'restricted' ? 'restricted' : 'public' });
  }
  const now = new Date(state.clock.now()).toISOString();
  const attachments = asObject(body._attachments);
  for (const [version, manifest] of Object.entries(asObject(body.versions))) {
    pkg.versions.set(version, { ...asObject(manifest), _npmUser: state.npmUser(user.name), maintainers: [state.npmUser(user.name)] });
    pkg.time[version] = now;
    const attachment = Object.entries(attachments).find(([file]) => file.endsWith(`-${version}.tgz`));
    if (attachment) pkg.tarballs.set(version, Buffer.from(String(asObject(attachment[1]).data ?? ''), 'base64'));
  }
  Object.assign(pkg.distTags, asObject(body['dist-tags']));
  pkg.time.created ??= now;
  pkg.time.modified = now;
  if (typeof body.description === 'string') pkg.description = body.description;
}

function publishBody(ctx: RequestContext, name: string): Json {
  const body = asObject(ctx.body);
  if (body.name !== name) throw error(400, 'Package name in the body does not match the URL');
  if (!body._attachments || Object.keys(asObject(body.versions)).length === 0) {
    // Metadata-only PUTs (deprecate, unpublish) are not modelled.
    throw error(400, 'This registry only supports publishing (a PUT with versions and _attachments).');
  }
  return body;
}

/** Doc §7.5 / §7.6 via `checkPublish`; success is `200 {"success":true}`. */
const publish: Handler = (ctx, [raw]) => {
  const name = packageParam(raw);
  const body = publishBody(ctx, name);
  const user = checkPublish(ctx, name, ctx.state.packages.get(name), Object.keys(asObject(body.versions)));
  applyPublish(ctx.state, name, body, user);
  return json(200, { success: true });
};

// ---------------------------------------------------------------- staged publishing (doc §7.7)

function stagedItem(staged: StagedVersion): Json {
  const { id, packageName, version, tag, createdAt, actor, actorType } = staged;
  return { id, packageName, version, tag, createdAt: iso(createdAt), actor, actorType, status: 'pending' };
}

/** Staging needs write access but no 2FA (deferred to approval). Brand-new packages cannot be staged [INF, doc §13 #10]. */
const stagePublish: Handler = (ctx, [raw]) => {
  const name = packageParam(raw);
  const body = publishBody(ctx, name);
  const pkg = ctx.state.packages.get(name);
  if (!pkg) return notFound();
  const user = requireSettingsAccess(ctx, pkg);
  const versions = Object.keys(asObject(body.versions));
  if (versions.some((v) => pkg.versions.has(v))) return error(403, `You cannot publish over the previously published versions: ${versions.join(', ')}.`);
  if ([...ctx.state.staged.values()].some((s) => s.packageName === name && versions.includes(s.version))) {
    return error(409, 'Cannot publish over previously staged version');
  }
  const staged: StagedVersion = {
    id: randomUUID(),
    packageName: name,
    version: versions[0],
    tag: Object.keys(asObject(body['dist-tags']))[0] ?? 'latest',
    createdAt: ctx.state.clock.now(),
    actor: user.name,
    actorType: isGranular(ctx.credential) ? 'token' : 'user',
    body,
  };
  ctx.state.staged.set(staged.id, staged);
  return json(201, { stageId: staged.id });
};

const listStaged: Handler = (ctx) => {
  const user = requireUser(ctx);
  const only = ctx.url.searchParams.get('package');
  const items = [...ctx.state.staged.values()]
    .filter((s) => ctx.state.packages.get(s.packageName)?.collaborators.get(user.name) === 'write' && (!only || s.packageName === only))
    .map(stagedItem);
  return json(200, { items, total: items.length });
};

function stagedFor(ctx: RequestContext, id: string): { staged: StagedVersion; pkg: Package } {
  const staged = ctx.state.staged.get(id);
  const pkg = staged && ctx.state.packages.get(staged.packageName);
  if (!staged || !pkg || !canRead(ctx, pkg) || !pkg.collaborators.has(requireUser(ctx).name)) throw notFound();
  return { staged, pkg };
}

const viewStaged: Handler = (ctx, [id]) => json(200, stagedItem(stagedFor(ctx, id).staged));

const approveStaged: Handler = (ctx, [id]) => {
  const { staged, pkg } = stagedFor(ctx, id);
  const user = requireSettingsAccess(ctx, pkg);
  requireSecondFactor(ctx, user, 'sensitive');
  applyPublish(ctx.state, staged.packageName, staged.body, user);
  ctx.state.staged.delete(id);
  return json(200, { ...stagedItem(staged), status: 'approved' });
};

const rejectStaged: Handler = (ctx, [id]) => {
  const { pkg } = stagedFor(ctx, id);
  requireSecondFactor(ctx, requireSettingsAccess(ctx, pkg), 'sensitive');
  ctx.state.staged.delete(id);
  return json(200, {});
};

// ---------------------------------------------------------------- the table

const route = (method: string, path: string, handler: Handler): Route => ({ method, pattern: new RegExp(`^${path}$`), handler });

export const routes: Route[] = [
  route('GET', '/-/whoami', whoami),
  route('GET', '/-/npm/v1/user', getProfile),
  route('POST', '/-/npm/v1/user', updateProfile),
  route('GET', '/-/npm/v1/tokens', listTokens),
  route('POST', '/-/npm/v1/tokens', createToken),
  route('DELETE', '/-/npm/v1/tokens/token/([^/]+)', deleteToken),
  route('POST', `/-/package/${PKG}/access`, setAccess),
  route('GET', `/-/package/${PKG}/visibility`, getVisibility),
  route('GET', `/-/package/${PKG}/collaborators`, getCollaborators),
  route('GET', `/-/package/${PKG}/dist-tags`, getDistTags),
  route('GET', `/-/package/${PKG}/trust`, getTrust),
  route('POST', `/-/package/${PKG}/trust`, addTrust),
  route('DELETE', `/-/package/${PKG}/trust/([^/]+)`, deleteTrust),
  route('GET', '/-/user/([^/]+)/package', userPackages),
  route('POST', '/-/v1/login', startWebLogin),
  route('GET', '/-/v1/done', pollDone),
  route('GET', '/-/_web/login/([^/]+)', loginPage),
  route('POST', '/-/_web/login/([^/]+)', loginPage),
  route('GET', '/-/_web/auth/([^/]+)', authPage),
  route('POST', '/-/_web/auth/([^/]+)', authPage),
  route('PUT', '/-/user/org\\.couchdb\\.user:([^/]+)', couchLogin),
  route('DELETE', '/-/user/token/([^/]+)', logout),
  route('POST', `/-/stage/package/${PKG}`, stagePublish),
  route('GET', '/-/stage', listStaged),
  route('GET', '/-/stage/([^/]+)', viewStaged),
  route('POST', '/-/stage/([^/]+)/approve', approveStaged),
  route('DELETE', '/-/stage/([^/]+)', rejectStaged),
  route('GET', `/${PKG}/-/(.+)`, getTarball),
  route('GET', `/${PKG}/([^/]+)`, getVersionManifest),
  route('GET', `/${PKG}`, getPackument),
  route('PUT', `/${PKG}`, publish),
];

export function findRoute(method: string, path: string): { handler: Handler; params: string[] } | undefined {
  // HEAD is answered like GET (node strips the body).
  const wanted = method === 'HEAD' ? 'GET' : method;
  for (const r of routes) {
    const match = r.method === wanted ? r.pattern.exec(path) : null;
    if (match) return { handler: r.handler, params: match.slice(1) };
  }
  return undefined;
}

