// The account actions' pure parts: the token request npm sends, the wizard's checks, the wizard
// runner (Back keeps answers, conditional steps, the counter), 2FA challenge handling and error words.
import * as assert from 'node:assert/strict';
import { classifyAccountError, describeAccountFailure, type AccountFailureKind } from '../../src/core/account/accountErrors';
import { replaceDoneUrlOrigin } from '../../src/core/account/accountRequests';
import { challengeOf, withSecondFactor } from '../../src/core/account/secondFactor';
import {
  checkCidrs, checkExpiryDays, checkPackagesAndScopes, checkTokenName, suggestTokenName, tokenBody,
} from '../../src/core/account/tokenRequest';
import { english } from '../../src/core/base/localize';
import { runSteps, type Step, type StepAnswer, type StepView } from '../../src/core/policy/multiStep';
import { registerSecret } from '../../src/core/base/secrets';

describe('token request', () => {
  it('sends the body npm token create sends, keys in npm\'s order, only what is set', () => {
    const body = tokenBody({ name: 'ci', permission: 'read-write', packagesAndScopes: ['@alice/foo', 'bar', '@alice'], expiresDays: 30, bypass2fa: true, cidr: ['10.0.0.0/8'] }, 'hunter2');
    assert.equal(JSON.stringify(body), '{"name":"ci","password":"hunter2","packages":["@alice/foo","bar"],"scopes":["@alice"],"packages_and_scopes_permission":"read-write","expires":30,"cidr_whitelist":["10.0.0.0/8"],"bypass_2fa":true}');
    assert.deepEqual(Object.keys(tokenBody({ name: 'r', permission: 'read-only', packagesAndScopes: ['@s'], expiresDays: 7, bypass2fa: false, cidr: [] }, 'p')),
      ['name', 'password', 'scopes', 'packages_and_scopes_permission', 'expires']);
  });

  it('suggests a name from the package and the day', () => {
    assert.equal(suggestTokenName('@acme/lib', new Date('2026-11-29T10:00:00Z')), 'acme-lib-2026-11-29');
    assert.equal(suggestTokenName(undefined, new Date('2026-11-29T10:00:00Z')), 'npm-2026-11-29');
  });

  const checks: [string, () => string | undefined, boolean][] = [
    ['name ok', () => checkTokenName('ci token', english), true],
    ['name empty', () => checkTokenName('  ', english), false],
    ['name with a newline', () => checkTokenName('a\nb', english), false],
    ['packages ok', () => checkPackagesAndScopes('demo-pkg, @alice/tools @alice', english), true],
    ['packages empty', () => checkPackagesAndScopes(' , ', english), false],
    ['a capitalised name (old packages only) is accepted', () => checkPackagesAndScopes('JSONStream', english), true],
    ['an invalid name', () => checkPackagesAndScopes('demo-pkg .hidden', english), false],
    ['an invalid scope', () => checkPackagesAndScopes('@Bad', english), false],
    ['51 packages', () => checkPackagesAndScopes(Array.from({ length: 51 }, (_, i) => `p${i}`).join(' '), english), false],
    ['7 days write', () => checkExpiryDays('7', 'read-write', english), true],
    ['90 days write', () => checkExpiryDays('90', 'read-write', english), true],
    ['91 days write', () => checkExpiryDays('91', 'read-write', english), false],
    ['91 days read-only', () => checkExpiryDays('91', 'read-only', english), true],
    ['0 days', () => checkExpiryDays('0', 'read-only', english), false],
    ['1.5 days', () => checkExpiryDays('1.5', 'read-only', english), false],
    ['no CIDR', () => checkCidrs('', english), true],
    ['IPv4 and IPv6 CIDRs', () => checkCidrs('10.0.0.0/8, 192.0.2.1/32 2001:db8::/32 ::1/128', english), true],
    ['an address without a prefix', () => checkCidrs('10.0.0.1', english), false],
    ['an IPv4 prefix over 32', () => checkCidrs('10.0.0.0/33', english), false],
    ['an octet over 255', () => checkCidrs('10.0.0.256/8', english), false],
    ['two :: in IPv6', () => checkCidrs('2001::db8::/32', english), false],
  ];
  for (const [what, check, ok] of checks) {
    it(`check: ${what}`, () => assert.equal(check() === undefined, ok, check()));
  }
});

describe('multi-step runner', () => {
  const steps: Step[] = [
    { id: 'name', kind: 'text', title: 'T', prompt: 'name', validate: (v) => (v ? undefined : 'empty') },
    { id: 'permission', kind: 'pick', title: 'T', placeholder: 'p', items: [{ label: 'rw', value: 'read-write' }, { label: 'ro', value: 'read-only' }] },
    { id: 'bypass', kind: 'pick', title: 'T', placeholder: 'b', when: (v) => v.permission === 'read-write', items: [{ label: 'no', value: 'no' }, { label: 'yes', value: 'yes' }] },
    { id: 'cidr', kind: 'text', title: 'T', prompt: (v) => `cidr for ${v.name}` },
  ];

  /** Answers from a script; records "id position/total value back?" for each view. */
  async function run(script: StepAnswer[], defaults = {}) {
    const seen: string[] = [];
    const result = await runSteps(steps, defaults, async (view: StepView) => {
      seen.push(`${view.step.id} ${view.position}/${view.total} "${view.value}"${view.canGoBack ? ' back' : ''}${view.prompt ? ` (${view.prompt})` : ''}`);
      return script.shift() ?? { kind: 'cancel' };
    });
    return { result, seen };
  }
  const value = (v: string): StepAnswer => ({ kind: 'value', value: v });

  it('runs every applying step with a counter and returns the answers', async () => {
    const { result, seen } = await run([value('ci'), value('read-write'), value('yes'), value('')], { name: 'suggested' });
    // The counter follows the answers: the bypass step applies once the permission is read-write.
    assert.deepEqual(seen, ['name 1/3 "suggested" (name)', 'permission 2/3 "" back', 'bypass 3/4 "" back', 'cidr 4/4 "" back (cidr for ci)']);
    assert.deepEqual(result, { name: 'ci', permission: 'read-write', bypass: 'yes', cidr: '' });
  });

  it('Back returns to the previous step with its answer kept; a step that no longer applies is skipped and dropped', async () => {
    const { result, seen } = await run([value('ci'), value('read-write'), value('yes'), { kind: 'back' }, { kind: 'back' }, value('read-only'), value('10.0.0.0/8')]);
    assert.deepEqual(seen.slice(3), ['cidr 4/4 "" back (cidr for ci)', 'bypass 3/4 "yes" back', 'permission 2/4 "read-write" back', 'cidr 3/3 "" back (cidr for ci)']);
    assert.deepEqual(result, { name: 'ci', permission: 'read-only', cidr: '10.0.0.0/8' });
  });

  it('cancel at any step returns nothing; an invalid value asks again', async () => {
    assert.equal((await run([value('ci'), { kind: 'cancel' }])).result, undefined);
    const { seen } = await run([value(''), value('ci'), { kind: 'cancel' }]);
    assert.deepEqual(seen.map((s) => s.split(' ')[0]), ['name', 'name', 'permission']);
  });
});

describe('2FA on account calls', () => {
  const otpError = (body: unknown) => Object.assign(new Error('OTP required'), { code: 'EOTP', statusCode: 401, body });

  it('tells the classic from the web challenge', () => {
    assert.deepEqual(challengeOf(otpError({ error: 'You must provide a one-time pass.' })), { form: 'classic' });
    assert.deepEqual(challengeOf(otpError({ authUrl: 'https://www.npmjs.com/auth/cli/1', doneUrl: 'https://registry.npmjs.org/-/v1/done?authId=1' })),
      { form: 'web', authUrl: 'https://www.npmjs.com/auth/cli/1', doneUrl: 'https://registry.npmjs.org/-/v1/done?authId=1' });
    assert.deepEqual(challengeOf(otpError({ authUrl: 'javascript:alert(1)', doneUrl: 'x' })), { form: 'classic' }, 'no page opened for a non-http URL');
    assert.equal(challengeOf(Object.assign(new Error('x'), { code: 'E403' })), undefined);
  });

  it('answers until accepted; gives up after repeated challenges; cancels without another request', async () => {
    let calls = 0;
    const asked: boolean[] = [];
    const hooks = { oneTimePassword: async (rejected: boolean) => (asked.push(rejected), '123456'), browserApproval: async () => 'web-token-abcdef' };
    const done = await withSecondFactor(async (otp) => (calls++ < 2 ? Promise.reject(otpError({})) : otp), hooks);
    assert.deepEqual([done, asked], [{ kind: 'done', value: '123456', secondFactor: 'typed' }, [false, true]]);
    await assert.rejects(withSecondFactor(async () => Promise.reject(otpError({})), hooks), /OTP required/);
    calls = 0;
    const cancelled = await withSecondFactor(async () => (calls++, Promise.reject(otpError({}))), { ...hooks, oneTimePassword: async () => undefined });
    assert.deepEqual([cancelled, calls], [{ kind: 'cancelled' }, 1]);
  });

  it('rewrites a registry.npmjs.org done URL to the configured registry, as npm-profile does', () => {
    assert.equal(replaceDoneUrlOrigin('https://registry.npmjs.org/-/v1/done?sessionId=abc', 'http://127.0.0.1:4873/'), 'http://127.0.0.1:4873/-/v1/done?sessionId=abc');
    assert.equal(replaceDoneUrlOrigin('https://registry.npmjs.org/-/v1/done?x=1', 'https://proxy.test/npm/'), 'https://proxy.test/npm/-/v1/done?x=1');
    assert.equal(replaceDoneUrlOrigin('https://other.test/-/v1/done', 'https://proxy.test/'), 'https://other.test/-/v1/done');
  });
});

describe('account errors', () => {
  const http = (statusCode: number, body: unknown, headers: Record<string, unknown> = {}, code = `E${statusCode}`) => Object.assign(new Error('x'), { statusCode, body, headers, code });
  const rows: [string, unknown, AccountFailureKind][] = [
    ['wrong password (Basic)', http(401, { error: 'Incorrect or missing password.' }, { 'www-authenticate': ['Basic'] }), 'wrong-password'],
    ['bypass refused', http(403, { error: 'Granular access tokens that bypass two-factor authentication may not perform this action' }), 'bypass-refused'],
    ['a 403 otherwise', http(403, { error: 'Forbidden' }), 'forbidden'],
    ['401 unauthorized', http(401, { error: 'Unauthorized' }), 'unauthorized'],
    ['404', http(404, { error: 'Not found' }), 'not-found'],
    ['400 limits', http(400, { error: 'Write tokens may expire at most 90 days in the future' }), 'invalid-request'],
    ['429', http(429, 'Too many'), 'rate-limited'],
    ['IP refused', http(401, {}, { 'www-authenticate': ['ipaddress'] }, 'EAUTHIP'), 'ip-refused'],
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'network'],
    ['anything else', new Error('boom'), 'other'],
  ];
  for (const [what, error, kind] of rows) it(`classifies ${what}`, () => assert.equal(classifyAccountError(error).kind, kind));

  it('never repeats a secret the registry echoes, and says what to do', () => {
    registerSecret('npm_EchoedSecretToken0123456789abcdefghij');
    const failure = classifyAccountError(http(403, { error: 'token npm_EchoedSecretToken0123456789abcdefghij is not allowed\n[x](command:evil)' }));
    const text = describeAccountFailure(failure, 'set-access', 'registry.npmjs.org', english);
    assert.ok(!text.includes('EchoedSecret'), text);
    assert.ok(!text.includes('\n'));
    assert.match(describeAccountFailure(classifyAccountError(rows[1]![1]), 'create-token', 'h', english), /bypass 2FA.*Log in/);
  });
});
