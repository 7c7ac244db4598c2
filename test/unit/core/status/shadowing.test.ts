import { strict as assert } from 'node:assert';
import type { ConfiguredCredential } from '../../../../src/core/base/model';
import { shadowedFix, shadowingOf } from '../../../../src/core/status/shadowing';

const t = (text: string, ...args: unknown[]) => text.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
const token = (source: Partial<Extract<ConfiguredCredential, { type: 'token' }>['source']>): ConfiguredCredential =>
  ({ type: 'token', masked: 'npm_abcd...wxyz', source: { layer: 'user', key: '//registry.npmjs.org/:_authToken', ...source } });
const pkg = { folder: '/home/alice/repo/packages/a' };

describe('shadowingOf', () => {
  const cases: [string, ConfiguredCredential, ReturnType<typeof shadowingOf>][] = [
    ['the user .npmrc: nothing hides a login there', token({ layer: 'user', file: '/home/me/.npmrc' }), undefined],
    ['the global npmrc ranks below the user one', token({ layer: 'global', file: '/etc/npmrc' }), undefined],
    ['a project .npmrc, with its line', token({ layer: 'project', file: '/home/alice/repo/packages/a/.npmrc', line: 2 }),
      { where: 'project', file: '/home/alice/repo/packages/a/.npmrc', line: 2 }],
    ['an environment variable', token({ layer: 'env' }), { where: 'environment', variable: 'npm_config_//registry.npmjs.org/:_authToken' }],
    ['publishConfig (npm ignores credentials there)', token({ layer: 'project', file: '/home/alice/repo/package.json', key: 'publishConfig.registry' }), undefined],
    ['no credential', { type: 'none' }, undefined],
  ];
  for (const [name, credential, expected] of cases) it(name, () => assert.deepEqual(shadowingOf(credential), expected));
});

describe('shadowedFix', () => {
  const project = token({ layer: 'project', file: '/home/alice/repo/packages/a/.npmrc', line: 2 });
  it('Log In becomes removing the project line, and says which line', () => {
    const shadowed = shadowedFix('npmPublishAuth.login', project, pkg, t);
    assert.deepEqual(shadowed?.fix, { command: 'npmPublishAuth.removeProjectCredential', title: 'Remove Project Credential…' });
    assert.equal(shadowed?.sentence, 'npm takes this credential from line 2 of this package\'s .npmrc, ahead of your user .npmrc: remove it there, or a new login is not used.');
  });
  it('Generate Token too; a file above the package is named by its path', () => {
    const root = token({ layer: 'project', file: '/home/alice/repo/.npmrc', line: 5 });
    assert.match(shadowedFix('npmPublishAuth.generateToken', root, pkg, t)?.sentence ?? '', /from line 5 of \/home\/alice\/repo\/\.npmrc,/);
  });
  it('an environment variable: only the person can unset it, so the fix is the details', () => {
    const shadowed = shadowedFix('npmPublishAuth.login', token({ layer: 'env' }), pkg, t);
    assert.equal(shadowed?.fix.command, 'npmPublishAuth.showDetails');
    assert.match(shadowed?.sentence ?? '', /environment variable npm_config_\/\/registry\.npmjs\.org\/:_authToken.*unset it and restart VS Code/);
  });
  it('leaves fixes that do not write the user .npmrc alone', () => {
    for (const fix of ['npmPublishAuth.publish', 'npmPublishAuth.refresh', undefined] as const) assert.equal(shadowedFix(fix, project, pkg, t), undefined);
  });
  it('leaves a credential in the user .npmrc alone', () => {
    assert.equal(shadowedFix('npmPublishAuth.login', token({ layer: 'user', file: '/home/me/.npmrc' }), pkg, t), undefined);
  });
});
