// "The repository's host": a server on a second loopback address (Linux routes all of 127.0.0.0/8
// to lo) that gives one answer to everything (404 unless told) and records each request as it arrived — path,
// query and every header — so that a test can prove no credential and no environment value got there.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

export interface RecordingHost {
  /** `http(s)://127.0.0.2:PORT/` */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** With `tls`: the self-signed certificate (PEM), for a test that trusts it through a `cafile`. */
  readonly certificate?: string;
  /** Everything that arrived, as one string: to search for planted values. */
  seen(): string;
  close(): Promise<void>;
}

/** With `tls`, a self-signed certificate nobody trusts (made with openssl for this run). */
export async function startRecordingHost(
  options: { host?: string; tls?: boolean; answer?: { status: number; body: unknown } } = {},
): Promise<RecordingHost> {
  const host = options.host ?? '127.0.0.2';
  const requests: RecordedRequest[] = [];
  const handler: http.RequestListener = (req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '', headers: req.headers });
    req.resume();
    const answer = options.answer ?? { status: 404, body: { error: 'Not found' } };
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
  };
  let server: http.Server;
  let certificate: string | undefined;
  if (options.tls) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'npa-selfsigned-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${host}`, '-addext', `subjectAltName=IP:${host}`,
        '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
      certificate = readFileSync(path.join(dir, 'cert.pem'), 'utf8');
      server = https.createServer({ key: readFileSync(path.join(dir, 'key.pem')), cert: certificate }, handler);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    server = http.createServer(handler);
  }
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, host, () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://${host}:${port}/`,
    requests,
    certificate,
    seen: () => JSON.stringify(requests),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}
