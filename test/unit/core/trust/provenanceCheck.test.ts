import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/base/localize';
import { checkCi, type CiFinding } from '../../../../src/core/trust/ciChecks';
import { readGitlabPipeline } from '../../../../src/core/trust/gitlabPipeline';
import { readWorkflow } from '../../../../src/core/trust/workflowFile';

const githubWorkflow = readWorkflow('.github/workflows/publish.yml', [
  'jobs:', '  publish:', '    permissions:', '      id-token: write', '    steps:', '      - run: npm publish',
].join('\n'));
const gitlab = (idTokens: string[]) => readGitlabPipeline('.gitlab-ci.yml', ['release:', '  id_tokens:', ...idTokens.map((l) => `    ${l}`), '  script:', '    - npm publish'].join('\n'));
const NPM_ID = ['NPM_ID_TOKEN:', '  aud: npm:registry.npmjs.org'];
const SIGSTORE = ['SIGSTORE_ID_TOKEN:', '  aud: sigstore'];

const provenanceOf = (publishConfig: unknown, workflow = githubWorkflow): CiFinding[] => checkCi({
  workflows: [workflow], npmrcs: [],
  manifest: { file: '/r/package.json', text: JSON.stringify({ name: 'pkg', version: '1.0.0', ...(publishConfig !== undefined && { publishConfig }) }, null, 2) },
}, english).filter((f) => f.id === 'provenance');

describe('the CI checklist reads publishConfig.provenance as npm does', () => {
  const cases: [string, unknown, ReturnType<typeof gitlab> | undefined, [CiFinding['state'], boolean, number, RegExp][]][] = [
    ['unset: npm adds it by itself', undefined, undefined, [['ok', false, 1, /adds provenance to a trusted publish by itself \(a public package/]]],
    ['unset on GitLab without SIGSTORE_ID_TOKEN: said, not a problem', {}, gitlab(NPM_ID), [['ok', false, 1, /on GitLab only with a SIGSTORE_ID_TOKEN .* which job "release" lacks/]]],
    ['true on GitHub', { provenance: true }, undefined, [['ok', false, 5, /asks npm for provenance/]]],
    ['true on GitLab with SIGSTORE_ID_TOKEN (aud sigstore)', { provenance: true }, gitlab([...NPM_ID, ...SIGSTORE]), [['ok', false, 5, /asks npm for provenance/]]],
    ['true on GitLab without it: npm refuses to publish', { provenance: true }, gitlab(NPM_ID), [['problem', false, 1, /job "release" has no SIGSTORE_ID_TOKEN with aud "sigstore": npm refuses to publish/]]],
    ['true on GitLab with another aud', { provenance: true }, gitlab([...NPM_ID, 'SIGSTORE_ID_TOKEN:', '  aud: npm']), [['problem', false, 1, /no SIGSTORE_ID_TOKEN/]]],
    ['false: advice, on its line', { access: 'public', provenance: false }, undefined, [['problem', true, 6, /is false: npm publishes without provenance/]]],
  ];
  for (const [title, publishConfig, workflow, expected] of cases) {
    it(title, () => {
      const found = provenanceOf(publishConfig, workflow);
      assert.deepEqual(found.map((f) => [f.state, f.advice === true, f.at?.line]), expected.map(([state, advice, line]) => [state, advice, line]));
      found.forEach((f, i) => assert.match(f.message, expected[i]![3]));
    });
  }

  it('a package.json that is not JSON says nothing about provenance', () => {
    assert.deepEqual(checkCi({ workflows: [githubWorkflow], npmrcs: [], manifest: { file: 'package.json', text: '{ "name": ' } }, english).filter((f) => f.id === 'provenance'), []);
  });
});
