// The token wizard as data: what the token is for comes first, and the CI path proposes the narrowest
// token per registry family (stage-only on npmjs, read-write elsewhere; 30 days from a pick).
import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/base/localize';
import { checkExpiryDays, tokenBody, tokenSummary, type TokenRequest } from '../../../../src/core/account/tokenRequest';
import { permissionChoices, purposeDefaults, requestFromAnswers, tokenDefaults, tokenSteps, type TokenWizardContext } from '../../../../src/core/account/tokenWizard';
import { runSteps, type StepAnswer, type StepView } from '../../../../src/core/policy/multiStep';

const TODAY = new Date('2026-09-01T12:00:00Z');
const wizard = (npmjs: boolean): TokenWizardContext => ({ host: 'registry.example', npmjs, packageName: '@acme/lib', today: TODAY });

/** Runs the wizard's steps with scripted answers (undefined: accept what is proposed); records "id n/total value [items]". */
async function run(context: TokenWizardContext, script: Record<string, (string | 'back' | undefined)[]>) {
  const seen: string[] = [];
  const answers = await runSteps(tokenSteps(context, english), tokenDefaults(context), async (view: StepView): Promise<StepAnswer> => {
    seen.push(`${view.step.id} ${view.position}/${view.total} "${view.value}"${view.items ? ` [${view.items.map((i) => i.value).join(' ')}]` : ''}`);
    const queue = script[view.step.id];
    if (!queue) return { kind: 'value', value: view.value };
    const next = queue.shift();
    if (next === 'back') return { kind: 'back' };
    return { kind: 'value', value: next ?? view.value };
  });
  return { answers, seen, request: answers && requestFromAnswers(answers) };
}

describe('token wizard: defaults per purpose and registry family', () => {
  const table: [string, 'me' | 'ci', boolean, ReturnType<typeof purposeDefaults>, string[]][] = [
    ['for me, npmjs', 'me', true, { permission: 'read-write', expiresDays: 7 }, ['read-write', 'read-only']],
    ['for me, elsewhere', 'me', false, { permission: 'read-write', expiresDays: 7 }, ['read-write', 'read-only']],
    ['for CI, npmjs: stage-only first', 'ci', true, { permission: 'read-write-stage-only', expiresDays: 30 }, ['read-write-stage-only', 'read-write', 'read-only']],
    ['for CI, elsewhere: no stage-only (npmjs only)', 'ci', false, { permission: 'read-write', expiresDays: 30 }, ['read-write', 'read-only']],
  ];
  for (const [what, purpose, npmjs, defaults, choices] of table) {
    it(what, () => {
      assert.deepEqual(purposeDefaults(purpose, npmjs), defaults);
      assert.deepEqual(permissionChoices(purpose, npmjs, english).map((c) => c.value), choices);
      assert.equal(permissionChoices(purpose, npmjs, english)[0]!.value, defaults.permission, 'the proposed permission is the first row');
    });
  }

  it('for me: today\'s steps and defaults after the new first step', async () => {
    const { seen, request } = await run(wizard(true), {});
    assert.deepEqual(seen, [
      'purpose 1/7 "me" [me ci]',
      'name 2/7 "acme-lib-2026-09-01"',
      'permission 3/7 "read-write" [read-write read-only]',
      'packages 4/7 "@acme/lib"',
      'expires 5/7 "7"',
      'bypass 6/7 "no" [no yes]',
      'cidr 7/7 ""',
    ]);
    assert.deepEqual(request, { purpose: 'me', name: 'acme-lib-2026-09-01', permission: 'read-write', packagesAndScopes: ['@acme/lib'], expiresDays: 7, bypass2fa: false, cidr: [] });
  });

  it('for CI on npmjs: this package, stage-only, 30 days from the pick, no bypass question', async () => {
    const { seen, request } = await run(wizard(true), { purpose: ['ci'], cidr: ['192.0.2.0/24'] });
    assert.deepEqual(seen, [
      'purpose 1/7 "me" [me ci]',
      'name 2/6 "acme-lib-ci-2026-09-01"',
      'permission 3/6 "read-write-stage-only" [read-write-stage-only read-write read-only]',
      'packages 4/6 "@acme/lib"',
      'expiresChoice 5/6 "30" [7 30 90 other]',
      'cidr 6/6 ""',
    ]);
    assert.deepEqual(request, { purpose: 'ci', name: 'acme-lib-ci-2026-09-01', permission: 'read-write-stage-only', packagesAndScopes: ['@acme/lib'], expiresDays: 30, bypass2fa: false, cidr: ['192.0.2.0/24'] });
  });

  it('for CI elsewhere: read-write, and the bypass question as today', async () => {
    const { seen, request } = await run(wizard(false), { purpose: ['ci'], expiresChoice: ['7'] });
    assert.deepEqual(seen.map((s) => s.split(' ').slice(0, 3).join(' ')), [
      'purpose 1/7 "me"', 'name 2/7 "acme-lib-ci-2026-09-01"', 'permission 3/7 "read-write"', 'packages 4/7 "@acme/lib"', 'expiresChoice 5/7 "30"', 'bypass 6/7 "no"', 'cidr 7/7 ""',
    ]);
    assert.equal(request?.permission, 'read-write');
    assert.equal(request?.expiresDays, 7);
  });

  it('for CI: another number of days is typed (checked as a write token\'s)', async () => {
    const { seen, request } = await run(wizard(true), { purpose: ['ci'], expiresChoice: ['other'], expires: ['91', '45'] });
    assert.ok(seen.includes('expires 6/7 "30"'), seen.join('\n'));
    assert.equal(seen.filter((s) => s.startsWith('expires ')).length, 2, 'the 91 was refused and asked again');
    assert.equal(request?.expiresDays, 45);
  });

  it('changing the purpose after Back proposes the new path\'s own defaults', async () => {
    const { request, seen } = await run(wizard(true), { purpose: ['ci', 'me'], name: ['ci-name', 'back', 'kept'], permission: ['back', undefined] });
    assert.ok(seen.includes('permission 3/6 "read-write-stage-only" [read-write-stage-only read-write read-only]'), seen.join('\n'));
    assert.ok(seen.includes('permission 3/7 "read-write" [read-write read-only]'), seen.join('\n'));
    assert.deepEqual([request?.purpose, request?.name, request?.permission, request?.expiresDays], ['me', 'kept', 'read-write', 7]);
  });
});

describe('token request: stage-only', () => {
  const request: TokenRequest = { purpose: 'ci', name: 'ci', permission: 'read-write-stage-only', packagesAndScopes: ['demo-pkg'], expiresDays: 30, bypass2fa: false, cidr: [] };

  it('the body sends exactly packages_and_scopes_permission: read-write-stage-only (npm 12.2.0)', () => {
    assert.deepEqual(tokenBody(request, 'pw'), { name: 'ci', password: 'pw', packages: ['demo-pkg'], packages_and_scopes_permission: 'read-write-stage-only', expires: 30 });
  });

  it('is a write token: at most 90 days', () => {
    assert.equal(checkExpiryDays('90', 'read-write-stage-only', english), undefined);
    assert.equal(checkExpiryDays('91', 'read-write-stage-only', english), 'Write tokens expire within 90 days at most.');
  });

  it('the summary says it is a CI token, that reminders come, and what stage-only means', () => {
    assert.deepEqual(tokenSummary(request, 'registry.npmjs.org', english).detail.split('\n'), [
      'For CI: store it as a secret there; you are reminded 7 days and 1 day before it expires.',
      'Permission: stage only (a maintainer approves each release)',
      'Packages and scopes: demo-pkg',
      'Expires in 30 days',
      'Allowed IP ranges: any',
      'It can only stage versions (npm stage publish); each waits for a maintainer\'s approval with 2FA.',
    ]);
  });

  it('a token for me keeps today\'s summary', () => {
    assert.equal(tokenSummary({ ...request, purpose: 'me', permission: 'read-write' }, 'h', english).detail.split('\n')[0], 'Permission: read and write');
  });
});
