import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { PackageInfo } from '../../../../src/core/base/model';
import { parsePackageManifest, readPackageManifest } from '../../../../src/core/status/packageManifest';

const manifestPath = path.join(path.sep, 'work', 'pkg', 'package.json');
const folder = path.dirname(manifestPath);

describe('packageManifest: parsePackageManifest', () => {
  const cases: [string, string, Partial<PackageInfo>][] = [
    ['plain', '{"name":"a","version":"1.0.0"}', { name: 'a', version: '1.0.0', private: false }],
    ['scoped with publishConfig', '{"name":"@s/a","version":"2.0.0","publishConfig":{"registry":"https://r.example/"}}', { name: '@s/a', version: '2.0.0', private: false, publishConfig: { registry: 'https://r.example/' } }],
    ['private', '{"name":"a","private":true}', { name: 'a', private: true }],
    // npm refuses any truthy `private`.
    ['private as the string "false"', '{"name":"a","private":"false"}', { name: 'a', private: true }],
    ['BOM', '\uFEFF{"name":"a"}', { name: 'a', private: false }],
    ['CRLF and indentation', '{\r\n  "name": "a",\r\n  "version": "1.0.0"\r\n}\r\n', { name: 'a', version: '1.0.0', private: false }],
    ['wrong types are ignored', '{"name":5,"version":["1"],"publishConfig":[1]}', { private: false }],
    ['empty object', '{}', { private: false }],
  ];
  for (const [what, text, expected] of cases) {
    it(what, () => assert.deepEqual(parsePackageManifest(text, manifestPath), { manifestPath, folder, ...expected }));
  }

  const invalid: [string, string, RegExp][] = [
    ['truncated JSON', '{"name": "a",', /^package\.json is not valid JSON: /],
    ['empty file', '', /^package\.json is not valid JSON: /],
    ['an array', '[1]', /must contain a JSON object/],
    ['null', 'null', /must contain a JSON object/],
  ];
  for (const [what, text, message] of invalid) {
    it(`${what} → parseError`, () => {
      const parsed = parsePackageManifest(text, manifestPath);
      assert.match(parsed.parseError ?? '', message);
      assert.equal(parsed.name, undefined);
      assert.equal(parsed.private, false);
    });
  }

  it('keeps the last good values while the file is mid-edit', () => {
    const good = parsePackageManifest('{"name":"a","version":"1.0.0","private":true}', manifestPath);
    const editing = parsePackageManifest('{"name":"a", "vers', manifestPath, good);
    assert.equal(editing.name, 'a');
    assert.equal(editing.version, '1.0.0');
    assert.equal(editing.private, true);
    assert.match(editing.parseError ?? '', /not valid JSON/);
    assert.equal(parsePackageManifest('{"name":"b"}', manifestPath, editing).parseError, undefined);
  });

  it('redacts token-like text quoted in the parse error', () => {
    const parsed = parsePackageManifest('{"publishConfig":{"//r/:_authToken":"npm_abcdEFGHijklMNOPqrstUVWXyz0123456789" oops}}', manifestPath);
    assert.ok(parsed.parseError);
    assert.ok(!parsed.parseError.includes('abcdEFGH'));
  });
});

describe('packageManifest: readPackageManifest', () => {
  it('reports a missing file as a parse error', async () => {
    const missing = path.join(__dirname, 'no-such-package');
    const info = await readPackageManifest(missing);
    assert.equal(info.manifestPath, path.join(missing, 'package.json'));
    assert.match(info.parseError ?? '', /could not be read \(ENOENT\)/);
  });
});
