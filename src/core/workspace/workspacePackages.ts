// Every package.json of the workspace as the packages view and a release see it: the manifest as
// parsed, the workspace packages it needs, and the last status computed for it. Incremental by
// design: a changed manifest is read and parsed alone, and its status is dropped only when a fact the
// status depends on changed; the other packages keep theirs. Editor-free: the caller reads the files.
import type { PackageInfo, PublishAuthStatus } from '../base/model';
import { isPublishable, parsePackageManifest } from '../status/packageManifest';
import { runtimeDependencyNames } from './releaseOrder';

export interface WorkspacePackage {
  readonly manifest: string;
  info: PackageInfo;
  /** Dependency names from the run-time fields (any names: releaseOrder.ts keeps the workspace's). */
  needs: string[];
  /** The last status computed for this manifest as it is now; undefined until one is. */
  status?: PublishAuthStatus;
  /** Why the last status computation failed (not the registry's answer: that is in the status). */
  failure?: string;
  /** What a release is doing with it now ("publishing…"), shown in its row. */
  activity?: string;
  /** Counts every change of this entry, so a view can tell a row it already drew from a new one. */
  revision: number;
}

export interface ManifestReader {
  /** The manifest's text; undefined when it cannot be read (gone, a special file, too big). */
  read(manifest: string): Promise<string | undefined>;
}

/** A publishable package still without a status or a failure: the next to ask the registry about. */
export function needsStatus(pkg: WorkspacePackage): boolean {
  return isPublishable(pkg.info) && !pkg.status && pkg.failure === undefined;
}

export class WorkspacePackages {
  private readonly byManifest = new Map<string, WorkspacePackage>();
  private sorted: WorkspacePackage[] | undefined;

  constructor(private readonly reader: ManifestReader) {}

  /**
   * Makes the list the given manifests: new ones are read (all at once), gone ones dropped; with
   * `rereadAll` (a Refresh: a file watcher may have missed a change) the others are read again too.
   */
  async sync(manifests: readonly string[], rereadAll = false): Promise<void> {
    const wanted = new Set(manifests);
    for (const manifest of this.byManifest.keys()) if (!wanted.has(manifest)) this.byManifest.delete(manifest);
    if (rereadAll) await Promise.all([...this.byManifest.keys()].map((m) => this.reread(m)));
    const added = manifests.filter((m) => !this.byManifest.has(m));
    const read = await Promise.all(added.map((m) => this.parse(m)));
    for (const [i, manifest] of added.entries()) {
      if (wanted.has(manifest)) this.byManifest.set(manifest, { manifest, ...read[i], revision: 0 });
    }
    this.sorted = undefined;
  }

  /**
   * Reads one manifest again. Its status stays when what the status is about (name, version, private,
   * publishConfig) did not change; otherwise it is dropped, to be computed again. Undefined for a
   * manifest not in the list.
   */
  async reread(manifest: string): Promise<{ entry: WorkspacePackage; statusDropped: boolean } | undefined> {
    if (!this.byManifest.has(manifest)) return undefined;
    const { info, needs } = await this.parse(manifest, this.byManifest.get(manifest)?.info);
    const entry = this.byManifest.get(manifest);
    if (!entry) return undefined; // removed while it was read
    const statusDropped = !sameStatusFacts(entry.info, info);
    if (entry.info.name !== info.name) this.sorted = undefined;
    entry.info = info;
    entry.needs = needs;
    if (statusDropped) {
      entry.status = undefined;
      entry.failure = undefined;
    }
    entry.revision++;
    return { entry, statusDropped };
  }

  /** Records a status computed for the manifest (ignored when the manifest changed since: its facts differ). */
  setStatus(manifest: string, result: { status: PublishAuthStatus } | { failure: string }): WorkspacePackage | undefined {
    const entry = this.byManifest.get(manifest);
    if (!entry) return undefined;
    if ('status' in result) {
      if (!sameStatusFacts(entry.info, result.status.package)) return undefined;
      entry.status = result.status;
      entry.failure = undefined;
    } else {
      entry.failure = result.failure;
    }
    entry.revision++;
    return entry;
  }

  /** Forgets the statuses of these manifests (after a publish), or of all (the credential changed): each is computed again. */
  dropStatuses(manifests?: readonly string[]): WorkspacePackage[] {
    const entries = manifests ? manifests.flatMap((m) => this.byManifest.get(m) ?? []) : [...this.byManifest.values()];
    for (const entry of entries) {
      entry.status = undefined;
      entry.failure = undefined;
      entry.revision++;
    }
    return entries;
  }

  get(manifest: string): WorkspacePackage | undefined {
    return this.byManifest.get(manifest);
  }

  get size(): number {
    return this.byManifest.size;
  }

  /** By name (nameless ones last, by path): a row keeps its place while the statuses arrive. */
  list(): readonly WorkspacePackage[] {
    return (this.sorted ??= [...this.byManifest.values()].sort(byName));
  }

  /** The publishable packages still without a status or a failure, in list order. */
  unchecked(): WorkspacePackage[] {
    return this.list().filter(needsStatus);
  }

  private async parse(manifest: string, previous?: PackageInfo): Promise<{ info: PackageInfo; needs: string[] }> {
    const text = await this.reader.read(manifest).catch(() => undefined);
    if (text === undefined) {
      return { info: { ...parsePackageManifest('', manifest), parseError: 'package.json cannot be read.' }, needs: [] };
    }
    const info = parsePackageManifest(text, manifest, previous);
    return { info, needs: info.parseError ? [] : needsOf(text) };
  }
}

function needsOf(text: string): string[] {
  try {
    const json: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return json && typeof json === 'object' && !Array.isArray(json) ? runtimeDependencyNames(json as Record<string, unknown>) : [];
  } catch {
    return [];
  }
}

function sameStatusFacts(a: PackageInfo, b: PackageInfo): boolean {
  return a.name === b.name && a.version === b.version && a.private === b.private && Boolean(a.parseError) === Boolean(b.parseError)
    && JSON.stringify(a.publishConfig) === JSON.stringify(b.publishConfig);
}

function byName(a: WorkspacePackage, b: WorkspacePackage): number {
  const an = a.info.name;
  const bn = b.info.name;
  if (an && bn && an !== bn) return an < bn ? -1 : 1;
  if (an && !bn) return -1;
  if (!an && bn) return 1;
  return a.manifest < b.manifest ? -1 : a.manifest > b.manifest ? 1 : 0;
}
