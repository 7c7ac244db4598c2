// Real packuments for the bench, offline after the first run: fetched once from the npm registry
// this machine reaches into a per-user cache folder (never into the repository), then served gzip
// from loopback with an ETag, Last-Modified and 304s, as registry.npmjs.org serves them. When the
// fetch fails, a generated packument of about the same size stands in, and the table says so.
// The server also offers the smaller documents (dist-tags, one version, the abbreviated packument),
// derived from the same packument, so the bench can show what each would cost.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

/** The three packages of issue #18 and the size their packument had then (the stand-in's size). */
export const BENCH_PACKAGES: { name: string; approxBytes: number }[] = [
  { name: 'lodash', approxBytes: 0.13e6 },
  { name: 'typescript', approxBytes: 10.5e6 },
  { name: 'next', approxBytes: 21e6 },
];

export interface BenchPackument {
  name: string;
  /** Uncompressed JSON size. */
  bytes: number;
  gzipBytes: number;
  latest: string;
  versions: number;
  source: 'registry' | 'generated';
}

interface Served {
  info: BenchPackument;
  documents: Map<string, { gzip: Buffer; etag: string; lastModified: string }>;
}

export function packumentCacheFolder(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'npm-publish-auth', 'packuments');
}

/** The packument of `name` as gzip bytes: from the cache folder, else fetched once, else generated. */
async function packumentBytes(name: string, approxBytes: number): Promise<{ gzip: Buffer; source: BenchPackument['source'] }> {
  const folder = packumentCacheFolder();
  const file = path.join(folder, `${name}.json.gz`);
  if (fs.existsSync(file)) return { gzip: fs.readFileSync(file), source: 'registry' };
  try {
    process.stderr.write(`  fetching the ${name} packument once into ${folder} `);
    const response = await fetch(`https://registry.npmjs.org/${name}`, { headers: { accept: 'application/json', 'accept-encoding': 'gzip' }, signal: AbortSignal.timeout(180_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const text = await response.text();
    JSON.parse(text);
    const gzip = gzipSync(text);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(`${file}.part`, gzip);
    fs.renameSync(`${file}.part`, file);
    process.stderr.write(`${(text.length / 1e6).toFixed(1)} MB\n`);
    return { gzip, source: 'registry' };
  } catch (error) {
    process.stderr.write(`failed (${(error as Error).message}): a generated one stands in\n`);
    return { gzip: gzipSync(generatedPackument(name, approxBytes)), source: 'generated' };
  }
}

/** A packument shaped like a busy package's: many versions with dependencies, times, maintainers. */
function generatedPackument(name: string, approxBytes: number): string {
  const versions: Record<string, unknown> = {};
  const time: Record<string, string> = { created: '2016-10-05T00:00:00.000Z' };
  let size = 0;
  let latest = '0.0.0';
  for (let i = 0; size < approxBytes; i++) {
    latest = `${Math.floor(i / 400)}.${Math.floor(i / 20) % 20}.${i % 20}`;
    const manifest = {
      name, version: latest, description: 'A generated stand-in for a large packument', license: 'MIT', main: 'index.js',
      dependencies: Object.fromEntries(Array.from({ length: 25 }, (_, d) => [`dependency-${d}`, `^${d}.${i % 7}.0`])),
      _id: `${name}@${latest}`, _npmUser: { name: 'maintainer', email: 'maintainer@example.com' },
      dist: { tarball: `https://registry.npmjs.org/${name}/-/${name}-${latest}.tgz`, shasum: createHash('sha1').update(latest).digest('hex'), integrity: `sha512-${createHash('sha512').update(latest).digest('base64')}` },
    };
    versions[latest] = manifest;
    time[latest] = new Date(Date.parse('2016-10-05T00:00:00Z') + i * 3_600_000).toISOString();
    size += JSON.stringify(manifest).length + 40;
  }
  time.modified = time[latest]!;
  return JSON.stringify({ _id: name, name, 'dist-tags': { latest }, versions, time, maintainers: [{ name: 'maintainer', email: 'maintainer@example.com' }] });
}

/** npm's abbreviated ("corgi") manifest fields: what `Accept: application/vnd.npm.install-v1+json` gets. */
const CORGI_FIELDS = ['name', 'version', 'dependencies', 'optionalDependencies', 'devDependencies', 'bundleDependencies', 'peerDependencies',
  'peerDependenciesMeta', 'bin', 'directories', 'dist', 'engines', '_hasShrinkwrap', 'hasInstallScript', 'cpu', 'os', 'deprecated', 'funding', 'libc'];

function document(json: string, modified: string | undefined) {
  const gzip = gzipSync(json);
  const lastModified = new Date(Date.parse(modified ?? '') || 0).toUTCString();
  return { gzip, etag: `"${createHash('sha1').update(gzip).digest('hex')}"`, lastModified };
}

export interface PackumentServer {
  url: string;
  packuments: BenchPackument[];
  /** Bytes written to the client (headers and body) since the last reset. */
  bytesSent: number;
  requests: string[];
  reset(): void;
  close(): Promise<void>;
}

export async function servePackuments(): Promise<PackumentServer> {
  const served = new Map<string, Served>();
  for (const { name, approxBytes } of BENCH_PACKAGES) {
    const { gzip, source } = await packumentBytes(name, approxBytes);
    const text = gunzipSync(gzip).toString('utf8');
    const doc = JSON.parse(text) as { 'dist-tags': Record<string, string>; versions: Record<string, Record<string, unknown>>; time?: Record<string, string> };
    const latest = doc['dist-tags'].latest!;
    const modified = doc.time?.modified;
    const corgi = {
      name, modified, 'dist-tags': doc['dist-tags'],
      versions: Object.fromEntries(Object.entries(doc.versions).map(([v, m]) => [v, Object.fromEntries(CORGI_FIELDS.filter((f) => f in m).map((f) => [f, m[f]]))])),
    };
    const documents = new Map([
      [`/${name}`, { gzip, etag: `"${createHash('sha1').update(gzip).digest('hex')}"`, lastModified: new Date(Date.parse(modified ?? '') || 0).toUTCString() }],
      [`/${name}?corgi`, document(JSON.stringify(corgi), modified)],
      [`/${name}/${latest}`, document(JSON.stringify(doc.versions[latest]), modified)],
      // A dist-tag in the version's place, as the registry resolves it.
      [`/${name}/latest`, document(JSON.stringify(doc.versions[latest]), modified)],
      [`/-/package/${name}/dist-tags`, document(JSON.stringify(doc['dist-tags']), modified)],
    ]);
    const info = { name, bytes: Buffer.byteLength(text), gzipBytes: gzip.length, latest, versions: Object.keys(doc.versions).length, source };
    served.set(name, { info, documents });
  }
  const all = new Map([...served.values()].flatMap((s) => [...s.documents]));
  const state = { bytesSent: 0, requests: [] as string[] };
  const server: Server = createServer((req, res) => {
    const before = req.socket.bytesWritten;
    res.on('finish', () => (state.bytesSent += req.socket.bytesWritten - before));
    const abbreviated = /application\/vnd\.npm\.install-v1\+json/.test(req.headers.accept ?? '');
    const found = all.get(`${req.url ?? ''}${abbreviated ? '?corgi' : ''}`);
    state.requests.push(`${req.method} ${req.url}${abbreviated ? ' (abbreviated)' : ''}`);
    if (!found) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
      return;
    }
    const headers = { etag: found.etag, 'last-modified': found.lastModified, 'cache-control': 'public, max-age=300', vary: 'accept-encoding, accept' };
    if (req.headers['if-none-match'] === found.etag) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(found.gzip.length) }).end(found.gzip);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    packuments: [...served.values()].map((s) => s.info),
    get bytesSent() { return state.bytesSent; },
    get requests() { return state.requests; },
    reset() { state.bytesSent = 0; state.requests = []; },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
