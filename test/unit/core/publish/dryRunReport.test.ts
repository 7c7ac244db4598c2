import * as assert from 'node:assert/strict';
import { english } from '../../../../src/core/base/localize';
import { parseDryRun, renderDryRun } from '../../../../src/core/publish/dryRunReport';

describe('dry run report', () => {
  const stdout = JSON.stringify({ 'demo-pkg': { id: 'demo-pkg@1.0.7', size: 176, unpackedSize: 2048, files: [{ path: 'package.json', size: 86 }, { path: 'index.js', size: 1962 }] } });
  it('reads npm\'s summary (keyed by name or bare)', () => {
    assert.deepEqual(parseDryRun(stdout)?.files.map((f) => f.path), ['package.json', 'index.js']);
    assert.equal(parseDryRun(JSON.stringify({ id: 'a@1.0.0', files: [] }))?.id, 'a@1.0.0');
    assert.equal(parseDryRun('not json'), undefined);
  });
  it('renders files sorted, sizes and the total', () => {
    const text = renderDryRun(parseDryRun(stdout)!, '127.0.0.1:4999', english);
    assert.match(text, /# Dry run: demo-pkg\\@1\.0\.7/, "the id, Markdown-escaped");
    assert.ok(text.indexOf('index.js') < text.indexOf('package.json'));
    assert.match(text, /\| index\.js \| 1\.9 kB \|/);
    assert.match(text, /\*\*2 files\*\* · packed 176 B · unpacked 2\.0 kB/);
  });
});
