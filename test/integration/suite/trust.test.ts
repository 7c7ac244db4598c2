// The CI checklist of trusted publishing inside the real extension host: a repository whose workflow
// publishes without what OIDC needs gets Problems entries on the lines to fix, and the mechanical
// ones a quick fix that, applied and saved, makes the entry go.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PublishAuthApi } from '../../../src/ui/publishAuthExtension';
import { startRegistry, type LocalRegistry } from '../../registry/server';
import { declareNpmjs } from '../registryKinds';
import { defaultScenario, tokenOf } from '../../registry/scenarios';

const EXTENSION_ID = 'npm-publish-auth.npm-publish-auth';
const userNpmrc = path.join(os.homedir(), '.npmrc');

describe('the CI checklist of trusted publishing', function () {
  let api: PublishAuthApi;
  let registry: LocalRegistry;
  let root: string;

  before(async () => {
    registry = await startRegistry({ scenario: 'default' });
    await declareNpmjs(registry);
    api = await vscode.extensions.getExtension<PublishAuthApi>(EXTENSION_ID)!.activate();
    root = path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'trust-cases');
    const nerf = registry.url.replace(/^http:/, '');
    fs.writeFileSync(userNpmrc, `registry=${registry.url}\n${nerf}:_authToken=${tokenOf(defaultScenario, 'alice-session')}\n`, { mode: 0o600 });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(userNpmrc, { force: true });
    await registry.close();
  });

  /** The Problems entries of `file` once there are some: after each change of the diagnostics, never on a timer. */
  function diagnosticsOf(file: string): Promise<vscode.Diagnostic[]> {
    const uri = vscode.Uri.file(file);
    const now = vscode.languages.getDiagnostics(uri);
    if (now.length > 0) return Promise.resolve(now);
    return new Promise((resolve) => {
      const sub = vscode.languages.onDidChangeDiagnostics((event) => {
        if (!event.uris.some((u) => u.fsPath === uri.fsPath)) return;
        const found = vscode.languages.getDiagnostics(uri);
        if (found.length > 0) {
          sub.dispose();
          resolve(found);
        }
      });
    });
  }

  /** Resolves once `file`'s Problems entries satisfy `done`: checked now and after each change, never on a timer. */
  function diagnosticsUntil(file: string, done: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
    const uri = vscode.Uri.file(file);
    return new Promise((resolve) => {
      const check = () => {
        const now = vscode.languages.getDiagnostics(uri);
        if (!done(now)) return false;
        sub.dispose();
        resolve(now);
        return true;
      };
      const sub = vscode.languages.onDidChangeDiagnostics((event) => {
        if (event.uris.some((u) => u.fsPath === uri.fsPath)) check();
      });
      check();
    });
  }

  /** A repository under the workspace: `.git/config` with an origin remote, and its files (paths relative to it); the files' absolute paths. */
  function writeRepository(name: string, remote: string, files: Record<string, string>): Record<string, string> {
    const repo = path.join(root, name);
    const written: Record<string, string> = {};
    for (const [relative, text] of Object.entries({ '.git/config': `[remote "origin"]\n\turl = ${remote}\n`, ...files })) {
      written[relative] = path.join(repo, relative);
      fs.mkdirSync(path.dirname(written[relative]), { recursive: true });
      fs.writeFileSync(written[relative], text);
    }
    return written;
  }

  /** Applies the quick fix offered on the entry `code` of `file`, saves, and resolves once the entry is gone. */
  async function applyQuickFix(file: string, code: string, title: string): Promise<void> {
    const uri = vscode.Uri.file(file);
    // The code-action command needs the document loaded; it stays in the background (the manifest's editor keeps the status).
    const document = await vscode.workspace.openTextDocument(uri);
    const [diagnostic] = await diagnosticsUntil(file, (now) => now.some((d) => d.code === code)).then((now) => now.filter((d) => d.code === code));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic!.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((action) => action.title === title);
    assert.ok(fix?.edit, `offered: ${actions.map((action) => action.title).join(', ')}`);
    assert.equal(fix.isPreferred, true);
    const gone = diagnosticsUntil(file, (now) => !now.some((d) => d.code === code));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.ok(await document.save());
    await gone;
  }

  it('the quick fixes add id-token: write to the job and set repository.url to the remote; saved, their entries go', async () => {
    const { '.github/workflows/release.yml': workflow, 'package.json': manifest } = writeRepository('fixes', 'git@github.com:Alice/Fixes.git', {
      '.github/workflows/release.yml': 'on: push\r\njobs:\r\n  release:\r\n    runs-on: ubuntu-latest\r\n    steps:\r\n      - run: npm install -g npm@latest\r\n      - run: npm publish\r\n',
      'package.json': '{\n    "name": "@alice/fixes",\n    "version": "1.0.0",\n    "repository": "https://github.com/someone/else"\n}\n',
    });
    await vscode.window.showTextDocument(vscode.Uri.file(manifest));
    await api.refresh();

    await applyQuickFix(workflow, 'id-token', 'Add id-token: write to Job "release"');
    assert.equal(fs.readFileSync(workflow, 'utf8'), 'on: push\r\njobs:\r\n  release:\r\n    permissions:\r\n      id-token: write\r\n      contents: read\r\n    runs-on: ubuntu-latest\r\n    steps:\r\n      - run: npm install -g npm@latest\r\n      - run: npm publish\r\n');
    await applyQuickFix(manifest, 'repository', 'Set repository.url to the Git Remote');
    assert.equal(fs.readFileSync(manifest, 'utf8'), '{\n    "name": "@alice/fixes",\n    "version": "1.0.0",\n    "repository": {\n        "type": "git",\n        "url": "git+https://github.com/Alice/Fixes.git"\n    }\n}\n');
  });

  it('a workflow without id-token: write and an old npm, and a repository.url that is not the remote', async () => {
    const { '.github/workflows/publish.yml': workflow, 'package.json': manifest } = writeRepository('tools', 'git@github.com:alice/tools.git', {
      '.github/workflows/publish.yml': [
        'on: push',
        'jobs:',
        '  publish:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: actions/setup-node@v4',
        '        with:',
        '          node-version: 20',
        '      - run: npm publish',
      ].join('\n'),
      'package.json': JSON.stringify({ name: '@alice/tools', version: '9.0.0', repository: 'https://github.com/someone/else' }, null, 2),
    });
    const found = diagnosticsOf(workflow);
    await vscode.window.showTextDocument(vscode.Uri.file(manifest));
    await api.refresh();
    const diagnostics = await found;
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line + 1]).sort(), [['id-token', 3], ['npm-version', 8]]);
    assert.match(diagnostics.find((d) => d.code === 'id-token')!.message, /Job "publish" runs npm publish without "id-token: write".*Add "permissions: id-token: write"/);
    assert.match(diagnostics.find((d) => d.code === 'npm-version')!.message, /Node 20 bundles npm 10; publishing with OIDC needs npm 11\.5\.1 or newer/);
    assert.ok(diagnostics.every((d) => d.source === 'npm trusted publishing' && d.severity === vscode.DiagnosticSeverity.Warning));
  });

  it('the Details page carries the same checklist, problems first, with their fixes', async () => {
    // The package of the test before is shown, its checklist known (its diagnostics are there).
    assert.equal(api.status?.package.name, '@alice/tools');
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('npmPublishAuth.copyDetails');
    const report = await vscode.env.clipboard.readText();
    const checklist = /## Trusted publishing from CI: checklist\n\n([\s\S]*?)\n\n/.exec(report)?.[1] ?? '';
    const lines = checklist.split('\n');
    assert.match(lines[0]!, /^- ⚠ .*id-token: write.*\(publish\.yml:3\) \*\*Fix:\*\* Add "permissions: id-token: write"/);
    assert.ok(lines.some((line) => /^- ⚠ package\.json's repository .* is not the git remote \(alice\/tools\)/.test(line)), checklist);
    assert.ok(lines.some((line) => /^- ✓ No NODE\\?_AUTH\\?_TOKEN/.test(line)), checklist);
  });

  it('a GitLab pipeline: the publishing job without an NPM_ID_TOKEN for this registry, and an old Node image', async () => {
    const { '.gitlab-ci.yml': pipeline, 'package.json': manifest } = writeRepository('gitlab', 'git@gitlab.com:alice/group/lib.git', {
      '.gitlab-ci.yml': [
        'publish:',
        '  image: node:22',
        '  id_tokens:',
        '    NPM_ID_TOKEN:',
        '      aud: npm:registry.npmjs.org',
        '  script:',
        '    - npm publish',
      ].join('\n'),
      'package.json': JSON.stringify({ name: 'gitlab-lib', version: '1.0.0' }, null, 2),
    });
    const found = diagnosticsOf(pipeline);
    await vscode.window.showTextDocument(vscode.Uri.file(manifest));
    await api.refresh();
    const diagnostics = await found;
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line + 1]).sort(), [['id-token', 4], ['npm-version', 2]]);
    // The audience npm asks for is the registry's own host: here the local registry's, not registry.npmjs.org.
    const host = new URL(registry.url).host;
    assert.match(diagnostics.find((d) => d.code === 'id-token')!.message, new RegExp(`aud "npm:registry\\.npmjs\\.org"; npm's exchange accepts only "npm:${host.replace(/\./g, '\\.')}"`));
  });
});
