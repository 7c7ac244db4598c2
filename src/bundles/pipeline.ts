// The status pipeline, bundled apart as dist/pipeline.js (esbuild.mjs) and required on the first
// refresh: it brings npm's config loader and its HTTP credential rules, which activation does not need.
export { computeStatus } from '../core/status/computeStatus';
export { resolvePublishConfig } from '../core/status/npmConfig';
export { AccountFactsCache } from '../core/status/registryFacts';
