import * as assert from 'node:assert/strict';
import { isAllowedInRestrictedMode, isLoopbackHost, transportRisk, withoutCredentials } from '../../../../src/core/status/repositoryTrust';

describe('repositoryTrust: what a repository may set in Restricted Mode', () => {
  const cases: [string, unknown, boolean][] = [
    ['registry', 'https://npm.acme.example/', true],
    ['@acme:registry', 'https://npm.acme.example/', true],
    ['scope', '@acme', true],
    ['tag', 'next', true],
    ['access', 'public', true],
    ['registry', 'https://evil.example/${AWS_SECRET_ACCESS_KEY}/', false],
    ['@${SCOPE}:registry', 'https://npm.acme.example/', false],
    ['//evil.example/:_authToken', '${NPM_TOKEN}', false],
    ['//registry.npmjs.org/:_authToken', 'npm_planted', false],
    ['_auth', 'dXNlcjpwYXNz', false],
    ['userconfig', '~/.bashrc', false],
    ['globalconfig', '/tmp/x', false],
    ['prefix', '/tmp/x', false],
    ['strict-ssl', false, false],
    ['ca', '-----BEGIN CERTIFICATE-----', false],
    ['cafile', '/tmp/ca.pem', false],
    ['//evil.example/:certfile', '/tmp/c.pem', false],
    ['https-proxy', 'http://evil.example:8080/', false],
    ['proxy', 'http://evil.example:8080/', false],
    ['script-shell', '/tmp/evil.sh', false],
    ['node-options', '--require /tmp/evil.js', false],
  ];
  for (const [key, value, allowed] of cases) {
    it(`${key}=${String(value)} → ${allowed ? 'applied' : 'ignored'}`, () => assert.equal(isAllowedInRestrictedMode(key, value), allowed));
  }
});

describe('repositoryTrust: transportRisk', () => {
  const none = {};
  const cases: [string, Parameters<typeof transportRisk>[0], ReturnType<typeof transportRisk>][] = [
    ['https, nothing weakened', { registryUrl: 'https://registry.npmjs.org/', credentialAttached: true, repositoryTls: none }, undefined],
    ['http to another host, with a credential', { registryUrl: 'http://registry.npmjs.org/', credentialAttached: true, repositoryTls: none }, { kind: 'plain-http', host: 'registry.npmjs.org' }],
    ['http to another host, no credential', { registryUrl: 'http://registry.npmjs.org/', credentialAttached: false, repositoryTls: none }, undefined],
    ['http to a private address is still the network', { registryUrl: 'http://10.0.0.5:4873/', credentialAttached: true, repositoryTls: none }, { kind: 'plain-http', host: '10.0.0.5:4873' }],
    ['http to 127.0.0.1', { registryUrl: 'http://127.0.0.1:4873/', credentialAttached: true, repositoryTls: none }, undefined],
    ['http to 127.0.0.2', { registryUrl: 'http://127.0.0.2:4873/', credentialAttached: true, repositoryTls: none }, undefined],
    ['http to localhost', { registryUrl: 'http://localhost:4873/', credentialAttached: true, repositoryTls: none }, undefined],
    ['http to [::1]', { registryUrl: 'http://[::1]:4873/', credentialAttached: true, repositoryTls: none }, undefined],
    ['http to a name that only starts like loopback', { registryUrl: 'http://127.0.0.1.evil.example/', credentialAttached: true, repositoryTls: none }, { kind: 'plain-http', host: '127.0.0.1.evil.example' }],
    ['strict-ssl=false from the repository', { registryUrl: 'https://npm.acme.example/', credentialAttached: true, repositoryTls: { strictSsl: false } }, { kind: 'weakened-tls', setting: 'strict-ssl' }],
    ['the repository\'s own ca', { registryUrl: 'https://npm.acme.example/', credentialAttached: true, repositoryTls: { ca: '-----BEGIN CERTIFICATE-----' } }, { kind: 'weakened-tls', setting: 'ca' }],
    ['the repository\'s cafile', { registryUrl: 'https://npm.acme.example/', credentialAttached: true, repositoryTls: { cafile: '/ws/ca.pem' } }, { kind: 'weakened-tls', setting: 'cafile' }],
    ['strict-ssl=true from the repository', { registryUrl: 'https://npm.acme.example/', credentialAttached: true, repositoryTls: { strictSsl: true } }, undefined],
    ['weakened TLS, no credential', { registryUrl: 'https://npm.acme.example/', credentialAttached: false, repositoryTls: { strictSsl: false } }, undefined],
  ];
  for (const [name, input, risk] of cases) it(name, () => assert.deepEqual(transportRisk(input), risk));

  it('isLoopbackHost', () => {
    for (const host of ['localhost', '127.0.0.1', '127.255.0.9', '[::1]', '::1', 'LOCALHOST']) assert.equal(isLoopbackHost(host), true, host);
    for (const host of ['128.0.0.1', '127.0.0.256', 'localhost.evil.example', '0.0.0.0', '10.1.2.3', 'example.com', '']) assert.equal(isLoopbackHost(host), false, host);
  });

  it('withoutCredentials keeps the registry choice and drops every credential', () => {
    const kept = withoutCredentials({
      registry: 'https://r.example/', '@a:registry': 'https://a.example/', '//r.example/:_authToken': 'npm_x', _auth: 'x', token: 'x', username: 'u',
      _password: 'p', otp: '123456', cert: 'c', key: 'k', '//r.example/:certfile': '/c', strictSSL: true,
    });
    assert.deepEqual(kept, { registry: 'https://r.example/', '@a:registry': 'https://a.example/', strictSSL: true });
  });
});

describe('web auth: loopback hosts', () => {
  const rows: [string, boolean][] = [
    ['http://127.0.0.1:1/', true], ['http://127.0.0.2/', true], ['http://127.255.255.254/', true], ['http://2130706433/', true],
    ['http://localhost:8080/', true], ['http://LOCALHOST./', true], ['http://[::1]:9/', true], ['http://[0:0:0:0:0:0:0:1]/', true],
    ['http://128.0.0.1/', false], ['http://127.0.0.1.evil.example/', false], ['http://localhost.evil.example/', false],
    ['http://10.0.0.1/', false], ['http://[::2]/', false], ['http://evil.example/', false],
  ];
  for (const [url, loopback] of rows) {
    it(`${url} is ${loopback ? '' : 'not '}loopback`, () => assert.equal(isLoopbackHost(new URL(url).hostname), loopback));
  }
});
