import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/base/localize';
import { checkCi, repositorySlug, type CheckId, type CiFinding, type CiInputs } from '../../../../src/core/trust/ciChecks';
import { readWorkflow } from '../../../../src/core/trust/workflowFile';

/** A publishing workflow; `job` replaces the lines of the publish job's body. */
function workflow(job: string[], top: string[] = ['permissions:', '  contents: read']): string {
  return [
    'name: Publish',
    'on:',
    '  release:',
    '    types: [published]',
    ...top,
    'jobs:',
    '  publish:',
    '    runs-on: ubuntu-latest',
    ...job.map((line) => `    ${line}`),
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: actions/setup-node@v4',
    '        with:',
    '          node-version: 24',
    '      - run: npm install -g npm@latest',
    '      - run: npm publish',
  ].join('\n');
}
const GOOD = ['environment: release', 'permissions:', '  id-token: write', '  contents: read'];
/** package.json with `repository` (none when undefined), as JSON.stringify writes it. */
const manifest = (repository: unknown) => ({ file: 'package.json', text: JSON.stringify({ name: '@alice/tools', version: '1.0.0', repository }, null, 2) });
const inputs = (text: string, { repository = { type: 'git', url: 'git+https://github.com/alice/tools.git' }, ...extra }: Partial<CiInputs> & { repository?: unknown } = {}): CiInputs => ({
  workflows: [readWorkflow('.github/workflows/publish.yml', text)],
  npmrcs: [],
  manifest: manifest(repository),
  remoteUrl: 'git@github.com:alice/tools.git',
  trustedEnvironment: 'release',
  ...extra,
});
const finding = (findings: CiFinding[], id: CheckId) => findings.find((f) => f.id === id)!;

describe('the CI checklist for trusted publishing', () => {
  it('a workflow as npm documents it: every check passes', () => {
    const findings = checkCi(inputs(workflow(GOOD)), english);
    assert.deepEqual(findings.map((f) => [f.id, f.state]), [
      ['id-token', 'ok'], ['npm-version', 'ok'], ['environment', 'ok'], ['node-auth-token', 'ok'], ['npmrc-token', 'ok'], ['repository', 'ok'], ['provenance', 'ok'],
    ]);
  });

  const problems: [string, CiInputs, CheckId, RegExp, RegExp, number | undefined][] = [
    ['missing id-token: write (the workflow grants only contents)', inputs(workflow(['environment: release'])), 'id-token', /without "id-token: write"/, /Add "permissions: id-token: write"/, 5],
    ['a job\'s own permissions replace the workflow\'s', inputs(workflow(['environment: release', 'permissions:', '  contents: write'], ['permissions:', '  id-token: write'])), 'id-token', /without "id-token: write"/, /Add/, 11],
    ['an old npm installed in the workflow', inputs(workflow([...GOOD]).replace('npm@latest', 'npm@10.9.0')), 'npm-version', /installs npm@10\.9\.0; publishing with OIDC needs npm 11\.5\.1/, /npm@latest/, 19],
    ['Node 22 without an npm upgrade', inputs(workflow(GOOD).replace('node-version: 24', 'node-version: 22').replace('      - run: npm install -g npm@latest\n', '')), 'npm-version', /Node 22 bundles npm 10/, /npm install -g npm@latest/, 18],
    ['an _authToken line in a project .npmrc', inputs(workflow(GOOD), { npmrcs: [{ file: '.npmrc', text: 'registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' }] }), 'npmrc-token', /takes precedence over OIDC/, /Remove the line/, 2],
    ['NODE_AUTH_TOKEN set in the workflow', inputs(workflow(GOOD).replace('      - run: npm publish', '      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}')), 'node-auth-token', /instead of trusted publishing/, /Remove NODE_AUTH_TOKEN/, 22],
    ['a repository.url that is not the git remote', inputs(workflow(GOOD), { repository: 'https://github.com/someone/else' }), 'repository', /\(https:\/\/github\.com\/someone\/else\) is not the git remote \(alice\/tools\): provenance fails with E422/, /git\+https:\/\/github\.com\/alice\/tools\.git/, 4],
    ['no repository at all: the line of the opening brace', inputs(workflow(GOOD), { manifest: { file: 'package.json', text: '\n{\n  "name": "@alice/tools"\n}\n' } }), 'repository', /has no repository\.url/, /"repository"/, 2],
    ['a null repository', inputs(workflow(GOOD), { repository: null }), 'repository', /has no repository\.url/, /"repository"/, 4],
    ['another environment than the trusted publisher\'s', inputs(workflow(GOOD), { trustedEnvironment: 'production' }), 'environment', /runs in environment "release", but the trusted publisher requires "production"/, /environment: production/, 10],
    ['no environment where the trusted publisher names one', inputs(workflow(GOOD.slice(1))), 'environment', /names no environment, but the trusted publisher requires "release"/, /environment: release/, 8],
  ];
  for (const [title, given, id, message, fix, line] of problems) {
    it(title, () => {
      const found = finding(checkCi(given, english), id);
      assert.equal(found.state, 'problem');
      assert.match(found.message, message);
      assert.match(found.fix ?? '', fix);
      assert.equal(found.at?.line, line);
    });
  }

  it('what cannot be known is said as unknown, never as a pass', () => {
    const findings = checkCi(inputs(workflow(GOOD).replace('      - run: npm install -g npm@latest\n', ''), { trustedEnvironment: undefined, remoteUrl: undefined }), english);
    assert.deepEqual(['npm-version', 'environment', 'repository'].map((id) => finding(findings, id as CheckId).state), ['unknown', 'unknown', 'unknown']);
    assert.equal(finding(checkCi({ ...inputs(''), workflows: [] }, english), 'id-token').state, 'unknown');
  });

  it('npm versions: latest, a bare major and ranges are read as npm installs them', () => {
    const state = (version: string) => finding(checkCi(inputs(workflow(GOOD).replace('npm@latest', `npm@${version}`)), english), 'npm-version').state;
    assert.deepEqual(['latest', '11', '^11.0.0', '11.5.1', '11.5.x', '12.2.0', '11.5.0', '~11.4.0', '10'].map(state), ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'problem', 'problem', 'problem']);
  });

  it('npm stage publish needs npm 11.15.0: an install that is enough for OIDC is not enough to stage', () => {
    const staging = (version: string) => finding(checkCi(inputs(workflow(GOOD).replace('npm@latest', `npm@${version}`).replace('run: npm publish', 'run: npm stage publish')), english), 'npm-version');
    assert.deepEqual(['11.5.1', '11.14.2', '11.15.0', '12', 'latest'].map((v) => staging(v).state), ['problem', 'problem', 'ok', 'ok', 'ok']);
    assert.match(staging('11.5.1').message, /installs npm@11\.5\.1; npm stage publish needs npm 11\.15\.0 or newer\./);
  });

  it('repository spellings of the same GitHub repository agree', () => {
    const same = ['git+https://github.com/Alice/Tools.git', 'https://github.com/alice/tools', 'git@github.com:alice/tools.git', 'github:alice/tools', 'alice/tools', 'ssh://git@github.com/alice/tools.git', 'https://github.com/alice/tools#main'];
    assert.deepEqual([...new Set(same.map(repositorySlug))], ['alice/tools']);
    assert.equal(repositorySlug('https://gitlab.com/alice/tools'), undefined);
  });
});
