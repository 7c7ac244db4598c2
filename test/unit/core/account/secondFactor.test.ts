// The account actions' pure parts: the token request npm sends, the wizard's checks, the wizard
// runner (Back keeps answers, conditional steps, the counter), 2FA challenge handling and error words.
import * as assert from 'node:assert/strict';
import { replaceDoneUrlOrigin } from '../../../../src/core/account/accountRequests';
import { challengeOf, withSecondFactor } from '../../../../src/core/account/secondFactor';

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
