import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/base/localize';
import {
  checkTrustRequest, describeTrust, readTrustConfigs, sameTrust, trustBody, trustCommandLine, type TrustRequest,
} from '../../../../src/core/trust/trustConfig';
import { gitlabProjectPath, proposeTrust } from '../../../../src/core/trust/trustProposal';
import { readGitlabPipeline } from '../../../../src/core/trust/gitlabPipeline';
import { readWorkflow } from '../../../../src/core/trust/workflowFile';

const github: TrustRequest = { provider: 'github', repository: 'owner/repo', file: 'publish.yml', environment: 'prod', permissions: { publish: true, stage: false } };

describe('trusted-publisher bodies, as npm trust sends them', () => {
  const cases: [string, TrustRequest, unknown[], string][] = [
    ['github with an environment', github,
      [{ type: 'github', claims: { repository: 'owner/repo', workflow_ref: { file: 'publish.yml' }, environment: 'prod' }, permissions: ['createPackage'] }],
      'npm trust github pkg --repo owner/repo --file publish.yml --env prod --allow-publish'],
    ['github without one: no environment key at all', { ...github, environment: '  ' },
      [{ type: 'github', claims: { repository: 'owner/repo', workflow_ref: { file: 'publish.yml' } }, permissions: ['createPackage'] }],
      'npm trust github pkg --repo owner/repo --file publish.yml --allow-publish'],
    ['gitlab, both permissions in npm\'s order',
      { provider: 'gitlab', repository: 'group/sub/project', file: '.gitlab-ci.yml', environment: 'prod', permissions: { publish: true, stage: true } },
      [{ type: 'gitlab', claims: { project_path: 'group/sub/project', ci_config_ref_uri: { file: '.gitlab-ci.yml' }, environment: 'prod' }, permissions: ['createPackage', 'createStagedPackage'] }],
      'npm trust gitlab pkg --project group/sub/project --file .gitlab-ci.yml --env prod --allow-publish --allow-stage-publish'],
    ['stage only', { ...github, environment: undefined, permissions: { publish: false, stage: true } },
      [{ type: 'github', claims: { repository: 'owner/repo', workflow_ref: { file: 'publish.yml' } }, permissions: ['createStagedPackage'] }],
      'npm trust github pkg --repo owner/repo --file publish.yml --allow-stage-publish'],
  ];
  for (const [name, request, body, line] of cases) {
    it(name, () => {
      assert.deepEqual(trustBody(request), body);
      assert.equal(trustCommandLine('pkg', request), line);
    });
  }
});

describe('checkTrustRequest: npm\'s own refusals, before anything is sent', () => {
  const cases: [Partial<TrustRequest>, RegExp | undefined][] = [
    [{}, undefined],
    [{ repository: 'owner' }, /owner\/repository/],
    [{ repository: 'a/b/c' }, /owner\/repository/],
    [{ provider: 'gitlab', repository: 'group/sub/project', file: '.gitlab-ci.yml' }, undefined],
    [{ provider: 'gitlab', repository: 'project' }, /group\/project/],
    [{ file: 'publish.json' }, /\.yml or \.yaml/],
    [{ file: '.github/workflows/publish.yml' }, /file name/],
    [{ environment: 'my env' }, /no spaces/],
    [{ permissions: { publish: false, stage: false } }, /Allow/],
  ];
  for (const [change, error] of cases) {
    it(`${JSON.stringify(change)} → ${error ?? 'fine'}`, () => {
      const result = checkTrustRequest({ ...github, ...change }, english);
      if (error) assert.match(result ?? '', error);
      else assert.equal(result, undefined);
    });
  }
});

describe('readTrustConfigs: the registry\'s answer, read defensively', () => {
  it('reads npm\'s shape; a config from before permissions allows publish only', () => {
    const read = readTrustConfigs([
      { id: 'a', type: 'github', claims: { repository: 'o/r', workflow_ref: { file: 'p.yml' }, environment: 'prod' }, permissions: ['createStagedPackage'] },
      { id: 'b', type: 'gitlab', claims: { project_path: 'g/p', ci_config_ref_uri: { file: '.gitlab-ci.yml' } } },
    ]);
    assert.deepEqual(read, { ok: true, configs: [
      { id: 'a', provider: 'github', repository: 'o/r', file: 'p.yml', environment: 'prod', permissions: { publish: false, stage: true } },
      { id: 'b', provider: 'gitlab', repository: 'g/p', file: '.gitlab-ci.yml', permissions: { publish: true, stage: false } },
    ] });
  });
  it('an empty list is "none"; one object is read as a list of one (npm prints both)', () => {
    assert.deepEqual(readTrustConfigs([]), { ok: true, configs: [] });
    assert.equal((readTrustConfigs({ id: 'a', type: 'circleci', claims: {} }) as { configs: unknown[] }).configs.length, 1);
  });
  for (const body of ['<html>', null, 42, [{ type: 'github' }], [{ id: 'a' }], [null]]) {
    it(`${JSON.stringify(body)} is not understood (not a half-read list)`, () => assert.equal(readTrustConfigs(body).ok, false));
  }
});

describe('sameTrust and describeTrust', () => {
  const stored = { id: 'x', provider: 'github', repository: 'owner/repo', file: 'publish.yml', environment: 'prod', permissions: { publish: true, stage: false } };
  it('the same inputs are the same config; any difference is not', () => {
    assert.equal(sameTrust(stored, github), true);
    assert.equal(sameTrust(stored, { ...github, environment: undefined }), false);
    assert.equal(sameTrust(stored, { ...github, permissions: { publish: true, stage: true } }), false);
    assert.equal(sameTrust(stored, { ...github, file: 'release.yml' }), false);
  });
  it('one line a person reads, provider first', () => {
    assert.equal(describeTrust(stored, english), 'GitHub Actions · owner/repo · publish.yml · environment prod · allows npm publish');
    assert.equal(describeTrust({ provider: 'buildkite', permissions: { publish: false, stage: true } }, english), 'buildkite · allows npm stage publish only (a maintainer approves)');
  });
});

describe('proposeTrust: what the repository shows', () => {
  const workflow = (name: string, text: string) => ({ file: readWorkflow(`/repo/.github/workflows/${name}`, text), text });
  const publishYml = [
    'on: push', 'jobs:', '  test:', '    runs-on: ubuntu-latest', '    steps:', '      - run: npm test',
    '  release:', '    runs-on: ubuntu-latest', '    environment: npm', '    steps:', '      - run: npm publish --provenance', '',
  ].join('\n');
  const stageYml = ['jobs:', '  stage:', '    steps:', '      - run: npm stage publish', ''].join('\n');
  const ciYml = ['jobs:', '  test:', '    steps:', '      - run: npm test', ''].join('\n');

  it('GitHub: the remote\'s owner/repo as spelled, the publishing workflows only, the job\'s environment and command', () => {
    const proposal = proposeTrust({ remoteUrl: 'git@github.com:Acme/Widgets.git', workflows: [workflow('stage.yml', stageYml), workflow('ci.yml', ciYml), workflow('publish.yml', publishYml)] });
    assert.deepEqual(proposal, {
      provider: 'github', repository: 'Acme/Widgets', environment: 'npm', permissions: { publish: true, stage: false },
      workflows: [
        { file: 'publish.yml', jobs: ['release'], environment: 'npm', permissions: { publish: true, stage: false } },
        { file: 'stage.yml', jobs: ['stage'], permissions: { publish: false, stage: true } },
      ],
    });
  });
  it('GitLab: a gitlab.com remote and its pipeline', () => {
    const text = 'release:\n  environment: production\n  script:\n    - npm stage publish\n';
    const proposal = proposeTrust({ remoteUrl: 'https://gitlab.com/group/sub/project.git', workflows: [], gitlabCi: { file: readGitlabPipeline('/r/.gitlab-ci.yml', text), text } });
    assert.deepEqual(proposal, {
      provider: 'gitlab', repository: 'group/sub/project', environment: 'production', permissions: { publish: false, stage: true },
      workflows: [{ file: '.gitlab-ci.yml', jobs: ['release'], environment: 'production', permissions: { publish: false, stage: true } }],
    });
  });
  it('nothing to go on: GitHub, no repository, no workflow, npm publish', () => {
    assert.deepEqual(proposeTrust({ workflows: [] }), { provider: 'github', repository: undefined, workflows: [], permissions: { publish: true, stage: false } });
    assert.equal(proposeTrust({ remoteUrl: 'https://git.example.com/a/b.git', workflows: [workflow('ci.yml', ciYml)] }).repository, undefined);
  });
  it('gitlabProjectPath reads git\'s spellings of gitlab.com only', () => {
    assert.equal(gitlabProjectPath('git@gitlab.com:group/project.git'), 'group/project');
    assert.equal(gitlabProjectPath('ssh://git@gitlab.com/group/sub/project'), 'group/sub/project');
    assert.equal(gitlabProjectPath('https://github.com/a/b'), undefined);
  });
});
