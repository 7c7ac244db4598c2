// The package's facts from its packument (`GET /<pkg>`), revalidated instead of downloaded again.
// A packument is tens of MB for busy packages (next: 21 MB) and every refresh asked for all of it.
// Now the refresh sends the ETag / Last-Modified of the answer it holds; a 304 means the facts held
// are current — as fresh as a 200, as npm's own cache treats it. Only the reduced facts are held
// (a few KB of version names and dates), never the body.
//
// Why the full packument and not the smaller documents (measured by `npm run bench`, see its
// packument table): `/-/package/<pkg>/dist-tags` and `/<pkg>/<version>` answer in a few hundred bytes,
// but npm keeps publication times only in the full packument (npm/cli#8157: not in `/<pkg>/<version>`)
// and the abbreviated packument (`application/vnd.npm.install-v1+json`) has neither `time` nor
// `maintainers` — while the status shows "Published 3 days ago", infers npm's post-2025-12-09 default
// from `time.created`, offers Bump Version from the full version list and reads write access from
// the current maintainers. So a cold status reads the full packument once; a warm refresh costs a 304.
//
// A held answer never crosses registries or credentials (a private package, or another account's
// view): the key is registry + the one-way credential fingerprint + package, never the secret. A
// failed revalidation does not answer from here: the refresh fails and the stale rules apply
// (computeStatus keeps the last good status, marked stale), exactly as a failed full GET.
import type { PackageFacts } from '../base/model';
import { readPackument, type Packument } from './registryAnswers';
import { getJsonIfChanged, type Answer, type RegistryClient, type Validators } from './registryHttp';

type PublishedFacts = Extract<PackageFacts, { state: 'published' }>;

/** Enough for every package of a large workspace; the oldest answer goes first beyond it. */
const MAX_HELD_PACKAGES = 500;

export class PackageFactsCache {
  private readonly entries = new Map<string, { facts: PublishedFacts; validators: Validators }>();
  private readonly handedOver = new Map<string, PackageFacts>();

  constructor(private readonly maxEntries = MAX_HELD_PACKAGES) {}

  held(key: string): { facts: PublishedFacts; validators: Validators } | undefined {
    return this.entries.get(key);
  }

  hold(key: string, facts: PublishedFacts, validators: Validators): void {
    this.entries.delete(key);
    // An answer without a validator cannot be revalidated: holding it would only cost memory.
    if (!validators.etag && !validators.lastModified) return;
    this.entries.set(key, { facts, validators });
    // Maps iterate in insertion order, and a held answer is inserted again on use: the first is the oldest.
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
  }

  forget(key: string): void {
    this.entries.delete(key);
  }

  /**
   * The packument read behind a quick first status (quickPackageFacts.ts), for the very next refresh
   * of the package, which shows it without asking again: it is the answer of a GET that just ended.
   */
  handOver(key: string, facts: PackageFacts): void {
    this.handedOver.set(key, facts);
  }

  /** The handed-over facts, once. */
  takeHandedOver(key: string): PackageFacts | undefined {
    const facts = this.handedOver.get(key);
    this.handedOver.delete(key);
    return facts;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Registry + credential fingerprint + package: the credential's secret never is part of it. */
export function packageFactsKey(registryUrl: string, credentialKey: string, packageName: string): string {
  return JSON.stringify([registryUrl, credentialKey, packageName]);
}

/** The package's facts, from the packument or — when the registry says it is unchanged — from `cache`. */
export async function fetchPackageFacts(
  client: RegistryClient,
  escapedName: string,
  shared?: { cache: PackageFactsCache; key: string },
): Promise<PackageFacts> {
  const held = shared?.cache.held(shared.key);
  const answer = await getJsonIfChanged(client, `/${escapedName}`, 'view', readPackument, held?.validators ?? {});
  if (!answer.ok) {
    // Gone (404) or refused: what was held no longer stands. A failure says nothing: the validators stay.
    if (answer.problem.status !== undefined && answer.problem.status < 500 && answer.problem.status !== 429) shared?.cache.forget(shared.key);
    return packageFactsFrom(answer);
  }
  if (answer.notModified) {
    if (held && shared) {
      shared.cache.hold(shared.key, held.facts, { ...held.validators, ...answer.validators });
      return held.facts;
    }
    // Unreachable by construction (validators are sent only when held): treated as an answer not understood.
    return { state: 'unavailable', error: { kind: 'unexpected-answer', status: 304, message: 'The registry answered 304 Not Modified to a request that held nothing.' } };
  }
  const facts = packageFactsFrom({ ok: true, value: answer.value });
  if (shared) {
    if (facts.state === 'published') shared.cache.hold(shared.key, facts, answer.validators);
    else shared.cache.forget(shared.key);
  }
  return facts;
}

/** The packument reduced to what the status keeps; a 404 is a package not published (yet, or any more). */
export function packageFactsFrom(answer: Answer<Packument>): PackageFacts {
  if (!answer.ok) {
    return answer.problem.status === 404 ? { state: 'unpublished' } : { state: 'unavailable', error: answer.problem };
  }
  const doc = answer.value;
  const versions = Object.keys(doc.versions);
  // The newest trusted publish: one pass, not a sort of every version by its date.
  let trusted: string | undefined;
  let trustedAt = -Infinity;
  for (const version of versions) {
    if (!doc.versions[version].trustedPublisher) continue;
    const at = Date.parse(doc.time[version] ?? '');
    if (trusted === undefined || at > trustedAt) [trusted, trustedAt] = [version, Number.isNaN(at) ? -Infinity : at];
  }
  return {
    state: 'published',
    versions,
    latest: doc.latest,
    maintainers: doc.maintainers,
    firstPublished: doc.time.created,
    latestPublishedAt: doc.latest ? doc.time[doc.latest] : undefined,
    trustedPublisher: trusted ? { version: trusted, provider: doc.versions[trusted].trustedPublisher ?? 'unknown' } : undefined,
  };
}
