// Trusted-publisher configuration (doc §8.1, §8.3): what `npm trust list|github|gitlab|circleci|revoke` calls.
//   GET    /-/package/:pkg/trust       → 200 [{id, type, claims, permissions}]
//   POST   /-/package/:pkg/trust       ← [{type, claims, permissions}] (npm sends one) → 201 [the stored config]
//   DELETE /-/package/:pkg/trust/:id   → 204
import { randomUUID } from 'node:crypto';
import { error, json, notFound, Reply } from './http';
import { existingPackage, requireSettingsAccess } from './packageRoutes';
import { requireSecondFactor } from './rules';
import { asObject, type Handler, type Json, packageParam, type RequestContext } from './routeKit';
import type { Package, TrustConfig } from './state';

/** [INF] wording: npm documents the rule ("Legacy basic auth … will not work", npm-trust docs), not the answer. */
export const TRUST_NO_BASIC_AUTH = 'Trusted publishing configuration cannot be managed with basic authentication.';
/** [INF] wording; the rule is "2FA enabled on account" (doc §8.1). */
export const TRUST_NEEDS_2FA = 'Two-factor authentication must be enabled to manage trusted publishers.';
/** npm-trust docs: "only one configuration per package … will result in an error". Status and wording [INF]. */
export const TRUST_EXISTS = 'This package already has a trusted publisher configuration. Revoke it first.';

/**
 * Doc §8.1 prerequisites, in this order [INF]: the package exists and was published (404 otherwise, as npmjs
 * hides packages), no Basic auth (403), a maintainer whose token reaches the package (404, as the other
 * settings routes), 2FA enabled (403), then a bypass GAT is refused (403) and the 2FA challenge is asked.
 */
function requireTrustAccess(ctx: RequestContext, raw: string): Package {
  const pkg = existingPackage(ctx, raw);
  // "The package must already exist": a name without a published version has nothing to configure [INF].
  if (pkg.versions.size === 0) throw notFound();
  if (ctx.credential.kind === 'basic') throw error(403, TRUST_NO_BASIC_AUTH);
  const user = requireSettingsAccess(ctx, pkg);
  if (user.twoFactor === 'none') throw error(403, TRUST_NEEDS_2FA);
  requireSecondFactor(ctx, user, 'trust');
  return pkg;
}

export const getTrust: Handler = (ctx, [raw]) => json(200, requireTrustAccess(ctx, raw).trust);

export const addTrust: Handler = (ctx, [raw]) => {
  // Kept before any check, so a test sees what the client sent even when it is refused.
  ctx.state.trustBodies.push({ package: packageParam(raw), body: structuredClone(ctx.body), at: ctx.state.clock.now() });
  const pkg = requireTrustAccess(ctx, raw);
  if (!Array.isArray(ctx.body) || ctx.body.length === 0) return error(400, 'Expected an array of trusted publisher configurations');
  // npm sends exactly one; more than one cannot be stored under "one per package" [INF].
  if (pkg.trust.length > 0 || ctx.body.length > 1) return error(409, TRUST_EXISTS);
  const config = asObject(ctx.body[0]);
  const invalid = invalidConfig(config);
  if (invalid) return error(400, invalid);
  const stored: TrustConfig = {
    id: randomUUID(),
    type: config.type as TrustConfig['type'],
    claims: structuredClone(asObject(config.claims)),
    permissions: [...(config.permissions as TrustConfig['permissions'])],
  };
  pkg.trust.push(stored);
  // npm prints whatever comes back (an object or an array); the answer's exact shape is not documented [INF].
  return json(201, [stored]);
};

export const deleteTrust: Handler = (ctx, [raw, rawId]) => {
  const pkg = requireTrustAccess(ctx, raw);
  const id = decodeURIComponent(rawId);
  if (!pkg.trust.some((t) => t.id === id)) return notFound();
  pkg.trust = pkg.trust.filter((t) => t.id !== id);
  return new Reply(204, undefined);
};

// ---------------------------------------------------------------- body validation (doc §8.1)

const PERMISSIONS = ['createPackage', 'createStagedPackage'];
const isString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isWorkflowFile = (v: unknown): boolean => isString(v) && /\.ya?ml$/.test(v) && !v.includes('/');
const CIRCLECI = 'oidc.circleci.com/';

/** Claims per provider, as npm's CLI builds them. Unknown claim keys are refused so a client's typo shows [INF]. */
const CLAIMS: Record<string, { required: Record<string, (v: unknown) => boolean>; optional: Record<string, (v: unknown) => boolean> }> = {
  github: {
    required: {
      repository: (v) => isString(v) && /^[^/\s]+\/[^/\s]+$/.test(v),
      workflow_ref: (v) => isWorkflowFile(asObject(v).file) && Object.keys(asObject(v)).length === 1,
    },
    optional: { environment: isString },
  },
  gitlab: {
    required: {
      project_path: (v) => isString(v) && v.split('/').length >= 2,
      ci_config_ref_uri: (v) => isWorkflowFile(asObject(v).file) && Object.keys(asObject(v)).length === 1,
    },
    optional: { environment: isString },
  },
  circleci: {
    required: {
      [`${CIRCLECI}org-id`]: isString,
      [`${CIRCLECI}project-id`]: isString,
      [`${CIRCLECI}pipeline-definition-id`]: isString,
      [`${CIRCLECI}vcs-origin`]: isString,
    },
    optional: { [`${CIRCLECI}context-ids`]: (v) => Array.isArray(v) && v.every(isString) },
  },
};

/** Why a config cannot be stored, or undefined when it is well formed. */
function invalidConfig(config: Json): string | undefined {
  const rules = typeof config.type === 'string' ? CLAIMS[config.type] : undefined;
  if (!rules) return `Unsupported trusted publisher type: ${String(config.type)}`;
  const claims = asObject(config.claims);
  for (const [key, ok] of Object.entries(rules.required)) if (!ok(claims[key])) return `Invalid or missing claim: ${key}`;
  for (const key of Object.keys(claims)) {
    if (!(key in rules.required) && !(key in rules.optional)) return `Unknown claim: ${key}`;
    if (key in rules.optional && !rules.optional[key](claims[key])) return `Invalid claim: ${key}`;
  }
  const permissions = config.permissions;
  if (!Array.isArray(permissions) || permissions.length === 0) return 'At least one permission is required (createPackage, createStagedPackage)';
  if (permissions.some((p) => !PERMISSIONS.includes(p as string)) || new Set(permissions).size !== permissions.length) {
    return `Invalid permissions: ${JSON.stringify(permissions)}`;
  }
  return undefined;
}
