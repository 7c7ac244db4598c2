// Package endpoints: settings (doc §5; trust is in trustRoutes.ts), documents and publishing (doc §7), staged publishing (doc §7.7).
import { createHash, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { error, json, notFound, RawBody, Reply } from './http';
import { canRead, checkPublish, isGranular, requireSecondFactor, requireUser, requireWriteAccess, tokenCovers } from './rules';
import { asObject, type Handler, iso, type Json, packageParam, type RequestContext } from './routeKit';
import type { Package, RegistryState, StagedVersion, User } from './state';

// ---------------------------------------------------------------- package settings (doc §5)

export function existingPackage(ctx: RequestContext, raw: string): Package {
  const pkg = ctx.state.packages.get(packageParam(raw));
  if (!pkg || !canRead(ctx, pkg)) throw notFound();
  return pkg;
}

/** Writes to a package's settings: maintainer (404), token reaches it (404), not read-only (403), then 2FA. */
export function requireSettingsAccess(ctx: RequestContext, pkg: Package): User {
  const user = requireUser(ctx);
  requireWriteAccess(user, pkg.name, pkg);
  if (!tokenCovers(ctx.credential, pkg.name)) throw notFound();
  if (isGranular(ctx.credential) && ctx.credential.token.permission === 'read-only') throw error(403, 'This token is read-only.');
  return user;
}

/** Doc §5.1: `npm access set mfa=…` / `status=…`. Needs 2FA; bypass GATs refused since Aug 2026. */
export const setAccess: Handler = (ctx, [raw]) => {
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

export const getVisibility: Handler = (ctx, [raw]) => json(200, { public: existingPackage(ctx, raw).visibility === 'public' });

/** Doc §5.5. Anyone who can read the package may list collaborators [INF]. */
export const getCollaborators: Handler = (ctx, [raw]) => json(200, Object.fromEntries(existingPackage(ctx, raw).collaborators));

/** Doc §5.5: `{pkg: read|write}` for the user's packages (that the requester may see). */
export const userPackages: Handler = (ctx, [rawName]) => {
  const name = decodeURIComponent(rawName);
  if (!ctx.state.users.has(name)) return notFound();
  const out: Json = {};
  for (const pkg of ctx.state.packages.values()) {
    const permission = pkg.collaborators.get(name);
    if (permission && canRead(ctx, pkg)) out[pkg.name] = permission;
  }
  return json(200, out);
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

export const getPackument: Handler = (ctx, [raw]) => {
  const pkg = existingPackage(ctx, raw);
  return packageDocument(ctx, pkg, packument(ctx.state, pkg));
};

/** `GET /:pkg/:version-or-tag`: one version's manifest (the packument's `versions[v]`), a dist-tag resolved first. */
export const getVersionManifest: Handler = (ctx, [raw, wanted]) => {
  const pkg = existingPackage(ctx, raw);
  const version = decodeURIComponent(wanted);
  const manifest = pkg.versions.get(pkg.distTags[version] ?? version);
  // registry.npmjs.org answers a JSON text here, not npm's usual {"error": …} object.
  if (!manifest) return json(404, `version not found: ${version}`);
  return packageDocument(ctx, pkg, manifest);
};

/** `GET /-/package/:pkg/dist-tags` (what `npm dist-tag ls` reads): tag → version. */
export const getDistTags: Handler = (ctx, [raw]) => json(200, existingPackage(ctx, raw).distTags);

export const getTarball: Handler = (ctx, [raw, file]) => {
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
export const publish: Handler = (ctx, [raw]) => {
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
export const stagePublish: Handler = (ctx, [raw]) => {
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

export const listStaged: Handler = (ctx) => {
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

export const viewStaged: Handler = (ctx, [id]) => json(200, stagedItem(stagedFor(ctx, id).staged));

export const approveStaged: Handler = (ctx, [id]) => {
  const { staged, pkg } = stagedFor(ctx, id);
  const user = requireSettingsAccess(ctx, pkg);
  requireSecondFactor(ctx, user, 'sensitive');
  applyPublish(ctx.state, staged.packageName, staged.body, user);
  ctx.state.staged.delete(id);
  return json(200, { ...stagedItem(staged), status: 'approved' });
};

export const rejectStaged: Handler = (ctx, [id]) => {
  const { pkg } = stagedFor(ctx, id);
  requireSecondFactor(ctx, requireSettingsAccess(ctx, pkg), 'sensitive');
  ctx.state.staged.delete(id);
  return json(200, {});
};
