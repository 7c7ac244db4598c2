import * as assert from 'node:assert/strict';
import { displayRegistryUrl, escapeMarkdown, inert, list, logLine, md, plain } from '../../../../src/core/base/text';

describe('text hygiene', () => {
  const hostile = [
    '[x](command:workbench.action.terminal.sendSequence)',
    '![img](https://evil.example/p.png)',
    '<img src=x onerror=alert(1)>',
    'https://evil.example/login',
    'www.evil.example',
    'alice@evil.example',
    '$(check) ready',
    '**bold** _em_ ~~gone~~ `code` | cell | # heading',
    'line one\n\n---\n# new block',
  ];

  for (const text of hostile) {
    it(`Markdown keeps it inert: ${JSON.stringify(text)}`, () => {
      const escaped = md(text);
      assert.doesNotMatch(escaped, /(?<!\\)\]\(/, 'no link');
      assert.doesNotMatch(escaped, /(?<!\\)</, 'no HTML');
      assert.doesNotMatch(escaped, /(?<!\\)\$\(/, 'no codicon');
      assert.doesNotMatch(escaped, /(?<!\\):\/\/|(?<!\\)@|\bwww\.(?!\\)/, 'no autolink');
      assert.doesNotMatch(escaped, /\n/, 'one line');
      // Removing the escapes gives the text back (on one line): nothing was lost.
      assert.equal(escaped.replace(/\\(.)/g, '$1'), plain(text));
    });
    it(`status bar, quick pick and notification keep it inert: ${JSON.stringify(text)}`, () => {
      const shown = inert(text);
      assert.doesNotMatch(shown, /\$\(|\]\(/);
      assert.equal(shown.replace(/\u200b/g, ''), plain(text));
    });
  }

  it('escapeMarkdown leaves plain words alone', () => assert.equal(escapeMarkdown('Session: 1 h 12 min left.'), 'Session: 1 h 12 min left.'));

  it('plain makes one line without control or bidi characters', () => {
    assert.equal(plain('a\r\nb\tc\u0007d\u202ee'), 'a b c de');
  });

  it('list accepts what the registry sends instead of a list', () => {
    assert.deepEqual([list(['a', 1]), list('10.0.0.0/8'), list(undefined), list({ a: 1 })], [['a', '1'], ['10.0.0.0/8'], [], []]);
  });

  it('log lines are one line and redacted', () => {
    const token = 'npm_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
    assert.equal(logLine('status', `refresh failed: ${token}\n[extension] forged`), '[status] refresh failed: npm_*** [extension] forged');
  });

  const urls: [string, string][] = [
    ['https://npm.fury.io/k7Qm2Zr9Xw4Lp8Nv3Tb6/', 'https://npm.fury.io/***/'],
    ['https://npm.fury.io/k7Qm2Zr9Xw4Lp8Nv3Tb6/acme/', 'https://npm.fury.io/***/acme/'],
    ['https://gitlab.example/api/v4/projects/12345678/packages/npm/', 'https://gitlab.example/api/v4/projects/12345678/packages/npm/'],
    ['https://pkgs.dev.azure.com/acme/_packaging/feed/npm/registry/', 'https://pkgs.dev.azure.com/acme/_packaging/feed/npm/registry/'],
  ];
  for (const [url, shown] of urls) it(`displayRegistryUrl(${url})`, () => assert.equal(displayRegistryUrl(url), shown));
});
