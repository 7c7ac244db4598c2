// npm config that would leak a secret or fail with a raw error: each case names the problem from
// parts we control (key, file, line) and never quotes a value.
import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolvePublishConfig, type ResolvedPublishConfig } from '../../../../src/core/status/npmConfig';
import { redactSecrets } from '../../../../src/core/base/secrets';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('npmConfig: problems named, secrets never quoted', () => {
  let temp = '';
  let home = '';
  before(async () => {
    temp = await mkdtemp(path.join(os.tmpdir(), 'npm-config-problems-'));
    home = path.join(temp, 'home');
    await mkdir(home);
  });
  after(() => rm(temp, { recursive: true, force: true }));

  /** A package folder with a project .npmrc; the user config is `home/.npmrc` unless `userconfig` says otherwise. */
  async function resolve(name: string, npmrc: string, userconfig = path.join(home, '.npmrc')): Promise<ResolvedPublishConfig> {
    const folder = path.join(temp, name);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'package.json'), JSON.stringify({ name, version: '1.0.0' }));
    await writeFile(path.join(folder, '.npmrc'), npmrc);
    return resolvePublishConfig({ packageFolder: folder, env: { HOME: home }, userconfig, globalconfig: path.join(home, 'global-npmrc') });
  }

  async function rejection(promise: Promise<unknown>): Promise<string> {
    const error = await promise.then(() => undefined, (e: Error) => e);
    assert.ok(error, 'it throws');
    return error.message;
  }

  it('an _auth holding a pasted token (no colon) is basic auth without a username', async () => {
    const token = 'Zq8xR2vN5tLw9KcP3mYb7HdF1sJg4QaE6u';
    const resolved = await resolve('auth-no-colon', `//registry.npmjs.org/:_auth=${b64(token)}\n`);
    assert.equal(resolved.credential.type, 'basic');
    assert.equal(resolved.credential.type === 'basic' && resolved.credential.username, undefined);
    assert.ok(!JSON.stringify(resolved).includes(token));
    assert.equal(redactSecrets(`x ${token} ${b64(token)}`), 'x *** ***', 'both forms are registered');
  });

  it('an _auth of user:password shows the user only', async () => {
    const resolved = await resolve('auth-pair', `//registry.npmjs.org/:_auth=${b64('deploy:pass-Word-77')}\n`);
    assert.deepEqual(resolved.credential.type === 'basic' && resolved.credential.username, 'deploy');
    assert.equal(redactSecrets('pass-Word-77'), '***');
  });

  const invalidRegistries: [string, string, string[]][] = [
    ['userinfo without a scheme', 'registry=//user:pAssw0rd-9@host\n', ['pAssw0rd-9']],
    ['a pasted credential line', 'registry=//registry.npmjs.org/:_authToken=Zq8xR2vN5tLw9KcP3mYb7HdF1sJg4Q\n', ['Zq8xR2vN5tLw9KcP3mYb7HdF1sJg4Q']],
    ['a bare opaque token', 'registry=k7Qm2Zr9Xw4Lp8Nv3Tb6\n', ['k7Qm2Zr9Xw4Lp8Nv3Tb6']],
  ];
  for (const [what, npmrc, secrets] of invalidRegistries) {
    it(`an invalid registry (${what}) is named by its key and file, not quoted`, async () => {
      const message = await rejection(resolve(`bad-registry-${secrets[0].slice(0, 4)}`, npmrc));
      assert.match(message, /from `registry` in project config .*\.npmrc is not a valid URL\.$/);
      for (const secret of secrets) assert.ok(!message.includes(secret), message);
    });
  }

  it('a line without "=" that uses an unset ${VAR} is named by its line number', async () => {
    const resolved = await resolve('malformed-line', '# comment\n//registry.npmjs.org/:_authToken Zq8xR2vN5tLw9KcP3mYb7H${TOKEN_SUFFIX}\n');
    const problems = resolved.configProblems.join('\n');
    assert.match(problems, /^Line 2 in project config .*\.npmrc uses \$\{TOKEN_SUFFIX\}, which is not set/m);
    assert.ok(!problems.includes('Zq8xR2vN5tLw9KcP3mYb7H'), problems);
  });

  it('a ~/.npmrc that is a folder is a named problem, and the credential is unknown rather than none', async () => {
    const folderAsNpmrc = path.join(home, 'npmrc-folder');
    await mkdir(folderAsNpmrc, { recursive: true });
    const resolved = await resolve('unreadable-user', 'registry=https://registry.npmjs.org/\n', folderAsNpmrc);
    assert.deepEqual(resolved.credential, { type: 'none', unreadable: [folderAsNpmrc] });
    assert.match(resolved.configProblems.join('\n'), /^~\/npmrc-folder cannot be read \(it is a folder, not a file\)\. npm skips it/m);
  });

  it('a readable credential elsewhere is still the one npm uses when another file cannot be read', async () => {
    const folderAsNpmrc = path.join(home, 'npmrc-folder-2');
    await mkdir(folderAsNpmrc, { recursive: true });
    const resolved = await resolve('unreadable-user-token', '//registry.npmjs.org/:_authToken=tok-opaque-1234\n', folderAsNpmrc);
    assert.equal(resolved.credential.type, 'token');
    assert.match(resolved.configProblems.join('\n'), /cannot be read/);
  });

  it('a cafile that is a folder is a named problem, not a raw EISDIR', async () => {
    const caFolder = path.join(temp, 'ca-folder');
    await mkdir(caFolder, { recursive: true });
    const resolved = await resolve('cafile-folder', `cafile=${caFolder}\n//registry.npmjs.org/:_authToken=tok-opaque-5678\n`);
    const problems = resolved.configProblems.join('\n');
    assert.match(problems, /`cafile` in project config .*\.npmrc names a file that cannot be read \(it is a folder, not a file\): npm stops with EISDIR/);
    assert.ok(!problems.includes(caFolder), 'the value is not quoted');
    assert.equal(resolved.credential.type, 'token');
  });

  it('a certfile that is a folder is a named problem, not a raw EISDIR', async () => {
    const certFolder = path.join(temp, 'cert-folder');
    await mkdir(certFolder, { recursive: true });
    const resolved = await resolve('certfile-folder',
      `//registry.npmjs.org/:certfile=${certFolder}\n//registry.npmjs.org/:keyfile=${certFolder}\n//registry.npmjs.org/:_authToken=tok-opaque-9012\n`);
    const problems = resolved.configProblems.join('\n');
    assert.match(problems, /`\/\/registry\.npmjs\.org\/:certfile` in project config .* cannot be read \(it is a folder, not a file\)/);
    assert.match(problems, /`\/\/registry\.npmjs\.org\/:keyfile`/);
    assert.equal(resolved.credential.type, 'token');
  });

  it('a Gemfury-style registry keeps its token for requests and hides it everywhere else', async () => {
    const pathToken = 'k7Qm2Zr9Xw4Lp8Nv3Tb6';
    const resolved = await resolve('gemfury', `registry=https://npm.fury.io/${pathToken}/\n`);
    assert.equal(resolved.registry.url, `https://npm.fury.io/${pathToken}/`, 'requests still go to the real URL');
    assert.equal(redactSecrets(`${resolved.registry.nerfDart}:_authToken`), '//npm.fury.io/***/:_authToken');
  });
});
