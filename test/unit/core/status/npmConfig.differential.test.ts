// Differential test: for each fixture folder, the real npm CLI publishes to a local capture server,
// and what it did (the registry it names, the Authorization header it sends) must equal what
// resolvePublishConfig predicts. The fixtures are generated from the table below in a temp dir.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ConfigLayer, ConfiguredCredential, RegistryTarget } from '../../../../src/core/base/model';
import { resolvePublishConfig, type ResolvedPublishConfig } from '../../../../src/core/status/npmConfig';

interface Fixture {
  id: string;
  /** Package name; `~` is replaced by a unique unscoped name (so scoped names read `@acme/~`). */
  name: string;
  publishConfig?: Record<string, string>;
  /** Files relative to the fixture root; the package lives in `project/` unless `packageDir` says otherwise. */
  files?: Record<string, string>;
  packageDir?: string;
  env?: Record<string, string>;
  /** Hand-written expectations on our side, checked in addition to agreeing with npm. */
  expect?: { rule?: RegistryTarget['rule']; layer?: ConfigLayer; type?: ConfiguredCredential['type']; problem?: RegExp; error?: RegExp };
}

// `{R}`/`{H}` are the capture server's URL and host, `{R2}`/`{H2}` a second one on another address.
const fixtures: Fixture[] = [
  { id: 'project-registry-and-token', name: '~', files: { 'project/.npmrc': 'registry={R}/\n//{H}/:_authToken=tok-project\n' }, expect: { rule: 'registry', layer: 'project', type: 'token' } },
  { id: 'user-registry-and-token', name: '~', files: { 'user.npmrc': 'registry={R}/\n//{H}/:_authToken=tok-user\n' }, expect: { rule: 'registry', layer: 'user' } },
  { id: 'global-registry-and-token', name: '~', files: { 'global.npmrc': 'registry={R}/\n//{H}/:_authToken=tok-global\n' }, expect: { layer: 'global' } },
  {
    id: 'project-beats-user',
    name: '~',
    files: { 'user.npmrc': 'registry={R2}/\n//{H}/:_authToken=tok-user-for-R\n//{H2}/:_authToken=tok-user-for-R2\n', 'project/.npmrc': 'registry={R}/\n' },
    expect: { layer: 'user' },
  },
  {
    id: 'env-registry-beats-project',
    name: '~',
    files: { 'user.npmrc': '//{H}/:_authToken=tok-R\n//{H2}/:_authToken=tok-R2\n', 'project/.npmrc': 'registry={R}/\n' },
    env: { npm_config_registry: '{R2}/' },
    expect: { rule: 'registry' },
  },
  {
    id: 'uppercase-env-registry',
    name: '~',
    files: { 'user.npmrc': '//{H2}/:_authToken=tok-R2\n' },
    env: { NPM_CONFIG_REGISTRY: '{R2}/' },
  },
  {
    id: 'env-nerf-dart-token',
    name: '~',
    files: { 'project/.npmrc': 'registry={R}/\n' },
    env: { 'npm_config_//{H}/:_authToken': 'tok-env' },
    expect: { layer: 'env', type: 'token' },
  },
  {
    id: 'env-token-beats-user-token',
    name: '~',
    files: { 'user.npmrc': 'registry={R}/\n//{H}/:_authToken=tok-user\n' },
    env: { 'npm_config_//{H}/:_authToken': 'tok-env' },
    expect: { layer: 'env' },
  },
  {
    id: 'scoped-uses-scope-registry',
    name: '@acme/~',
    files: { 'user.npmrc': 'registry={R}/\n@acme:registry={R2}/\n//{H}/:_authToken=tok-R\n//{H2}/:_authToken=tok-R2\n' },
    expect: { rule: 'scope-registry', layer: 'user' },
  },
  {
    id: 'scoped-without-scope-registry',
    name: '@other/~',
    files: { 'user.npmrc': 'registry={R}/\n@acme:registry={R2}/\n//{H}/:_authToken=tok-R\n//{H2}/:_authToken=tok-R2\n' },
    expect: { rule: 'registry' },
  },
  {
    id: 'unscoped-ignores-scope-registry',
    name: '~',
    files: { 'project/.npmrc': 'registry={R}/\n@acme:registry={R2}/\n//{H}/:_authToken=tok-R\n//{H2}/:_authToken=tok-R2\n' },
  },
  {
    id: 'env-scope-registry',
    name: '@acme/~',
    files: { 'user.npmrc': 'registry={R}/\n//{H}/:_authToken=tok-R\n//{H2}/:_authToken=tok-R2\n' },
    env: { 'npm_config_@acme:registry': '{R2}/' },
    expect: { rule: 'scope-registry' },
  },
  {
    id: 'scope-config-picks-registry-for-unscoped',
    name: '~',
    files: { 'project/.npmrc': 'scope=acme\nregistry={R}/\n@acme:registry={R2}/\n//{H}/:_authToken=tok-R\n//{H2}/:_authToken=tok-R2\n' },
    expect: { rule: 'scope-registry' },
  },
  {
    id: 'publishConfig-registry',
    name: '~',
    publishConfig: { registry: '{R2}/' },
    files: { 'project/.npmrc': 'registry={R}/\n//{H}/:_authToken=tok-R\n//{H2}/:_authToken=tok-R2\n' },
    expect: { rule: 'publishConfig' },
  },
  {
    id: 'scope-registry-beats-publishConfig-registry',
    name: '@acme/~',
    publishConfig: { registry: '{R}/' },
    files: { 'user.npmrc': '@acme:registry={R2}/\n//{H}/:_authToken=tok-R\n//{H2}/:_authToken=tok-R2\n' },
    expect: { rule: 'scope-registry' },
  },
  {
    id: 'publishConfig-scope-registry',
    name: '@acme/~',
    publishConfig: { '@acme:registry': '{R2}/' },
    files: { 'user.npmrc': '@acme:registry={R}/\n//{H}/:_authToken=tok-R\n//{H2}/:_authToken=tok-R2\n' },
    expect: { rule: 'publishConfig' },
  },
  {
    id: 'publishConfig-carries-token',
    name: '~',
    publishConfig: { registry: '{R}/', '//{H}/:_authToken': 'tok-publishConfig' },
    files: { 'user.npmrc': '//{H}/:_authToken=tok-user\n' },
  },
  {
    id: 'path-registry-longest-token-wins',
    name: '~',
    files: { 'user.npmrc': 'registry={R}/some/path/\n//{H}/:_authToken=tok-host\n//{H}/some/path/:_authToken=tok-path\n//{H}/some/:_authToken=tok-some\n' },
    expect: { type: 'token' },
  },
  {
    id: 'path-registry-other-path-ignored',
    name: '~',
    files: { 'user.npmrc': 'registry={R}/some/path/\n//{H}/:_authToken=tok-host\n//{H}/other/path/:_authToken=tok-other\n' },
  },
  {
    id: 'registry-without-trailing-slash',
    name: '@acme/~',
    files: { 'user.npmrc': '@acme:registry={R}/some/path\n//{H}/some/:_authToken=tok-some\n//{H}/some/path/:_authToken=tok-path\n' },
  },
  {
    id: 'token-key-without-trailing-slash',
    name: '~',
    files: { 'user.npmrc': 'registry={R}/some/path/\n//{H}/:_authToken=tok-host\n//{H}/some/path:_authToken=tok-noslash\n' },
  },
  {
    id: 'longer-auth-beats-shorter-token',
    name: '~',
    files: { 'user.npmrc': `registry={R}/some/path/\n//{H}/:_authToken=tok-host\n//{H}/some/path/:_auth=${b64('alice:secret-auth')}\n` },
    expect: { type: 'basic' },
  },
  {
    id: 'token-beats-auth-on-same-key',
    name: '~',
    files: { 'user.npmrc': `registry={R}/\n//{H}/:_auth=${b64('alice:pw')}\n//{H}/:_authToken=tok-same\n` },
    expect: { type: 'token' },
  },
  { id: 'auth-basic', name: '~', files: { 'project/.npmrc': `registry={R}/\n//{H}/:_auth=${b64('bob:pa:ss')}\n` }, expect: { type: 'basic' } },
  {
    id: 'username-and-password',
    name: '@acme/~',
    files: { 'user.npmrc': `@acme:registry={R2}/\n//{H2}/:username=carol\n//{H2}/:_password=${b64('hunter2')}\n` },
    expect: { type: 'basic' },
  },
  {
    id: 'crlf-comments-quotes-broken-lines',
    name: '~',
    files: {
      'project/.npmrc':
        '; a comment\r\n# another comment\r\n\r\nthis line is broken\r\n=no-key\r\nregistry="{R}/"\r\n  //{H}/:_authToken = "tok-crlf"  \r\n\r\n[a-section]\r\nregistry=http://ignored.invalid/\r\n',
    },
    expect: { type: 'token' },
  },
  {
    id: 'set-variable-in-value',
    name: '~',
    files: { 'user.npmrc': 'registry={R}/\n//{H}/:_authToken=${MY_TOKEN}\n' },
    env: { MY_TOKEN: 'tok-from-env-var' },
    expect: { type: 'token' },
  },
  {
    id: 'unset-variable-in-value',
    name: '~',
    files: { 'user.npmrc': 'registry={R}/\n//{H}/:_authToken=${NPM_TOKEN}\n' },
    expect: { type: 'unset-variable', problem: /\$\{NPM_TOKEN\}/ },
  },
  {
    id: 'optional-unset-variable-is-empty',
    name: '~',
    files: { 'user.npmrc': 'registry={R}/\n//{H}/:_authToken=${NPM_TOKEN?}\n' },
    expect: { type: 'none' },
  },
  {
    id: 'set-variable-in-key',
    name: '~',
    files: { 'user.npmrc': 'registry={R}/\n//${REG_HOST}/:_authToken=tok-key-var\n' },
    env: { REG_HOST: '{H}' },
    expect: { type: 'token' },
  },
  {
    id: 'unset-variable-in-key',
    name: '~',
    files: { 'user.npmrc': 'registry={R}/\n//${REG_HOST}/:_authToken=tok-key-var\n' },
    expect: { type: 'none', problem: /\$\{REG_HOST\}/ },
  },
  {
    id: 'set-variable-in-registry',
    name: '@acme/~',
    files: { 'project/.npmrc': '@acme:registry=${ACME_REGISTRY}\n//{H2}/:_authToken=tok-R2\n' },
    env: { ACME_REGISTRY: '{R2}/' },
  },
  {
    id: 'unset-variable-in-scope-registry',
    name: '@acme/~',
    files: { 'user.npmrc': '@acme:registry=${ACME_REGISTRY}\n' },
    expect: { error: /`@acme:registry` in user config .* is not a valid URL \(\$\{ACME_REGISTRY\} is not set\)\.$/ },
  },
  {
    // npm flattens its options before validation drops the invalid URL, so it does not fall back to the default.
    id: 'unset-variable-in-registry',
    name: '~',
    files: { 'user.npmrc': 'registry=${REGISTRY_URL}\n' },
    expect: { error: /not a valid URL/ },
  },
  {
    id: 'workspace-uses-root-npmrc',
    name: '~',
    packageDir: 'project/packages/a',
    files: {
      'project/package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'project/.npmrc': 'registry={R}/\n//{H}/:_authToken=tok-root\n',
      'project/packages/a/.npmrc': 'registry={R2}/\n//{H2}/:_authToken=tok-ignored\n',
    },
    expect: { layer: 'project' },
  },
  {
    id: 'nested-package-without-workspaces',
    name: '~',
    packageDir: 'project/packages/a',
    files: {
      'project/package.json': JSON.stringify({ name: 'root', private: true }),
      'project/.npmrc': 'registry={R}/\n//{H}/:_authToken=tok-root\n',
      'project/packages/a/.npmrc': 'registry={R2}/\n//{H2}/:_authToken=tok-nested\n',
    },
  },
  { id: 'default-registry-no-credential', name: '~', expect: { rule: 'default', type: 'none' } },
  { id: 'default-registry-user-token', name: '~', files: { 'user.npmrc': '//registry.npmjs.org/:_authToken=npm_abcdefghijklmnopqrstuvwxyz0123456789\n' }, expect: { rule: 'default', type: 'token' } },
  {
    id: 'top-level-authToken-rejected',
    name: '~',
    files: { 'user.npmrc': 'registry={R}/\n_authToken=tok-top-level\n' },
    expect: { problem: /ERR_INVALID_AUTH/ },
  },
];

interface NpmObservation {
  exitCode: number;
  output: string;
  /** From `npm notice Publishing to <registry> with tag …` or `… requires you to be logged in to <registry>`. */
  publishRegistry?: string;
  /** The PUT the capture servers received for this package. */
  put?: { url: string; authorization?: string };
  configRegistry?: string;
}

interface Outcome {
  fixture: Fixture;
  ours: ResolvedPublishConfig | Error;
  npm: NpmObservation;
}

describe('npmConfig: differential against the real npm CLI', function () {
  this.timeout(120_000);
  const outcomes = new Map<string, Outcome>();
  const puts = new Map<string, { url: string; authorization?: string }>();
  const servers: http.Server[] = [];
  let root = '';

  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'npm-config-diff-'));
    const [p1, p2] = await Promise.all([startCaptureServer('127.0.0.1'), startCaptureServer('127.0.0.2')]);
    const vars: Record<string, string> = { '{R}': `http://127.0.0.1:${p1}`, '{H}': `127.0.0.1:${p1}`, '{R2}': `http://127.0.0.2:${p2}`, '{H2}': `127.0.0.2:${p2}` };
    const fill = (text: string) => text.replace(/\{R2?\}|\{H2?\}/g, (m) => vars[m]);

    await runFourAtATime(fixtures, async (fixture) => {
      const dir = path.join(root, fixture.id);
      const packageDir = path.join(dir, fixture.packageDir ?? 'project');
      const name = fill(fixture.name.replace('~', `npm-config-diff-${fixture.id.toLowerCase()}`));
      await mkdir(path.join(dir, 'home'), { recursive: true });
      await mkdir(packageDir, { recursive: true });
      for (const [file, text] of Object.entries(fixture.files ?? {})) {
        await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
        await writeFile(path.join(dir, file), fill(text));
      }
      const publishConfig = fixture.publishConfig && Object.fromEntries(Object.entries(fixture.publishConfig).map(([k, v]) => [fill(k), fill(v)]));
      await writeFile(path.join(packageDir, 'package.json'), JSON.stringify({ name, version: '1.0.0', publishConfig }));

      const userconfig = path.join(dir, 'user.npmrc');
      const globalconfig = path.join(dir, 'global.npmrc');
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? '',
        HOME: path.join(dir, 'home'),
        npm_config_cache: path.join(root, '.npm-cache'),
        // Guards: every request except to the capture servers goes to a dead proxy, and fails at once.
        'npm_config_https-proxy': 'http://127.0.0.1:9',
        npm_config_noproxy: '127.0.0.1,127.0.0.2',
        'npm_config_fetch-retries': '0',
        'npm_config_update-notifier': 'false',
        ...Object.fromEntries(Object.entries(fixture.env ?? {}).map(([k, v]) => [fill(k), fill(v)])),
      };
      const flags = [`--userconfig=${userconfig}`, `--globalconfig=${globalconfig}`];
      const ours = await resolvePublishConfig({ packageFolder: packageDir, env, userconfig, globalconfig }).catch((error: Error) => error);
      const published = await runNpm(['publish', ...flags], packageDir, env);
      const configGet = await runNpm(['config', 'get', 'registry', ...flags], packageDir, env);
      const notice = /Publishing to (\S+) with tag|requires you to be logged in to (\S+)/.exec(published.output);
      outcomes.set(fixture.id, {
        fixture,
        ours,
        npm: {
          ...published,
          publishRegistry: notice?.[1] ?? notice?.[2],
          put: puts.get(name.replace('/', '%2f')),
          configRegistry: configGet.exitCode === 0 ? configGet.stdout.trim() : undefined,
        },
      });
    });
  });

  after(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    if (root) await rm(root, { recursive: true, force: true });
  });

  it(`covers at least 25 fixtures (has ${fixtures.length})`, () => assert.ok(fixtures.length >= 25));

  for (const fixture of fixtures) {
    it(fixture.id, () => {
      const { ours, npm } = outcomes.get(fixture.id)!;
      if (ours instanceof Error) {
        assert.match(npm.output, /ERR_INVALID_URL/, `we threw "${ours.message}", npm said:\n${npm.output}`);
        assert.match(ours.message, fixture.expect?.error ?? /^$/);
        return;
      }
      assert.doesNotMatch(npm.output, /ERR_INVALID_URL/);
      const context = `npm said:\n${npm.output}\nwe said: ${JSON.stringify({ ...ours, fetchOptions: undefined }, null, 2)}`;
      const rejected = /ERR_INVALID_AUTH/.test(npm.output);
      assert.equal(ours.configProblems.some((p) => p.includes('ERR_INVALID_AUTH')), rejected, context);
      if (!rejected) {
        assert.ok(npm.publishRegistry, `npm named no registry.\n${context}`);
        assert.equal(ours.registry.url, withTrailingSlash(npm.publishRegistry), context);
        assert.equal(ours.registry.nerfDart, `//${new URL(ours.registry.url).host}${new URL(ours.registry.url).pathname}`, context);
        if (!fixture.publishConfig?.registry && npm.configRegistry) {
          assert.equal(ours.fetchOptions.registry, npm.configRegistry, `npm config get registry.\n${context}`);
        }
        const refused = /ENEEDAUTH/.test(npm.output);
        assert.equal(ours.credential.type === 'none', refused, `npm's ENEEDAUTH.\n${context}`);
        if (!refused && new URL(ours.registry.url).hostname !== 'registry.npmjs.org') {
          assert.ok(npm.put, `no PUT reached the capture server.\n${context}`);
          assert.ok(npm.put.url.startsWith(new URL(ours.registry.url).pathname), context);
          assert.equal(sentCredential(ours), npm.put.authorization, context);
        }
      }
      const { rule, layer, type, problem } = fixture.expect ?? {};
      if (rule) assert.equal(ours.registry.rule, rule, context);
      if (type) assert.equal(ours.credential.type, type, context);
      if (layer) assert.equal(ours.credential.type !== 'none' && ours.credential.source.layer, layer, context);
      if (problem) assert.ok(ours.configProblems.some((p) => problem.test(p)), context);
      if (ours.credential.type === 'token' || ours.credential.type === 'basic') {
        const secret = ours.fetchOptions[ours.credential.source.key.replace(/^publishConfig\./, '').replace(/:username$/, ':_password')];
        assert.ok(!JSON.stringify(ours).includes(String(secret)), 'the secret leaked into the model');
      }
    });
  }

  /** The Authorization header our resolution implies, read from the secret-bearing options. */
  function sentCredential({ credential, fetchOptions }: ResolvedPublishConfig): string | undefined {
    if (credential.type === 'none') return undefined;
    const value = (key: string) => String(fetchOptions[key]);
    const key = credential.source.key.replace(/^publishConfig\./, '');
    if (credential.type === 'basic' && key.endsWith(':username')) {
      const password = Buffer.from(value(key.replace(/username$/, '_password')), 'base64').toString('utf8');
      return `Basic ${b64(`${value(key)}:${password}`)}`;
    }
    return credential.type === 'basic' ? `Basic ${value(key)}` : `Bearer ${value(key)}`;
  }

  function startCaptureServer(host: string): Promise<number> {
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.method === 'PUT') {
          const url = req.url ?? '';
          puts.set(url.slice(url.lastIndexOf('/') + 1), { url, authorization: req.headers.authorization });
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        } else {
          res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
        }
      });
    });
    servers.push(server);
    return new Promise((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));
  }
});

function runNpm(args: string[], cwd: string, env: Record<string, string>): Promise<{ exitCode: number; output: string; stdout: string }> {
  return new Promise((resolve) => {
    execFile('npm', args, { cwd, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ exitCode: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}`, stdout });
    });
  });
}

async function runFourAtATime<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: 4 }, async () => {
    for (let item = queue.shift(); item; item = queue.shift()) await work(item);
  }));
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
