// The .npmrc editor: one key changes, every other byte stays. Each row is also read back with `ini`,
// the parser npm uses, to show that npm sees the new value and every other key unchanged.
import * as assert from 'node:assert/strict';
import {
  authTokenKey, isWritableToken, npmrcKeyLines, readNpmrcValue, removeNpmrcValue, setNpmrcValue,
} from '../../../../src/core/account/npmrcEdit';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- npm's own parser (a dependency of @npmcli/config), for the differential check
const ini = require('ini') as { parse(text: string): Record<string, unknown> };

const KEY = authTokenKey('//registry.example/');
const NEW = 'npm_NEWTOKENnewtoken0123456789abcdefghij';

interface Row {
  what: string;
  before: string;
  /** After setting KEY to NEW. */
  set: string;
  /** After removing KEY. */
  removed: string;
}

const rows: Row[] = [
  { what: 'an empty file', before: '', set: `${KEY}=${NEW}\n`, removed: '' },
  { what: 'the token line alone', before: `${KEY}=old\n`, set: `${KEY}=${NEW}\n`, removed: '' },
  { what: 'token line first', before: `${KEY}=old\ncolor=false\n`, set: `${KEY}=${NEW}\ncolor=false\n`, removed: 'color=false\n' },
  { what: 'token line last', before: `color=false\n${KEY}=old\n`, set: `color=false\n${KEY}=${NEW}\n`, removed: 'color=false\n' },
  { what: 'token line missing: appended', before: 'color=false\nfund=false\n', set: `color=false\nfund=false\n${KEY}=${NEW}\n`, removed: 'color=false\nfund=false\n' },
  { what: 'CRLF kept, also for an added line', before: 'color=false\r\nfund=false\r\n', set: `color=false\r\nfund=false\r\n${KEY}=${NEW}\r\n`, removed: 'color=false\r\nfund=false\r\n' },
  { what: 'CRLF, token in the middle', before: `a=1\r\n${KEY}=old\r\nb=2\r\n`, set: `a=1\r\n${KEY}=${NEW}\r\nb=2\r\n`, removed: 'a=1\r\nb=2\r\n' },
  { what: 'no final newline, key missing', before: 'color=false', set: `color=false\n${KEY}=${NEW}`, removed: 'color=false' },
  { what: 'no final newline, token last', before: `color=false\n${KEY}=old`, set: `color=false\n${KEY}=${NEW}`, removed: 'color=false' },
  { what: 'comments and blank lines kept; a commented-out token is not a key', before: `# my tokens\n\n;${KEY}=commented\n#${KEY}=hash\n${KEY}=old ; inline\n`, set: `# my tokens\n\n;${KEY}=commented\n#${KEY}=hash\n${KEY}=${NEW}\n`, removed: `# my tokens\n\n;${KEY}=commented\n#${KEY}=hash\n` },
  { what: 'duplicates: the last (effective) one replaced, all removed', before: `${KEY}=first\nx=1\n${KEY}=second\n`, set: `${KEY}=first\nx=1\n${KEY}=${NEW}\n`, removed: 'x=1\n' },
  { what: 'spaces around = and indentation kept', before: `  ${KEY} = old\n`, set: `  ${KEY} = ${NEW}\n`, removed: '' },
  { what: 'a quoted value', before: `${KEY}="old"\n`, set: `${KEY}=${NEW}\n`, removed: '' },
  { what: 'a quoted key', before: `"${KEY}"=old\n`, set: `"${KEY}"=${NEW}\n`, removed: '' },
  { what: 'scoped registries and their tokens untouched', before: `@acme:registry=https://npm.acme.test/\n//npm.acme.test/:_authToken=acme-secret\n`, set: `@acme:registry=https://npm.acme.test/\n//npm.acme.test/:_authToken=acme-secret\n${KEY}=${NEW}\n`, removed: `@acme:registry=https://npm.acme.test/\n//npm.acme.test/:_authToken=acme-secret\n` },
  { what: 'a longer path on the same host is another key', before: `//registry.example/sub/:_authToken=other\n${KEY}=old\n`, set: `//registry.example/sub/:_authToken=other\n${KEY}=${NEW}\n`, removed: '//registry.example/sub/:_authToken=other\n' },
  { what: 'another registry\'s token with the same prefix untouched', before: `//registry.example.org/:_authToken=org\n`, set: `//registry.example.org/:_authToken=org\n${KEY}=${NEW}\n`, removed: '//registry.example.org/:_authToken=org\n' },
  { what: 'BOM kept, token first', before: `\uFEFF${KEY}=old\nx=1\n`, set: `\uFEFF${KEY}=${NEW}\nx=1\n`, removed: '\uFEFFx=1\n' },
  { what: 'BOM kept, key appended', before: '\uFEFFx=1\n', set: `\uFEFFx=1\n${KEY}=${NEW}\n`, removed: '\uFEFFx=1\n' },
  { what: 'a section: a new key goes above it (below it would be section.key)', before: `x=1\n[other]\n${KEY}=in-section\n`, set: `x=1\n${KEY}=${NEW}\n[other]\n${KEY}=in-section\n`, removed: `x=1\n[other]\n${KEY}=in-section\n` },
  { what: 'a key without a value', before: `${KEY}\n`, set: `${KEY}=${NEW}\n`, removed: '' },
  { what: 'old-style credentials for the registry stay (the token wins in npm)', before: '//registry.example/:username=u\n//registry.example/:_password=cA==\n', set: `//registry.example/:username=u\n//registry.example/:_password=cA==\n${KEY}=${NEW}\n`, removed: '//registry.example/:username=u\n//registry.example/:_password=cA==\n' },
  { what: '${VAR} references elsewhere kept literally', before: `//other.test/:_authToken=\${OTHER_TOKEN}\r\n${KEY}=\${NPM_TOKEN}\r\n`, set: `//other.test/:_authToken=\${OTHER_TOKEN}\r\n${KEY}=${NEW}\r\n`, removed: '//other.test/:_authToken=${OTHER_TOKEN}\r\n' },
  { what: 'lone CR line endings', before: `a=1\r${KEY}=old\r`, set: `a=1\r${KEY}=${NEW}\r`, removed: 'a=1\r' },
];

const withoutKey = (parsed: Record<string, unknown>) => Object.fromEntries(Object.entries(parsed).filter(([k]) => k !== KEY));

describe('npmrc editor', () => {
  for (const row of rows) {
    it(`set: ${row.what}`, () => {
      const after = setNpmrcValue(row.before, KEY, NEW);
      assert.equal(after, row.set);
      assert.equal(ini.parse(after)[KEY], NEW, 'npm reads the new token');
      assert.equal(readNpmrcValue(after, KEY), NEW);
      assert.deepEqual(withoutKey(ini.parse(after)), withoutKey(ini.parse(row.before)), 'every other key as npm reads it');
    });
    it(`remove: ${row.what}`, () => {
      const after = removeNpmrcValue(row.before, KEY);
      assert.equal(after, row.removed);
      assert.equal(ini.parse(after)[KEY], undefined, 'npm no longer finds a token');
      assert.deepEqual(withoutKey(ini.parse(after)), withoutKey(ini.parse(row.before)), 'every other key as npm reads it');
    });
  }

  it('reads values as ini does: quotes, inline comments, the last duplicate', () => {
    assert.equal(readNpmrcValue(`${KEY}="a;b"\n`, KEY), 'a;b');
    assert.equal(readNpmrcValue(`${KEY}=abc ; note\n`, KEY), 'abc');
    assert.equal(readNpmrcValue(`${KEY}=one\n${KEY}=two\n`, KEY), 'two');
    assert.equal(readNpmrcValue('x=1\n', KEY), undefined);
    assert.deepEqual(npmrcKeyLines(`# c\r\n${KEY}=one\r\nx=1\r\n${KEY}=two`, KEY), [2, 4]);
  });

  it('quotes a value only when ini would misread it, and refuses line breaks', () => {
    assert.equal(setNpmrcValue('', 'k', 'a;b'), 'k="a;b"\n');
    assert.equal(ini.parse(setNpmrcValue('', 'k', 'a#b')).k, 'a#b');
    assert.throws(() => setNpmrcValue('', 'k', 'a\nb=c'), /cannot span lines/);
  });

  describe('token alphabet (what a registry\'s token may be before it is written)', () => {
    const writable: [string, string][] = [
      ['npm token', 'npm_abcdefghijklmnopqrstuvwxyzABCDEF0123'],
      ['UUID (old npm tokens, Verdaccio)', '0b7e2f4c-6a1d-4c3e-9f8a-2d5b7c9e1f30'],
      ['JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl-_'],
      ['base64 with padding at the end', 'YWxpY2U6c2VjcmV0+/x=='],
      ['base64url and ~', 'abc_DEF-ghi~jkl.mno'],
      ['a GitHub token', 'ghp_0123456789abcdefghijABCDEFGHIJ012345'],
    ];
    const refused: [string, unknown][] = [
      ['empty', ''],
      ['command substitution', '$(touch PWNED)'],
      ['${VAR} reference', '${NPM_TOKEN}'],
      ['backtick', 'abc`id`'],
      ['newline adding a config line', 'abc\nregistry=https://evil.test/'],
      ['carriage return', 'abc\rdef'],
      ['double quote', 'abc"def'],
      ['single quote', "abc'def"],
      ['space', 'abc def'],
      ['tab', 'abc\tdef'],
      ['; (ini comment)', 'abc;def'],
      ['# (ini comment)', 'abc#def'],
      ['backslash', 'abc\\def'],
      ['= inside', 'abc=def'],
      ['= at the start', '=abc'],
      ['three = of padding', 'abc==='],
      ['NUL', 'abc\u0000'],
      ['DEL', 'abc\u007f'],
      ['a non-ASCII letter', 'tökén'],
      ['too long', 'a'.repeat(4097)],
      ['not a string', 42],
      ['undefined', undefined],
    ];
    for (const [what, token] of writable) it(`writable: ${what}`, () => assert.equal(isWritableToken(token), true));
    for (const [what, token] of refused) it(`refused: ${what}`, () => assert.equal(isWritableToken(token), false));
  });
});
