// The status pipeline, bundled apart as dist/pipeline.js (esbuild.mjs) and required on the first
// refresh: it brings npm's config loader and its HTTP credential rules, which activation does not need.
// The details report and its page ride along: there is a status to report only once the pipeline has run.
export { computeStatus } from '../core/status/computeStatus';
export { resolvePublishConfig } from '../core/status/npmConfig';
export { AccountFactsCache } from '../core/status/registryFacts';
export { PackageFactsCache } from '../core/status/packageFactsCache';
export { renderDetailsReport } from '../core/present/detailsReport';
export { showDetailsPage, updateDetailsPage } from '../ui/detailsPage';
// The CI token reminders, run after each status: the stored list is read with the status, and its due reminders shown.
export { readCiTokens } from '../core/present/ciTokenReminders';
export { remindCiTokens } from '../ui/ciTokenReminders';
