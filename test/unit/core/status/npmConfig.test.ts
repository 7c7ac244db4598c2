import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { nerfDart, NpmConfigError, resolvePublishConfig, unsetVariables, type NpmConfigInputs } from '../../../../src/core/status/npmConfig';

// out/test/unit/core/status → the source tree's fixtures.
const fixtures = path.resolve(__dirname, '../../../../../test/unit/fixtures/npmrc');
const emptyHome = path.join(fixtures, 'no-such-home');

/** Inputs that read nothing from the real machine: no HOME .npmrc, no global npmrc. */
function isolated(packageFolder: string, more: Partial<NpmConfigInputs> = {}): NpmConfigInputs {
  return {
    packageFolder,
    env: { HOME: emptyHome, ...more.env },
    userconfig: more.userconfig ?? path.join(emptyHome, '.npmrc'),
    globalconfig: more.globalconfig ?? path.join(emptyHome, 'global-npmrc'),
    npmPath: more.npmPath,
  };
}

describe('npmConfig: nerfDart', () => {
  const cases: [string, string][] = [
    ['https://registry.npmjs.org/', '//registry.npmjs.org/'],
    ['https://registry.npmjs.org', '//registry.npmjs.org/'],
    ['http://127.0.0.1:4873/some/path/', '//127.0.0.1:4873/some/path/'],
    // npm keeps only the directory: a slash-less last segment is dropped (what `npm login` writes).
    ['http://127.0.0.1:4873/some/path', '//127.0.0.1:4873/some/'],
    ['https://user:pw@npm.example:8443/a/b/?q=1#x', '//npm.example:8443/a/b/'],
  ];
  for (const [url, dart] of cases) it(url, () => assert.equal(nerfDart(url), dart));
});

describe('npmConfig: unsetVariables', () => {
  const env = { SET: 'x', EMPTY: '' };
  const cases: [string, string[]][] = [
    ['${NPM_TOKEN}', ['NPM_TOKEN']],
    ['${SET}', []],
    ['${EMPTY}', []],
    ['${NPM_TOKEN?}', []],
    ['\\${NPM_TOKEN}', []],
    ['\\\\${NPM_TOKEN}', ['NPM_TOKEN']],
    ['//${HOST}/:_authToken=${TOKEN}-${TOKEN}', ['HOST', 'TOKEN']],
    ['no variables', []],
    ['${unclosed', []],
  ];
  for (const [text, names] of cases) it(text, () => assert.deepEqual(unsetVariables(text, env), names));
});

describe('npmConfig: resolvePublishConfig', () => {
  let temp = '';
  before(async () => (temp = await mkdtemp(path.join(os.tmpdir(), 'npm-config-unit-'))));
  after(() => rm(temp, { recursive: true, force: true }));

  /** A package folder under the suite's temp folder, with an optional project .npmrc. */
  async function packageFolder(name: string, manifest: string, npmrc?: string): Promise<string> {
    const folder = path.join(temp, name);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'package.json'), manifest);
    if (npmrc !== undefined) await writeFile(path.join(folder, '.npmrc'), npmrc);
    return folder;
  }

  it('reads odd .npmrc files (BOM, CRLF, comments, quotes, junk lines, sections) without failing', async () => {
    const folder = path.join(fixtures, 'odd-npmrc');
    const resolved = await resolvePublishConfig(isolated(folder));
    assert.equal(resolved.registry.url, 'http://127.0.0.1:4873/some/path/');
    assert.equal(resolved.registry.nerfDart, '//127.0.0.1:4873/some/path/');
    assert.deepEqual(resolved.registry.source, { layer: 'project', file: path.join(folder, '.npmrc'), key: 'registry' });
    assert.deepEqual(resolved.credential, {
      type: 'token',
      masked: 'npm_0123...wxyz',
      source: { layer: 'project', file: path.join(folder, '.npmrc'), key: '//127.0.0.1:4873/some/path/:_authToken', line: 10 },
    });
  });

  it('publishConfig @scope:registry wins, and basic auth is described without the password', async () => {
    const folder = path.join(fixtures, 'scoped-with-publish-config');
    const resolved = await resolvePublishConfig(isolated(folder));
    assert.equal(resolved.scope, '@acme');
    assert.deepEqual(resolved.registry, {
      url: 'https://npm.acme.example/private/',
      rule: 'publishConfig',
      source: { layer: 'project', file: path.join(folder, 'package.json'), key: 'publishConfig.@acme:registry' },
      nerfDart: '//npm.acme.example/private/',
    });
    assert.deepEqual(resolved.credential, {
      type: 'basic',
      username: 'deploy',
      source: { layer: 'project', file: path.join(folder, '.npmrc'), key: '//npm.acme.example/private/:username', line: 2 },
    });
    assert.equal(resolved.fetchOptions.access, 'restricted', 'publishConfig is merged into the options');
    assert.ok(!JSON.stringify(resolved).includes(Buffer.from('s3cret').toString('base64')));
  });

  it('takes the user config from HOME when none is given, never from the real home', async () => {
    const folder = path.join(fixtures, 'odd-npmrc');
    const resolved = await resolvePublishConfig({
      packageFolder: folder,
      env: { HOME: path.join(fixtures, 'home') },
      globalconfig: path.join(emptyHome, 'global-npmrc'),
    });
    assert.equal(resolved.fetchOptions['//registry.npmjs.org/:_authToken'], 'npm_HOMEhomeHOMEhomeHOMEhomeHOMEhome1234');
  });

  it('reads the builtin layer from npmPath, below every other layer', async () => {
    const folder = await packageFolder('plain', '{"name":"plain","version":"1.0.0"}');
    const resolved = await resolvePublishConfig(isolated(folder, { npmPath: path.join(fixtures, 'builtin-npm') }));
    assert.equal(resolved.registry.url, 'http://builtin.example/');
    assert.deepEqual(resolved.registry.source, { layer: 'builtin', file: path.join(fixtures, 'builtin-npm', 'npmrc'), key: 'registry' });
    assert.equal(resolved.credential.type, 'none');
  });

  it('falls back to the default registry and reports a missing name', async () => {
    const folder = await packageFolder('nameless', '{"version":"1.0.0"}');
    const resolved = await resolvePublishConfig(isolated(folder));
    assert.equal(resolved.registry.url, 'https://registry.npmjs.org/');
    assert.equal(resolved.registry.rule, 'default');
    assert.match(resolved.configProblems.join('\n'), /no name/);
  });

  it('leaves the caller’s env untouched (npm writes npm_config_* into the env it loads)', async () => {
    const env = { HOME: emptyHome };
    await resolvePublishConfig(isolated(path.join(fixtures, 'odd-npmrc'), { env }));
    assert.deepEqual(env, { HOME: emptyHome });
  });

  it('keeps the secret-bearing options out of JSON and inspect, but usable by spreading', async () => {
    const resolved = await resolvePublishConfig(isolated(path.join(fixtures, 'odd-npmrc')));
    const token = 'npm_0123456789abcdefghijklmnopqrstuvwxyz';
    assert.ok(!JSON.stringify(resolved).includes(token));
    assert.ok(!inspect(resolved, { depth: 10 }).includes(token));
    assert.equal({ ...resolved.fetchOptions }['//127.0.0.1:4873/some/path/:_authToken'], token);
  });

  it('reports an unset ${VAR} in the credential', async () => {
    const folder = await packageFolder('unset', '{"name":"unset","version":"1.0.0"}', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n');
    const resolved = await resolvePublishConfig(isolated(folder));
    assert.deepEqual(resolved.credential, {
      type: 'unset-variable',
      variables: ['NPM_TOKEN'],
      source: { layer: 'project', file: path.join(folder, '.npmrc'), key: '//registry.npmjs.org/:_authToken', line: 1 },
    });
    assert.match(resolved.configProblems.join('\n'), /\$\{NPM_TOKEN\}, which is not set/);
  });

  it('reports a top-level _authToken (npm: ERR_INVALID_AUTH) instead of failing', async () => {
    const folder = await packageFolder('top-level', '{"name":"top-level","version":"1.0.0"}', '_authToken=npm_abcdEFGHijklMNOPqrstUVWXyz0123456789\n');
    const resolved = await resolvePublishConfig(isolated(folder));
    const problems = resolved.configProblems.join('\n');
    assert.match(problems, /ERR_INVALID_AUTH.*`_authToken` must be renamed to `\/\/registry\.npmjs\.org\/:_authToken` in project config/);
    assert.ok(!problems.includes('abcdEFGH'));
  });

  it('throws a clear, redacted error when the config cannot be loaded', async () => {
    const secretLooking = path.join(temp, 'npm_abcdEFGHijklMNOPqrstUVWXyz0123456789');
    const same = path.join(secretLooking, 'npmrc');
    await assert.rejects(resolvePublishConfig(isolated(path.join(fixtures, 'odd-npmrc'), { userconfig: same, globalconfig: same })), (error: Error) => {
      assert.ok(error instanceof NpmConfigError);
      assert.match(error.message, /could not be loaded: double-loading config/);
      assert.ok(!error.message.includes('abcdEFGH'));
      return true;
    });
  });

  it('throws a clear error for a registry that is not a URL', async () => {
    const folder = await packageFolder('bad-url', '{"name":"@acme/bad","version":"1.0.0"}', '@acme:registry=${ACME_URL}\n');
    await assert.rejects(resolvePublishConfig(isolated(folder)), /`@acme:registry` in project config .* is not a valid URL \(\$\{ACME_URL\} is not set\)\.$/);
  });
});

describe('npmConfig: the workspace root is remembered, and forgotten when the walk changes', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'npa-ws-cache-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  const write = async (file: string, text: string) => {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  };
  const registryOf = async (folder: string) => (await resolvePublishConfig(isolated(path.join(root, folder)))).registry.url;
  const workspaces = (patterns: string[] | undefined) => JSON.stringify({ name: 'root', private: true, ...(patterns && { workspaces: patterns }) });

  it('a member uses the root\'s project config each time; leaving the workspaces or joining them shows at once', async () => {
    await write('package.json', workspaces(['packages/*']));
    await write('.npmrc', 'registry=https://root.example/\n');
    await write('packages/a/package.json', JSON.stringify({ name: 'a', version: '1.0.0' }));
    await write('packages/a/.npmrc', 'registry=https://a.example/\n');
    assert.equal(await registryOf('packages/a'), 'https://root.example/');
    assert.equal(await registryOf('packages/a'), 'https://root.example/', 'remembered');

    await write('package.json', workspaces(['libs/*']));
    assert.equal(await registryOf('packages/a'), 'https://a.example/', 'no longer a workspace: its own .npmrc');
    await write('package.json', workspaces(['packages/*']));
    assert.equal(await registryOf('packages/a'), 'https://root.example/');
  });

  it('a package.json appearing between the package and the root is seen', async () => {
    await write('package.json', workspaces(['packages/*']));
    await write('packages/b/package.json', JSON.stringify({ name: 'b', version: '1.0.0' }));
    await write('packages/b/.npmrc', 'registry=https://b.example/\n');
    assert.equal(await registryOf('packages/b'), 'https://root.example/');
    await rm(path.join(root, 'package.json'));
    assert.equal(await registryOf('packages/b'), 'https://b.example/', 'the root is gone');
    await write('package.json', workspaces(['packages/*']));
    await write('packages/package.json', workspaces(undefined));
    assert.equal(await registryOf('packages/b'), 'https://root.example/', 'a plain package.json in between does not end the walk');
  });
});
