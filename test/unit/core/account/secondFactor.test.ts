// The second factor (src/core/account/secondFactor.ts): the one loop that publish and the account
// calls share — which prompt answers which challenge, when a code counts as rejected, the retry limit
// and the cancel rule, with a scripted registry and scripted prompts — and the challenge an account
// call's error carries.
import * as assert from 'node:assert/strict';
import type { Challenge } from '../../../../src/core/account/challenge';
import { replaceDoneUrlOrigin } from '../../../../src/core/account/accountRequests';
import {
  answerChallenges, challengeOf, MAX_SECOND_FACTOR_TRIES, withSecondFactor, type SecondFactorHooks, type SecondFactorOptions,
} from '../../../../src/core/account/secondFactor';

const classic: Challenge = { form: 'classic' };
const web: Challenge = { form: 'web', authUrl: 'https://www.npmjs.com/auth/cli/1', doneUrl: 'https://registry.npmjs.org/-/v1/done?authId=1' };

interface Script {
  /** What the registry answers each try: a challenge, or accepted. */
  registry: (Challenge | 'ok')[];
  /** What the person answers each prompt, in order (undefined: Escape). */
  answers?: (string | undefined)[];
  options?: SecondFactorOptions;
}

async function run({ registry, answers = [], options }: Script) {
  const sent: (string | undefined)[] = [];
  const asked: string[] = [];
  const hooks: SecondFactorHooks = {
    oneTimePassword: async (rejected) => (asked.push(rejected ? 'otp again' : 'otp'), answers.shift()),
    browserApproval: async () => (asked.push('browser'), answers.shift()),
  };
  const outcome = await answerChallenges(async (otp) => {
    sent.push(otp);
    const answer = registry.shift() ?? classic;
    return answer === 'ok' ? { kind: 'done', value: 'accepted' } : { kind: 'challenged', challenge: answer };
  }, hooks, options);
  return { outcome, sent, asked };
}

describe('answerChallenges: the one second-factor loop', () => {
  const cases: [string, Script, Awaited<ReturnType<typeof run>>][] = [
    ['no challenge: no prompt, no second factor',
      { registry: ['ok'] }, { outcome: { kind: 'done', value: 'accepted', secondFactor: undefined }, sent: [undefined], asked: [] }],
    ['classic challenge: the OTP box, then the same request with the code',
      { registry: [classic, 'ok'], answers: ['123456'] }, { outcome: { kind: 'done', value: 'accepted', secondFactor: 'typed', accepted: { otp: '123456', secondFactor: 'typed' } }, sent: [undefined, '123456'], asked: ['otp'] }],
    ['a rejected code brings the box back, saying so',
      { registry: [classic, classic, 'ok'], answers: ['111111', '123456'] }, { outcome: { kind: 'done', value: 'accepted', secondFactor: 'typed', accepted: { otp: '123456', secondFactor: 'typed' } }, sent: [undefined, '111111', '123456'], asked: ['otp', 'otp again'] }],
    ['web challenge: browser approval, never an OTP box',
      { registry: [web, 'ok'], answers: ['web-token'] }, { outcome: { kind: 'done', value: 'accepted', secondFactor: 'browser', accepted: { otp: 'web-token', secondFactor: 'browser' } }, sent: [undefined, 'web-token'], asked: ['browser'] }],
    ['a classic challenge after a browser token is not "a wrong code"',
      { registry: [web, classic, 'ok'], answers: ['web-token', '123456'] }, { outcome: { kind: 'done', value: 'accepted', secondFactor: 'typed', accepted: { otp: '123456', secondFactor: 'typed' } }, sent: [undefined, 'web-token', '123456'], asked: ['browser', 'otp'] }],
    ['an expected challenge is answered before the first try',
      { registry: ['ok'], answers: ['123456'], options: { expected: classic } }, { outcome: { kind: 'done', value: 'accepted', secondFactor: 'typed', accepted: { otp: '123456', secondFactor: 'typed' } }, sent: ['123456'], asked: ['otp'] }],
    ['the code asked first, rejected: the box comes back saying so',
      { registry: [classic, 'ok'], answers: ['111111', '123456'], options: { expected: classic } }, { outcome: { kind: 'done', value: 'accepted', secondFactor: 'typed', accepted: { otp: '123456', secondFactor: 'typed' } }, sent: ['111111', '123456'], asked: ['otp', 'otp again'] }],
    ['a batch: the code accepted for the last package is sent first, with no prompt',
      { registry: ['ok'], options: { expected: classic, reuse: { otp: '123456', secondFactor: 'typed' } } },
      { outcome: { kind: 'done', value: 'accepted', secondFactor: 'typed', accepted: { otp: '123456', secondFactor: 'typed' } }, sent: ['123456'], asked: [] }],
    ['a batch: the reused code refused, the box comes back saying so',
      { registry: [classic, 'ok'], answers: ['654321'], options: { reuse: { otp: '123456', secondFactor: 'typed' } } },
      { outcome: { kind: 'done', value: 'accepted', secondFactor: 'typed', accepted: { otp: '654321', secondFactor: 'typed' } }, sent: ['123456', '654321'], asked: ['otp again'] }],
    ['a batch: a reused browser token refused brings the browser back',
      { registry: [web, 'ok'], answers: ['web-2'], options: { reuse: { otp: 'web-1', secondFactor: 'browser' } } },
      { outcome: { kind: 'done', value: 'accepted', secondFactor: 'browser', accepted: { otp: 'web-2', secondFactor: 'browser' } }, sent: ['web-1', 'web-2'], asked: ['browser'] }],
    ['Escape at the box asked first: nothing sent',
      { registry: [], answers: [undefined], options: { expected: classic } }, { outcome: { kind: 'cancelled' }, sent: [], asked: ['otp'] }],
    ['Escape after a challenge: nothing more sent',
      { registry: [classic], answers: [undefined] }, { outcome: { kind: 'cancelled' }, sent: [undefined], asked: ['otp'] }],
    ['a closed browser approval: nothing more sent',
      { registry: [web], answers: [undefined] }, { outcome: { kind: 'cancelled' }, sent: [undefined], asked: ['browser'] }],
    ['the caller cancelled: no prompt, nothing more sent',
      { registry: [classic], answers: ['123456'], options: { cancelled: () => true } }, { outcome: { kind: 'cancelled' }, sent: [undefined], asked: [] }],
  ];
  for (const [name, script, expected] of cases) it(name, async () => assert.deepEqual(await run(script), expected));

  it('the caller cancelling while the box is open: the code is not sent', async () => {
    let cancelled = false;
    const result = await answerChallenges(async () => ({ kind: 'challenged', challenge: classic }), {
      oneTimePassword: async () => ((cancelled = true), '123456'),
      browserApproval: async () => undefined,
    }, { cancelled: () => cancelled });
    assert.deepEqual(result, { kind: 'cancelled' });
  });

  it(`gives up after ${MAX_SECOND_FACTOR_TRIES} tries, and asks nothing it would not send`, async () => {
    const { outcome, sent, asked } = await run({ registry: [], answers: Array<string>(20).fill('123456') });
    assert.equal(MAX_SECOND_FACTOR_TRIES, 6);
    assert.deepEqual(outcome, { kind: 'gave-up', tries: 6 });
    assert.equal(sent.length, 6);
    assert.deepEqual(asked, ['otp', ...Array<string>(4).fill('otp again')]);
  });

  it('counts the code asked first as no try of its own', async () => {
    const { outcome, sent, asked } = await run({ registry: [], answers: Array<string>(20).fill('123456'), options: { expected: classic } });
    assert.deepEqual([outcome, sent.length, asked.length], [{ kind: 'gave-up', tries: 6 }, 6, 6]);
  });
});

describe('withSecondFactor: the loop for account calls that throw EOTP', () => {
  const otpError = () => Object.assign(new Error('OTP required'), { code: 'EOTP', statusCode: 401, body: {} });
  const hooks: SecondFactorHooks = { oneTimePassword: async () => '123456', browserApproval: async () => 'web-token' };

  it('throws any other error at once, as it came', async () => {
    let calls = 0;
    const refused = Object.assign(new Error('Forbidden'), { code: 'E403' });
    await assert.rejects(withSecondFactor(async () => (calls++, Promise.reject(refused)), hooks), (error) => error === refused);
    assert.equal(calls, 1);
  });

  it(`ends with the registry's last challenge after ${MAX_SECOND_FACTOR_TRIES} calls`, async () => {
    const errors: Error[] = [];
    await assert.rejects(withSecondFactor(async () => Promise.reject(errors[errors.push(otpError()) - 1]!), hooks), (error) => error === errors.at(-1));
    assert.equal(errors.length, MAX_SECOND_FACTOR_TRIES);
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
    assert.deepEqual([done, asked], [{ kind: 'done', value: '123456', secondFactor: 'typed', accepted: { otp: '123456', secondFactor: 'typed' } }, [false, true]]);
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
