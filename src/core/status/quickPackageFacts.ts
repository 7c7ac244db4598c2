// The first status of a package nobody has read yet, from the registry's small documents instead of
// its packument (21 MB for next, 130–200 ms of JSON.parse alone): `/-/package/<pkg>/dist-tags`,
// `/<pkg>/latest` and `/<pkg>/<version>`, a few hundred bytes each, in parallel. They hold what the
// verdict needs — whether this version is out, the latest, its maintainers and publisher — but not
// the publication times nor every version, so the facts are `partial` and the packument is read
// behind them (registryFacts.ts), the status then shown again.
// Only answers that prove their route works are used: a latest manifest that is the dist-tag's
// version makes a 404 for this version mean "not published". Anything else — a 404 on dist-tags (a
// new package, or a registry without the route), a shape not understood, a failure — falls back to
// the packument, which decides as before: never a guess from a missing route.
import type { PackageFacts } from '../base/model';
import { readDistTags, readVersionManifest } from './registryAnswers';
import { getJson, type Answer, type RegistryClient } from './registryHttp';

type PublishedFacts = Extract<PackageFacts, { state: 'published' }>;
type VersionManifest = { version: string; maintainers: string[]; trustedPublisher?: string };

/** The facts the three answers prove, or undefined when the packument must decide. */
export function quickFactsFrom(
  distTags: Answer<Record<string, string>>,
  latest: Answer<VersionManifest>,
  wanted: Answer<VersionManifest>,
  version: string,
): PublishedFacts | undefined {
  if (!distTags.ok || !latest.ok) return undefined;
  const latestVersion = distTags.value.latest;
  if (!latestVersion || latest.value.version !== latestVersion) return undefined;
  const published = wanted.ok && wanted.value.version === version;
  if (!published && !(!wanted.ok && wanted.problem.status === 404)) return undefined;
  const { maintainers, trustedPublisher } = latest.value;
  return {
    state: 'published',
    versions: published && version !== latestVersion ? [latestVersion, version] : [latestVersion],
    latest: latestVersion,
    maintainers,
    ...(trustedPublisher && { trustedPublisher: { version: latestVersion, provider: trustedPublisher } }),
    partial: true,
  };
}

export async function fetchQuickFacts(client: RegistryClient, escapedName: string, version: string): Promise<PublishedFacts | undefined> {
  const [distTags, latest, wanted] = await Promise.all([
    getJson(client, `/-/package/${escapedName}/dist-tags`, 'view', readDistTags),
    getJson(client, `/${escapedName}/latest`, 'view', readVersionManifest),
    getJson(client, `/${escapedName}/${encodeURIComponent(version)}`, 'view', readVersionManifest),
  ]);
  return quickFactsFrom(distTags, latest, wanted, version);
}
