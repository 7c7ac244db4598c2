import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/base/localize';
import { checkCi, type CiFinding } from '../../../../src/core/trust/ciChecks';
import { idTokenFixes, repositoryFix, type LineEdit } from '../../../../src/core/trust/ciQuickFixes';
import { readWorkflow } from '../../../../src/core/trust/workflowFile';

/** The text with the edit applied, its positions counted as an editor counts them (a CR ends a line). */
function applied(text: string, edit: LineEdit): string {
  const offset = (line: number, character: number) => {
    const lines = text.split('\n');
    assert.ok(character <= lines[line]!.replace(/\r$/, '').length, `character ${character} is inside line ${line}`);
    return lines.slice(0, line).reduce((sum, l) => sum + l.length + 1, 0) + character;
  };
  return text.slice(0, offset(edit.line, edit.character)) + edit.text + text.slice(offset(edit.endLine, edit.endCharacter));
}

const PATH = '.github/workflows/publish.yml';
const REMOTE = 'git@github.com:Alice/Tools.git';
const findingsOf = (workflow: string, manifest = '{"name": "x"}') =>
  checkCi({ workflows: [readWorkflow(PATH, workflow)], npmrcs: [], manifest: { file: 'package.json', text: manifest }, remoteUrl: REMOTE }, english);
const states = (findings: CiFinding[], id: CiFinding['id']) => findings.filter((f) => f.id === id).map((f) => f.state);

describe('quick fixes of the CI checklist', () => {
  describe('add-id-token: the publishing job gets id-token: write', () => {
    const lines = (...l: string[]) => l.join('\n');
    const cases: [string, string, string, 'job' | 'workflow'][] = [
      ['a job permissions block without id-token: a first entry at its indentation', lines(
        'on: push',
        'jobs:',
        '  release:',
        '    runs-on: ubuntu-latest',
        '    permissions:',
        '      contents: read # why: checkout',
        '    steps:',
        '      - run: npm publish',
      ), lines(
        'on: push',
        'jobs:',
        '  release:',
        '    runs-on: ubuntu-latest',
        '    permissions:',
        '      id-token: write',
        '      contents: read # why: checkout',
        '    steps:',
        '      - run: npm publish',
      ), 'job'],
      ['a job without permissions, nor the workflow: a block after the job header', lines(
        'on: push',
        'jobs:',
        '  release: # the publish',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: npm publish',
        '',
      ), lines(
        'on: push',
        'jobs:',
        '  release: # the publish',
        '    permissions:',
        '      id-token: write',
        '      contents: read',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: npm publish',
        '',
      ), 'job'],
      ['workflow-level permissions that the job uses: they gain the entry', lines(
        'on: push',
        'permissions:',
        '  contents: read',
        'jobs:',
        '  release:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: npm publish',
      ), lines(
        'on: push',
        'permissions:',
        '  id-token: write',
        '  contents: read',
        'jobs:',
        '  release:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: npm publish',
      ), 'workflow'],
      ['a job\'s own permissions replace the workflow\'s: the job\'s gain it', lines(
        'permissions:',
        '  id-token: write',
        'jobs:',
        '  release:',
        '    permissions:',
        '      contents: write',
        '    steps:',
        '      - run: npm publish',
      ), lines(
        'permissions:',
        '  id-token: write',
        'jobs:',
        '  release:',
        '    permissions:',
        '      id-token: write',
        '      contents: write',
        '    steps:',
        '      - run: npm publish',
      ), 'job'],
      ['a 4-space file: the new block indents by 4', lines(
        'jobs:',
        '    release:',
        '        runs-on: ubuntu-latest',
        '        steps:',
        '            - run: npm publish',
      ), lines(
        'jobs:',
        '    release:',
        '        permissions:',
        '            id-token: write',
        '            contents: read',
        '        runs-on: ubuntu-latest',
        '        steps:',
        '            - run: npm publish',
      ), 'job'],
      ['a 4-space permissions block', lines(
        'jobs:',
        '    release:',
        '        permissions:',
        '            contents: read',
        '        steps:',
        '            - run: npm publish',
      ), lines(
        'jobs:',
        '    release:',
        '        permissions:',
        '            id-token: write',
        '            contents: read',
        '        steps:',
        '            - run: npm publish',
      ), 'job'],
      ['an id-token entry that only reads: its value becomes write, its comment stays', lines(
        'jobs:',
        '  release:',
        '    permissions:',
        '      contents: read',
        "      id-token: 'read' # was enough for tests",
        '    steps:',
        '      - run: npm publish',
      ), lines(
        'jobs:',
        '  release:',
        '    permissions:',
        '      contents: read',
        '      id-token: write # was enough for tests',
        '    steps:',
        '      - run: npm publish',
      ), 'job'],
      ['an empty workflow permissions key on the last line, no line break after it', lines(
        'jobs:',
        '  release:',
        '    steps:',
        '      - run: npm publish',
        'permissions:',
      ), lines(
        'jobs:',
        '  release:',
        '    steps:',
        '      - run: npm publish',
        'permissions:',
        '  id-token: write',
      ), 'workflow'],
    ];
    for (const [title, before, after, scope] of cases) {
      it(title, () => {
        assert.deepEqual(states(findingsOf(before), 'id-token'), ['problem']);
        const fixes = idTokenFixes(PATH, before);
        assert.equal(fixes.length, 1);
        assert.equal(fixes[0]!.scope, scope);
        // The fix is found on the line the diagnostic is on.
        assert.equal(fixes[0]!.line, findingsOf(before).find((f) => f.id === 'id-token')!.at!.line);
        const result = applied(before, fixes[0]!.edit);
        assert.equal(result, after);
        assert.deepEqual(states(findingsOf(result), 'id-token'), ['ok']);
      });
    }

    it('CRLF stays CRLF', () => {
      const before = 'jobs:\r\n  release:\r\n    runs-on: ubuntu-latest\r\n    steps:\r\n      - run: npm publish\r\n';
      const result = applied(before, idTokenFixes(PATH, before)[0]!.edit);
      assert.equal(result, 'jobs:\r\n  release:\r\n    permissions:\r\n      id-token: write\r\n      contents: read\r\n    runs-on: ubuntu-latest\r\n    steps:\r\n      - run: npm publish\r\n');
      assert.deepEqual(states(findingsOf(result), 'id-token'), ['ok']);
    });

    it('two publishing jobs: one fix each, a shared workflow block once per job on the same line', () => {
      const before = lines('permissions:', '  contents: read', 'jobs:', '  a:', '    steps:', '      - run: npm publish', '  b:', '    steps:', '      - run: npm publish');
      const fixes = idTokenFixes(PATH, before);
      assert.deepEqual(fixes.map((f) => [f.job, f.line, f.scope]), [['a', 1, 'workflow'], ['b', 1, 'workflow']]);
      assert.deepEqual(fixes[0]!.edit, fixes[1]!.edit);
      assert.deepEqual(states(findingsOf(applied(before, fixes[0]!.edit)), 'id-token'), ['ok', 'ok']);
    });

    it('permissions as a scalar or a flow mapping: no fix, only the diagnostic', () => {
      for (const [top, own] of [['permissions: read-all', []], [], ['permissions: {}', []], ['permissions: { contents: read }', []]] as [string?, string[]?][]) {
        const text = lines(...(top ? [top] : []), 'jobs:', '  release:', ...(own ?? ['    permissions: read-all']), '    steps:', '      - run: npm publish');
        assert.deepEqual(states(findingsOf(text), 'id-token'), ['problem'], text);
        assert.deepEqual(idTokenFixes(PATH, text), [], text);
      }
    });

    it('a job that already may: no fix; a job that does not publish: none either', () => {
      const text = lines('jobs:', '  test:', '    steps:', '      - run: npm test', '  release:', '    permissions:', '      id-token: write', '    steps:', '      - run: npm publish');
      assert.deepEqual(idTokenFixes(PATH, text), []);
    });
  });

  describe('set-repository-url: package.json\'s repository is the git remote, as the remote spells it', () => {
    const URL = 'git+https://github.com/Alice/Tools.git';
    const object = (indent: string, eol = '\n', level = 1) =>
      ['{', `${indent.repeat(level + 1)}"type": "git",`, `${indent.repeat(level + 1)}"url": "${URL}"`, `${indent.repeat(level)}}`].join(eol);
    const cases: [string, string, string][] = [
      ['a string repository is replaced by the object',
        '{\n  "name": "@alice/tools",\n  "version": "1.0.0",\n  "repository": "https://github.com/someone/else",\n  "main": "index.js"\n}\n',
        `{\n  "name": "@alice/tools",\n  "version": "1.0.0",\n  "repository": ${object('  ')},\n  "main": "index.js"\n}\n`],
      ['an object repository: only its url changes (its directory stays)',
        '{\n  "name": "@alice/tools",\n  "repository": {\n    "type": "git",\n    "url": "git+https://github.com/someone/else.git",\n    "directory": "packages/tools"\n  }\n}',
        `{\n  "name": "@alice/tools",\n  "repository": {\n    "type": "git",\n    "url": "${URL}",\n    "directory": "packages/tools"\n  }\n}`],
      ['an object without a url is replaced',
        '{\n  "name": "@alice/tools",\n  "repository": { "type": "git" }\n}\n',
        `{\n  "name": "@alice/tools",\n  "repository": ${object('  ')}\n}\n`],
      ['no repository: added after "version", before the next key',
        '{\n  "name": "@alice/tools",\n  "version": "1.0.0",\n  "main": "index.js"\n}\n',
        `{\n  "name": "@alice/tools",\n  "version": "1.0.0",\n  "repository": ${object('  ')},\n  "main": "index.js"\n}\n`],
      ['no repository nor version: added after "name", the last key',
        '{\n  "name": "@alice/tools"\n}',
        `{\n  "name": "@alice/tools",\n  "repository": ${object('  ')}\n}`],
      ['a 4-space file',
        '{\n    "version": "1.0.0",\n    "name": "@alice/tools"\n}\n',
        `{\n    "version": "1.0.0",\n    "repository": ${object('    ')},\n    "name": "@alice/tools"\n}\n`],
      ['a tab-indented file',
        '{\n\t"name": "@alice/tools",\n\t"repository": null\n}\n',
        `{\n\t"name": "@alice/tools",\n\t"repository": ${object('\t')}\n}\n`],
      ['CRLF stays CRLF',
        '{\r\n  "name": "@alice/tools",\r\n  "version": "1.0.0"\r\n}\r\n',
        `{\r\n  "name": "@alice/tools",\r\n  "version": "1.0.0",\r\n  "repository": ${object('  ', '\r\n')}\r\n}\r\n`],
      ['"repository" inside a string and in a nested object is not the key',
        '{\n  "name": "@alice/tools",\n  "description": "see \\"repository\\": \\"x\\"",\n  "config": { "repository": "https://github.com/someone/else" },\n  "version": "1.0.0"\n}\n',
        `{\n  "name": "@alice/tools",\n  "description": "see \\"repository\\": \\"x\\"",\n  "config": { "repository": "https://github.com/someone/else" },\n  "version": "1.0.0",\n  "repository": ${object('  ')}\n}\n`],
      ['a file on one line stays on one line',
        '{"name":"@alice/tools","version":"1.0.0","repository":"someone/else"}',
        `{"name":"@alice/tools","version":"1.0.0","repository":{"type": "git", "url": "${URL}"}}`],
      ['an empty object', '{}', `{\n  "repository": ${object('  ')}\n}`],
    ];
    for (const [title, before, after] of cases) {
      it(title, () => {
        assert.deepEqual(states(findingsOf('', before), 'repository'), ['problem']);
        const edit = repositoryFix(before, REMOTE);
        assert.ok(edit);
        const result = applied(before, edit);
        assert.equal(result, after);
        assert.deepEqual(states(findingsOf('', result), 'repository'), ['ok']);
      });
    }

    it('no fix for a remote off GitHub or a package.json that is not a JSON object', () => {
      assert.equal(repositoryFix('{"name": "x"}', 'https://gitlab.com/alice/tools.git'), undefined);
      assert.equal(repositoryFix('{"name": "x",}', REMOTE), undefined);
      assert.equal(repositoryFix('["name"]', REMOTE), undefined);
    });

    it('the finding is on the line of the "repository" key, or of the opening brace without one', () => {
      const at = (text: string) => findingsOf('', text).find((f) => f.id === 'repository')!.at;
      assert.deepEqual(at('{\n  "name": "x",\n  "repository": "a/b"\n}'), { file: 'package.json', line: 3 });
      assert.deepEqual(at('\n\n{\n  "name": "x"\n}'), { file: 'package.json', line: 3 });
      assert.equal(at('not json'), undefined);
    });
  });
});
