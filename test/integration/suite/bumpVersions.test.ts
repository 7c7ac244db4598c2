// "npm: Bump Versions in Workspace…" inside the real extension host, with the prompts injected: the
// chosen package moves, the dependent's range follows, every other byte of both files stays (one of
// them CRLF, tab-indented, without a final newline), and nothing is written without Bump.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PublishAuthApi } from '../../../src/ui/publishAuthExtension';
import type { Prompts } from '../../../src/ui/prompts';

const EXTENSION_ID = 'npm-publish-auth.npm-publish-auth';

describe('npm: Bump Versions in Workspace', function () {
  let api: PublishAuthApi;
  let root: string;
  let asked: string[];
  let cases = 0;

  before(async () => {
    api = await vscode.extensions.getExtension<PublishAuthApi>(EXTENSION_ID)!.activate();
    root = path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'bump-cases');
  });

  after(() => {
    api.usePrompts(undefined);
    fs.rmSync(root, { recursive: true, force: true });
  });

  beforeEach(() => {
    asked = [];
  });

  /** Two packages, fresh names per test: a (LF, two spaces) and b (CRLF, tabs, no final newline) needing ^1.0.0 of a. */
  function workspace(): { a: string; b: string; aText: string; bText: string; names: { a: string; b: string } } {
    const dir = path.join(root, `case-${++cases}`);
    const names = { a: `bump-ws-a${cases}`, b: `bump-ws-b${cases}` };
    const aText = `{\n  "name": "${names.a}",\n  "version": "1.0.0",\n  "description": "version: \\"1.0.0\\"",\n  "license": "MIT"\n}\n`;
    const bText = [
      '{',
      `\t"version": "2.3.4",`,
      `\t"name": "${names.b}",`,
      '\t"private": true,',
      `\t"dependencies": {\t"left-pad": "^1.0.0", "${names.a}": "^1.0.0" },`,
      `\t"peerDependencies": { "${names.a}": "workspace:*" }`,
      '}',
    ].join('\r\n');
    for (const [name, text] of [['a', aText], ['b', bText]] as const) {
      fs.mkdirSync(path.join(dir, name), { recursive: true });
      fs.writeFileSync(path.join(dir, name, 'package.json'), text);
    }
    return { a: path.join(dir, 'a', 'package.json'), b: path.join(dir, 'b', 'package.json'), aText, bText, names };
  }

  /** Prompts that answer from a script and record what was asked, in order. */
  function answer(script: { packages: string[]; kind: string; confirm?: string }): void {
    const prompts: Partial<Prompts> = {
      pickMany: async (items, { title }) => {
        asked.push(`pickMany: ${title}`);
        return items.filter((item) => script.packages.includes(item.label));
      },
      pick: async (items, { title }) => {
        asked.push(`pick: ${title} [${items.map((item) => item.label).join(', ')}]`);
        return items.find((item) => item.label === script.kind);
      },
      confirm: async (message, detail, ...buttons) => {
        asked.push(`confirm: ${message} [${buttons.join(', ')}]`, ...detail.split('\n').map((line) => `  ${line}`));
        return script.confirm;
      },
      message: async (severity, text) => {
        asked.push(`${severity}: ${text}`);
        return undefined;
      },
    };
    api.usePrompts(prompts);
  }

  it('a minor bump of a: a is 1.1.0, b\'s range ^1.1.0, every other byte of both files the same', async () => {
    const ws = workspace();
    answer({ packages: [ws.names.a], kind: 'minor', confirm: 'Bump' });
    await vscode.commands.executeCommand('npmPublishAuth.bumpVersions');
    assert.deepEqual(asked, [
      'pickMany: Bump Versions in Workspace',
      'pick: Bump 1 package(s) [patch, minor, major, prerelease]',
      'confirm: Bump 1 package(s) (minor) and update 1 range(s) in the workspace? [Bump]',
      `  ${ws.names.a} 1.0.0 → 1.1.0`,
      `  ${ws.names.b}: dependencies.${ws.names.a} ^1.0.0 → ^1.1.0`,
      'info: 1 package(s) bumped (minor); 1 range(s) in the workspace follow.',
    ]);
    assert.equal(fs.readFileSync(ws.a, 'utf8'), ws.aText.replace('"version": "1.0.0"', '"version": "1.1.0"'));
    assert.equal(fs.readFileSync(ws.b, 'utf8'), ws.bText.replace(`"${ws.names.a}": "^1.0.0"`, `"${ws.names.a}": "^1.1.0"`));
    assert.match(fs.readFileSync(ws.b, 'utf8'), /\r\n\t"dependencies": \{\t"left-pad": "\^1\.0\.0", /, 'CRLF, tabs and the neighbour stay');
  });

  it('cancel at the preview writes nothing', async () => {
    const ws = workspace();
    answer({ packages: [ws.names.a], kind: 'major', confirm: undefined });
    await vscode.commands.executeCommand('npmPublishAuth.bumpVersions');
    assert.equal(asked.filter((line) => line.startsWith('confirm:')).length, 1);
    assert.ok(asked.includes(`  ${ws.names.b}: dependencies.${ws.names.a} ^1.0.0 → ^2.0.0`), asked.join('\n'));
    assert.deepEqual(asked.filter((line) => /^(info|warning|error):/.test(line)), [], 'no result: nothing happened');
    assert.equal(fs.readFileSync(ws.a, 'utf8'), ws.aText);
    assert.equal(fs.readFileSync(ws.b, 'utf8'), ws.bText);
  });

  it('a broken package.json among the chosen is named in the preview and left as it is; the others go', async () => {
    const ws = workspace();
    const broken = path.join(path.dirname(path.dirname(ws.a)), 'broken', 'package.json');
    const brokenText = `{ "name": "bump-broken${cases}", "version": "1.0.0",`;
    fs.mkdirSync(path.dirname(broken), { recursive: true });
    fs.writeFileSync(broken, brokenText);
    const brokenLabel = vscode.workspace.asRelativePath(path.dirname(broken));
    answer({ packages: [ws.names.a, brokenLabel], kind: 'patch', confirm: 'Bump' });
    await vscode.commands.executeCommand('npmPublishAuth.bumpVersions');
    assert.ok(asked.some((line) => line.startsWith(`  ${brokenLabel}: not changed: package.json is not valid JSON`)), asked.join('\n'));
    assert.ok(asked.some((line) => /^warning: 1 package\(s\) bumped \(patch\); 1 range\(s\) in the workspace follow\. Not changed: .*not valid JSON/.test(line)), asked.join('\n'));
    assert.equal(fs.readFileSync(broken, 'utf8'), brokenText, 'the broken file keeps every byte');
    assert.match(fs.readFileSync(ws.a, 'utf8'), /"version": "1\.0\.1"/);
  });

  it('a file edited after the preview was made is not overwritten: nothing is written', async () => {
    const ws = workspace();
    answer({ packages: [ws.names.a], kind: 'minor', confirm: 'Bump' });
    const edited = ws.bText.replace('"private": true', '"private": false');
    api.usePrompts({
      pickMany: async (items) => items.filter((item) => item.label === ws.names.a),
      pick: async (items) => items.find((item) => item.label === 'minor'),
      confirm: async (_message, _detail, bump) => {
        fs.writeFileSync(ws.b, edited);
        return bump;
      },
      message: async (severity, text) => (asked.push(`${severity}: ${text}`), undefined),
    });
    await vscode.commands.executeCommand('npmPublishAuth.bumpVersions');
    assert.equal(asked.length, 1);
    assert.match(asked[0]!, /^error: .*b[/\\]package\.json is no longer what the preview showed, so nothing was written/);
    assert.equal(fs.readFileSync(ws.a, 'utf8'), ws.aText);
    assert.equal(fs.readFileSync(ws.b, 'utf8'), edited);
  });
});
