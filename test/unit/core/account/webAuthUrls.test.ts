// The web-auth URL rules (issue 15 point 5): where a `doneUrl` is polled and with what, and which
// login/approval pages may be opened, for registries that name hostile or careless URLs.
import * as assert from 'node:assert/strict';
import { replaceDoneUrlOrigin } from '../../../../src/core/account/accountRequests';
import { checkPageUrl, donePollOptions, planDonePoll } from '../../../../src/core/account/webAuthUrls';

const NPMJS = 'https://registry.npmjs.org/';
const CORP = 'https://npm.corp.example/npm/';
const LOCAL = 'http://127.0.0.1:4873/';
const PLAIN = 'http://npm.intranet:4873/';

describe('web auth: how a doneUrl is polled', () => {
  type Expected = 'registry' | 'none' | RegExp;
  const rows: [string, string, string, Expected][] = [
    ['npmjs, its own done URL', NPMJS, 'https://registry.npmjs.org/-/v1/done?authId=1', 'registry'],
    ['npmjs, default port written out', NPMJS, 'https://registry.npmjs.org:443/-/v1/done', 'registry'],
    ['same host, another path under the registry', CORP, 'https://npm.corp.example/other/-/v1/done', 'registry'],
    ['local registry, its own origin over http', LOCAL, 'http://127.0.0.1:4873/-/v1/done?sessionId=a', 'registry'],
    ['an http registry, its own origin', PLAIN, 'http://npm.intranet:4873/-/v1/done', 'registry'],
    ['another https host', NPMJS, 'https://evil.example/-/v1/done', 'none'],
    ['same host, another port', LOCAL, 'http://127.0.0.1:9999/-/v1/done', 'none'],
    ['another loopback address', LOCAL, 'http://127.0.0.2:4873/-/v1/done', 'none'],
    ['localhost is another origin than 127.0.0.1', LOCAL, 'http://localhost:4873/-/v1/done', 'none'],
    ['same host over https when the registry is http', 'http://npm.intranet/', 'https://npm.intranet/-/v1/done', 'none'],
    ['a subdomain of the registry', NPMJS, 'https://a.registry.npmjs.org/-/v1/done', 'none'],
    ['https registry, its own host over http (a downgrade)', NPMJS, 'http://registry.npmjs.org/-/v1/done', /plain http/],
    ['another host over http', NPMJS, 'http://evil.example/-/v1/done', /evil\.example over plain http/],
    ['an http registry, another http host', PLAIN, 'http://npm2.intranet:4873/-/v1/done', /plain http/],
    ['a file URL', NPMJS, 'file:///etc/passwd', /not an http\(s\) URL/],
    ['not a URL', NPMJS, 'done', /not an http\(s\) URL/],
    ['a javascript URL', NPMJS, 'javascript:alert(1)', /not an http\(s\) URL/],
  ];
  for (const [name, registry, done, expected] of rows) {
    it(name, () => {
      const poll = planDonePoll(done, registry);
      if (expected instanceof RegExp) {
        assert.equal(poll.ok, false);
        assert.match(poll.ok ? '' : poll.reason, expected);
      } else {
        assert.deepEqual(poll.ok && poll.credentials, expected);
      }
    });
  }

  it('npm-profile\'s rewrite of a registry.npmjs.org done URL (what a proxy forwards) lands on the registry\'s origin', () => {
    const rewritten = replaceDoneUrlOrigin('https://registry.npmjs.org/-/v1/done?sessionId=a', CORP);
    assert.equal(rewritten, 'https://npm.corp.example/npm/-/v1/done?sessionId=a');
    assert.equal(planDonePoll(rewritten, CORP).ok && (planDonePoll(rewritten, CORP) as { credentials: string }).credentials, 'registry');
  });
});

describe('web auth: the options of the poll', () => {
  const secretOptions = {
    registry: 'https://config-registry.example/', userAgent: 'npm/11 node/v20', ca: ['-----BEGIN CERTIFICATE-----'], strictSSL: true, timeout: 5000,
    '//registry.npmjs.org/:_authToken': 'npm_registry', '//evil.example/:_authToken': 'npm_evil', '//evil.example/:_auth': 'dXNlcjpwYXNz',
    '//evil.example/:username': 'me', '//evil.example/:_password': 'cGFzcw==', '//evil.example/:certfile': '/c.pem', '//evil.example/:keyfile': '/k.pem',
    _authToken: 'top', token: 'tok', auth: 'au', otp: '123456', cert: 'CLIENT-CERT', key: 'CLIENT-KEY', headers: { authorization: 'Bearer x' },
    forceAuth: { token: 'forced' }, email: 'me@example.com', scope: '@me', npmSession: 's', proxy: 'http://user:pw@proxy:8080/',
  };

  it('elsewhere: only non-secret options, whatever the config holds', () => {
    const options = donePollOptions({ ok: true, url: 'https://evil.example/-/v1/done', credentials: 'none' }, NPMJS, secretOptions);
    assert.deepEqual(options, { registry: NPMJS, userAgent: 'npm/11 node/v20', ca: ['-----BEGIN CERTIFICATE-----'], strictSSL: true, timeout: 5000 });
    const text = JSON.stringify(options);
    for (const secret of ['npm_', 'dXNl', 'cGFz', 'pem', 'top', 'tok', '123456', 'CLIENT-', 'Bearer', 'forced', 'pw@']) assert.ok(!text.includes(secret), secret);
  });

  it('on the registry\'s origin: the config\'s options, so npm\'s credential lookup applies, with the registry named', () => {
    const options = donePollOptions({ ok: true, url: 'https://registry.npmjs.org/-/v1/done', credentials: 'registry' }, NPMJS, secretOptions);
    assert.equal(options.registry, NPMJS);
    assert.equal(options['//registry.npmjs.org/:_authToken'], 'npm_registry');
  });
});

describe('web auth: which pages may be opened', () => {
  const rows: [string, string, string, string | RegExp][] = [
    ['npmjs\'s login page', NPMJS, 'https://www.npmjs.com/login?next=/login/cli/1', 'www.npmjs.com'],
    ['another https host (named to the person)', NPMJS, 'https://login.example.com/auth/1', 'login.example.com'],
    ['a loopback page over http', NPMJS, 'http://127.0.0.2:8080/auth', '127.0.0.2:8080'],
    ['the http registry\'s own page', PLAIN, 'http://npm.intranet:4873/-/_web/login/1', 'npm.intranet:4873'],
    ['another host over http', NPMJS, 'http://login.example.com/auth', /login\.example\.com over plain http/],
    ['an http registry, another http host', PLAIN, 'http://phish.intranet/login', /plain http/],
    ['a command URI', NPMJS, 'command:workbench.action.terminal.new', /not an http\(s\) URL/],
    ['a vscode URI', NPMJS, 'vscode://file/etc/passwd', /not an http\(s\) URL/],
    ['a file URL', NPMJS, 'file:///tmp/x.html', /not an http\(s\) URL/],
    ['not a URL', NPMJS, '/relative/login', /not an http\(s\) URL/],
  ];
  for (const [name, registry, page, expected] of rows) {
    it(name, () => {
      const check = checkPageUrl(page, registry);
      if (typeof expected === 'string') assert.deepEqual(check, { ok: true, host: expected });
      else assert.match(check.ok ? '' : check.reason, expected);
    });
  }
});
