import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import {
  basicAuthUsername, looksLikeSecretSegment, maskToken, registerConfigEntry, safeUsername, SecretRegistry,
} from '../../../../src/core/base/secrets';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('npmConfig: maskToken', () => {
  const cases: [string, string, string][] = [
    ['npm token', 'npm_abcdEFGHijklMNOPqrstUVWXyz0123456789', 'npm_abcd...6789'],
    ['legacy UUID', '6f1a2b3c-1111-2222-3333-444455556666', '6f1a...6666'],
    ['short npm token', 'npm_shortone', 'npm_...'],
    ['short other token', 'abc', '...'],
    ['16 characters', '0123456789abcdef', '0123...cdef'],
  ];
  for (const [what, token, masked] of cases) it(what, () => assert.equal(maskToken(token), masked));
});

describe('SecretRegistry: redaction by value', () => {
  const token34 = 'Zq8xR2vN5tLw9KcP3mYb7HdF1sJg4QaE6u'; // 34 characters, no known shape
  const opaque20 = 'k7Qm2Zr9Xw4Lp8Nv3Tb6';
  const cases: [what: string, secret: string, text: string, shown: string][] = [
    ['a 34-character token', token34, `Bearer? no: token ${token34} was sent`, 'Bearer? no: token *** was sent'],
    ['an opaque 20-character token inside a word', opaque20, `x${opaque20}y`, 'x***y'],
    ['a short password, standing alone', 'pw42', 'user:pw42@host and pw42x', 'user:***@host and pw42x'],
    ['its percent-encoded form', 'p@ss/word!', 'https://u:p%40ss%2Fword!@h/', 'https://***@h/'],
    ['a value with spaces around it', '  hunter2hunter2  ', 'said hunter2hunter2.', 'said ***.'],
  ];
  for (const [what, secret, text, shown] of cases) {
    it(what, () => {
      const registry = new SecretRegistry();
      registry.register(secret);
      assert.equal(registry.redact(text), shown);
    });
  }

  it('replaces the longer of two overlapping secrets whole', () => {
    const registry = new SecretRegistry();
    registry.register('abcdefghijkl');
    registry.register('abcdefghijklmnopqrst');
    assert.equal(registry.redact('[abcdefghijklmnopqrst]'), '[***]');
  });

  it('does not register values too short to hide, nor ${VAR} references', () => {
    const registry = new SecretRegistry();
    for (const value of ['abc', '${NPM_TOKEN}', '', undefined, 42]) registry.register(value);
    assert.equal(registry.size, 0);
    assert.equal(registry.redact('abc uses ${NPM_TOKEN}'), 'abc uses ${NPM_TOKEN}');
  });

  it('keeps npm\'s shape rules for what nobody registered', () => {
    const registry = new SecretRegistry();
    const npmToken = 'npm_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
    assert.equal(registry.redact(`t=${npmToken} 6f1a2b3c-1111-2222-3333-444455556666 https://u:p@h/`), 't=npm_*** *** https://***@h/');
  });

  it('turns any value into text without throwing', () => {
    const registry = new SecretRegistry();
    assert.deepEqual([registry.redact(12), registry.redact(null), registry.redact({ a: 1 }), registry.redact(['a', 2])], ['12', '', '', 'a, 2']);
  });
});

describe('registerConfigEntry: what a config entry holds that is secret', () => {
  const cases: [key: string, value: string, hidden: string[], kept: string[]][] = [
    ['//h/:_authToken', 'tok-R2-opaque-value', ['tok-R2-opaque-value'], []],
    ['//h/:_password', b64('s3cretpass'), [b64('s3cretpass'), 's3cretpass'], []],
    ['//h/:_auth', b64('deploy:s3cretpass'), [b64('deploy:s3cretpass'), 's3cretpass', 'deploy:s3cretpass'], ['deploy']],
    ['//h/:_auth', b64('Zq8xR2vN5tLw9KcP3mYb'), [b64('Zq8xR2vN5tLw9KcP3mYb'), 'Zq8xR2vN5tLw9KcP3mYb'], []],
    ['registry', 'https://bob:hunter22@npm.example/', ['hunter22'], ['bob']],
    ['@acme:registry', 'https://Zq8xR2vN5tLw9KcP@npm.example/', ['Zq8xR2vN5tLw9KcP'], []],
    ['registry', 'https://npm.fury.io/k7Qm2Zr9Xw4Lp8Nv3Tb6/', ['k7Qm2Zr9Xw4Lp8Nv3Tb6'], ['npm.fury.io']],
    ['//npm.fury.io/k7Qm2Zr9Xw4Lp8Nv3Tb6/:_authToken', 'x', ['k7Qm2Zr9Xw4Lp8Nv3Tb6'], ['npm.fury.io']],
    ['registry', 'https://npm.pkg.github.com/acme-internal-packages/', [], ['acme-internal-packages']],
    ['email', 'alice@example.com', [], ['alice@example.com']],
  ];
  for (const [key, value, hidden, kept] of cases) {
    it(`${key}=${value}`, () => {
      const registry = new SecretRegistry();
      registerConfigEntry(key, value, registry);
      for (const secret of hidden) assert.equal(registry.redact(`<${secret}>`), '<***>', `${secret} is hidden`);
      for (const text of kept) assert.equal(registry.redact(`<${text}>`), `<${text}>`, `${text} is kept`);
    });
  }
});

describe('basicAuthUsername: a name from _auth only when it is user:password', () => {
  const cases: [auth: string | undefined, name: string | undefined][] = [
    [b64('deploy:s3cret'), 'deploy'],
    [b64('npm_Zq8xR2vN5tLw9KcP3mYb7HdF1sJg4QaE6uXX'), undefined], // a token pasted into _auth
    [b64('Zq8xR2vN5tLw9KcP3mYb'), undefined],
    [b64('deploy:'), undefined],
    [b64(':s3cret'), undefined],
    [b64('Zq8xR2vN5tLw9KcP3mYb:s3cret'), undefined], // the "name" looks like a token
    ['not base64 at all!', undefined],
    [undefined, undefined],
  ];
  for (const [auth, name] of cases) it(`${auth} → ${name}`, () => assert.equal(basicAuthUsername(auth, new SecretRegistry()), name));

  it('never a name that is a registered secret', () => {
    const registry = new SecretRegistry();
    registry.register('s3cret-and-name');
    assert.equal(safeUsername('s3cret-and-name', registry), undefined);
    assert.equal(safeUsername('alice', registry), 'alice');
  });
});

describe('looksLikeSecretSegment', () => {
  const cases: [string, boolean][] = [
    ['k7Qm2Zr9Xw4Lp8Nv3Tb6', true], // Gemfury-style token
    ['3f2504e0-4f89-11d3-9a0c-0305e82c3301', true], // a GUID-named feed: hidden, at little cost
    ['Zq8xR2vN5tLw9KcP3mYb7HdF1sJg4QaE6u', true],
    ['npm-virtual', false],
    ['acme-internal-packages', false],
    ['12345678', false], // GitLab project id
    ['packages-2024-internal', false],
    ['registry.npmjs.org', false],
    ['acme-feed2024-production', false],
    ['short7Qm2Zr9', false],
  ];
  for (const [segment, secret] of cases) it(`${segment} → ${secret}`, () => assert.equal(looksLikeSecretSegment(segment), secret));
});

describe('the session registry across bundles', () => {
  it('is one per process: what one copy of the module registers, another copy redacts', () => {
    // dist/pipeline.js registers and dist/extension.js logs, each with its own copy of secrets.ts.
    const load = createRequire(__filename);
    const file = load.resolve('../../../../src/core/base/secrets');
    const copy = () => {
      delete load.cache[file];
      return load(file) as typeof import('../../../../src/core/base/secrets');
    };
    const pipelineCopy = copy();
    const extensionCopy = copy();
    assert.notEqual(pipelineCopy, extensionCopy);
    pipelineCopy.registerSecret('cross-bundle-9f3kQ2mZ');
    assert.equal(extensionCopy.redactSecrets('sent cross-bundle-9f3kQ2mZ'), 'sent ***');
  });
});
