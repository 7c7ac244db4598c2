// The windows of the second factor, through the real npm CLI: a TOTP code lasts for its window across
// several uploads and is refused once the window moved; a browser approval can "skip 2FA for the next
// 5 minutes"; the request log tells npm-otp values apart by an ordinal, never by the value.
import * as assert from 'node:assert/strict';
import { defaultScenario, demoToken, extendScenario } from './scenarios';
import { assertFails, assertSucceeds, jsonError, npmAgainstLocalRegistry } from './conformance/npmCli';

const SESSION = demoToken('alice-session');
const CAROL = demoToken('carol-session');
/** What npm prints for a refused code (doc §7.3): the same words as for a missing one. */
const REFUSED_CODE = /If you already provided a one-time password then it is likely that you either typoed it, or it timed out/;

describe('second-factor windows against the local registry (real npm)', () => {
  const suite = npmAgainstLocalRegistry();

  const publish = (token: string, name: string, version: string, ...args: string[]) => {
    suite.npm.useToken(token);
    return suite.npm.run(['publish', ...args], { cwd: suite.npm.makePackage(name, version) });
  };
  const puts = () => suite.registry.requests.filter((r) => r.method === 'PUT').map((r) => ({ status: r.status, otpId: r.otpId }));
  const published = (name: string, version: string) => suite.registry.state.packages.get(name)?.versions.has(version) ?? false;

  describe('a TOTP code', () => {
    it('is accepted on three uploads in a row, and the log shows the same npm-otp on each PUT', async () => {
      const code = suite.registry.currentOtp();
      assertSucceeds(await publish(SESSION, 'demo-pkg', '1.1.0', `--otp=${code}`));
      assertSucceeds(await publish(SESSION, '@alice/tools', '0.2.0', `--otp=${code}`));
      assertSucceeds(await publish(SESSION, 'otp-window-pkg', '1.0.0', `--otp=${code}`));
      assert.deepEqual(puts(), [{ status: 200, otpId: 1 }, { status: 200, otpId: 1 }, { status: 200, otpId: 1 }]);
    });

    it('with timed windows, lasts while its window does on the registry clock, then is refused', async () => {
      suite.registry.reset(extendScenario(defaultScenario, { options: { otpWindowMs: 60_000 } }));
      const code = suite.registry.currentOtp();
      assertSucceeds(await publish(SESSION, 'demo-pkg', '1.1.0', `--otp=${code}`));
      suite.registry.advanceClock(20_000);
      assertSucceeds(await publish(SESSION, '@alice/tools', '0.2.0', `--otp=${code}`));
      suite.registry.setClock(suite.registry.state.otpWindows.endsAt()!);
      assertFails(await publish(SESSION, 'otp-window-pkg', '1.0.0', `--otp=${code}`), 'EOTP');
      assert.notEqual(suite.registry.currentOtp(), code, 'the clock moved to the next window');
      assertSucceeds(await publish(SESSION, 'otp-window-pkg', '1.0.0', `--otp=${suite.registry.currentOtp()}`));
    });

    it('after endOtpWindow: the old code gets the OTP challenge and npm says so; the new current code works', async () => {
      const old = suite.registry.currentOtp();
      assertSucceeds(await publish(SESSION, 'demo-pkg', '1.1.0', `--otp=${old}`));
      suite.registry.endOtpWindow();
      const next = suite.registry.currentOtp();
      assert.notEqual(next, old);
      assert.equal(suite.registry.credentials().otp, next, 'the credentials tests read carry the current code');

      const refused = await publish(SESSION, '@alice/tools', '0.2.0', `--otp=${old}`);
      assertFails(refused, 'EOTP');
      assert.match(refused.stderr, REFUSED_CODE);
      assert.ok(!published('@alice/tools', '0.2.0'));
      assertSucceeds(await publish(SESSION, '@alice/tools', '0.2.0', `--otp=${next}`));
      assert.deepEqual(puts(), [{ status: 200, otpId: 1 }, { status: 401, otpId: 1 }, { status: 200, otpId: 2 }]);
    });

    it('after endOtpWindowAfter(1): the next upload is accepted, the one after is refused', async () => {
      const code = suite.registry.currentOtp();
      suite.registry.endOtpWindowAfter(1);
      // npm sends the code on the packument GET too: only the upload counts.
      assertSucceeds(await publish(SESSION, 'demo-pkg', '1.1.0', `--otp=${code}`));
      const second = await publish(SESSION, '@alice/tools', '0.2.0', `--otp=${code}`);
      assertFails(second, 'EOTP');
      assert.match(second.stderr, REFUSED_CODE);
      assert.notEqual(suite.registry.currentOtp(), code);
      assert.deepEqual(puts().map((p) => p.status), [200, 401]);
    });

    it('is driven over HTTP too: GET otp, POST otp-window {endAfter?}', async () => {
      const control = async (path: string, body?: unknown) =>
        (await fetch(`${suite.registry.url}-/_control/${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) })).json() as Promise<{ otp: string; window: number }>;
      const first = await control('otp');
      assert.deepEqual(first, { otp: suite.registry.currentOtp(), window: 0 });
      assert.equal((await control('otp-window', {})).window, 1);
      const counting = await control('otp-window', { endAfter: 1 });
      assert.equal(counting.window, 1, 'a countdown does not end the window yet');
      assertSucceeds(await publish(SESSION, 'demo-pkg', '1.1.0', `--otp=${counting.otp}`));
      assert.equal((await control('otp')).window, 2);
    });
  });

  describe('a browser approval with "skip 2FA for the next 5 minutes"', () => {
    /** A passkey user's publish, challenged: npm's --json keeps the approval page's URL (doc §7.4). */
    async function challenged(name: string, version: string, token = CAROL): Promise<string> {
      const result = await publish(token, name, version, '--auth-type=web', '--json');
      assertFails(result, 'EOTP');
      const { authUrl } = jsonError(result);
      assert.ok(authUrl, `a web challenge for ${name}`);
      return authUrl;
    }

    it('ticked on the approval page: the next publishes go through unchallenged, until the window is ended', async () => {
      const authUrl = await challenged('demo-pkg', '1.1.0');
      assert.match(await (await fetch(authUrl)).text(), /name="skip2fa"[^>]*> Skip 2FA for the next 5 minutes/);
      const approved = await fetch(authUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'skip2fa=1' });
      assert.match(await approved.text(), /2FA skipped for the next 5 minutes/);

      assertSucceeds(await publish(CAROL, 'demo-pkg', '1.1.0', '--auth-type=web'));
      assertSucceeds(await publish(CAROL, '@alice/tools', '0.2.0', '--auth-type=web'));
      assert.deepEqual(puts(), [{ status: 401, otpId: undefined }, { status: 200, otpId: undefined }, { status: 200, otpId: undefined }], 'no second factor sent, none asked');

      suite.registry.endSkip2faWindow();
      await challenged('@alice/tools', '0.3.0');
      assert.ok(!published('@alice/tools', '0.3.0'));
    });

    it('covers the approved credential only: another token of the same account is challenged', async () => {
      const laptop = suite.registry.mintToken({ kind: 'granular', user: 'carol', permission: 'read-write', allPackages: true });
      await challenged('demo-pkg', '1.1.0');
      suite.registry.approvePending(undefined, undefined, { skip2fa: true });
      await challenged('@alice/tools', '0.2.0', laptop);
      assertSucceeds(await publish(CAROL, '@alice/tools', '0.2.0', '--auth-type=web'));
    });

    it('is the approver\'s choice: approved without it, the next publish is challenged again', async () => {
      await challenged('demo-pkg', '1.1.0');
      suite.registry.approvePending();
      await challenged('demo-pkg', '1.1.0');
      suite.registry.approvePending(undefined, undefined, { skip2fa: true });
      assertSucceeds(await publish(CAROL, 'demo-pkg', '1.1.0', '--auth-type=web'));
    });

    it('lasts 5 minutes on the registry clock (approved over the HTTP control API)', async () => {
      await challenged('demo-pkg', '1.1.0');
      await fetch(`${suite.registry.url}-/_control/approve`, { method: 'POST', body: JSON.stringify({ skip2fa: true }) });
      suite.registry.advanceClock(4 * 60 * 1000);
      assertSucceeds(await publish(CAROL, 'demo-pkg', '1.1.0', '--auth-type=web'));
      suite.registry.advanceClock(60 * 1000);
      await challenged('@alice/tools', '0.2.0');
    });

    it('is ended over HTTP too: POST skip-2fa/end', async () => {
      await challenged('demo-pkg', '1.1.0');
      suite.registry.approvePending(undefined, undefined, { skip2fa: true });
      assertSucceeds(await publish(CAROL, 'demo-pkg', '1.1.0', '--auth-type=web'));
      assert.equal((await fetch(`${suite.registry.url}-/_control/skip-2fa/end`, { method: 'POST' })).status, 200);
      await challenged('@alice/tools', '0.2.0');
    });
  });

  it('the request log never holds an npm-otp value: right, wrong and ended codes are all secrets it is checked for', async () => {
    const old = suite.registry.currentOtp();
    assertFails(await publish(SESSION, 'demo-pkg', '1.1.0', '--otp=654321'), 'EOTP');
    suite.registry.endOtpWindow();
    const next = suite.registry.currentOtp();
    assertFails(await publish(SESSION, 'demo-pkg', '1.1.0', `--otp=${old}`), 'EOTP');
    assertSucceeds(await publish(SESSION, 'demo-pkg', '1.1.0', `--otp=${next}`));
    assert.deepEqual(puts().map((p) => p.otpId), [1, 2, 3]);
    const log = JSON.stringify(await (await fetch(`${suite.registry.url}-/_control/requests`)).json());
    for (const code of ['654321', old, next]) {
      assert.ok(!log.includes(code), 'no npm-otp value in the log');
      assert.ok(suite.registry.secrets().includes(code), 'the leak checks after each test look for it');
    }
  });
});
