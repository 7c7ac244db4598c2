import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/base/localize';
import { checkCi, type CheckId, type CiInputs } from '../../../../src/core/trust/ciChecks';
import { readGitlabPipeline } from '../../../../src/core/trust/gitlabPipeline';

/** A pipeline as npm's trusted-publishing docs show it; `job` replaces the publish job's body. */
function pipeline(job: string[], top: string[] = []): string {
  return ['stages: [test, publish]', ...top, 'test:', '  script:', '    - npm test', 'publish:', '  stage: publish', ...job.map((line) => `  ${line}`)].join('\n');
}
const GOOD = [
  'image: node:24', 'environment: release',
  'id_tokens:', '  NPM_ID_TOKEN:', '    aud: "npm:registry.npmjs.org"',
  'script:', '  - npm install -g npm@latest', '  - npm publish',
];
const inputs = (text: string, extra: Partial<CiInputs> = {}): CiInputs => ({
  workflows: [readGitlabPipeline('.gitlab-ci.yml', text)], npmrcs: [], trustedEnvironment: 'release', ...extra,
});
const states = (given: CiInputs) => Object.fromEntries(checkCi(given, english).filter((f) => f.at).map((f) => [f.id, f.state]));

describe('the CI checklist reads a GitLab pipeline', () => {
  it('reads only the jobs that publish; hidden templates and keywords are not jobs', () => {
    const file = readGitlabPipeline('.gitlab-ci.yml', pipeline(GOOD, ['variables:', '  FOO: bar', '.template:', '  script:', '    - npm publish']));
    assert.deepEqual(file.jobs.map((job) => [job.id, job.publishLines]), [['test', []], ['publish', [19]]]);
    assert.deepEqual(file.jobs[1]!.idTokens, [{ name: 'NPM_ID_TOKEN', line: 15, aud: 'npm:registry.npmjs.org' }]);
    assert.deepEqual([file.jobs[1]!.nodeVersion, file.jobs[1]!.environment], [{ value: '24', line: 12 }, { name: 'release', line: 13 }]);
  });

  it('a pipeline as npm documents it: every check passes', () => {
    assert.deepEqual(states(inputs(pipeline(GOOD))), { 'id-token': 'ok', 'npm-version': 'ok', environment: 'ok', 'node-auth-token': 'ok' });
  });

  const problems: [string, string, CheckId, RegExp, RegExp, number][] = [
    ['no id_tokens', pipeline(GOOD.filter((l) => !/id_tokens|NPM_ID_TOKEN|aud/.test(l))), 'id-token', /without an NPM_ID_TOKEN id token/, /id_tokens: NPM_ID_TOKEN: aud: npm:registry\.npmjs\.org/, 5],
    ['an ID token under another name (npm reads NPM_ID_TOKEN)', pipeline(GOOD).replace('NPM_ID_TOKEN:', 'ID_TOKEN:'), 'id-token', /without an NPM_ID_TOKEN/, /NPM_ID_TOKEN/, 5],
    ['the wrong audience', pipeline(GOOD).replace('"npm:registry.npmjs.org"', 'https://gitlab.com'), 'id-token', /aud "https:\/\/gitlab\.com"; npm's exchange accepts only "npm:registry\.npmjs\.org"/, /aud: npm:registry\.npmjs\.org/, 10],
    ['an old Node image without an npm upgrade', pipeline(GOOD.filter((l) => !l.includes('npm install')).map((l) => l.replace('node:24', 'node:20-alpine'))), 'npm-version', /Node 20 bundles npm 10/, /npm install -g npm@latest/, 7],
    ['a script line that writes an _authToken', pipeline([...GOOD.slice(0, -1), '  - echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc', '  - npm publish']), 'node-auth-token', /instead of trusted publishing/, /Remove the token/, 14],
    ['another environment than the trusted publisher\'s', pipeline(GOOD.map((l) => l.replace('environment: release', 'environment:\n    name: staging'))), 'environment', /runs in environment "staging", but the trusted publisher requires "release"/, /environment: release/, 8],
  ];
  for (const [title, text, id, message, fix, line] of problems) {
    it(title, () => {
      const found = checkCi(inputs(text), english).find((f) => f.id === id)!;
      assert.deepEqual([found.state, found.at?.line], ['problem', line]);
      assert.match(found.message, message);
      assert.match(found.fix ?? '', fix);
    });
  }

  it('a job that extends a template, and `default:`, fill what the job leaves out', () => {
    const text = [
      'default:', '  image: node:24', '.npm:', '  id_tokens:', '    NPM_ID_TOKEN: { aud: "npm:registry.npmjs.org" }', '  environment: release',
      'publish:', '  extends: .npm', '  script:', '    - npm publish',
    ].join('\n');
    assert.deepEqual(states(inputs(text)), { 'id-token': 'ok', 'npm-version': 'unknown', environment: 'ok', 'node-auth-token': 'ok' });
  });

  it('the audience is the registry\'s own host', () => {
    const text = pipeline(GOOD).replace('npm:registry.npmjs.org', 'npm:127.0.0.1:4873');
    assert.equal(states(inputs(text))['id-token'], 'problem');
    assert.equal(states(inputs(text, { audience: 'npm:127.0.0.1:4873' }))['id-token'], 'ok');
  });
});
