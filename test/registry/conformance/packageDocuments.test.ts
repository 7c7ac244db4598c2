// The package documents the status reads, through the real npm CLI: the packument with its ETag
// (npm's own cache revalidates it and gets a 304), a version of it, and the dist-tags.
import * as assert from 'node:assert/strict';
import { demoToken } from '../scenarios';
import { assertFails, assertSucceeds, npmAgainstLocalRegistry } from './npmCli';

describe('package documents against the local registry', () => {
  const suite = npmAgainstLocalRegistry({ token: demoToken('alice-session') });

  const packumentAsks = () => suite.registry.requests.filter((r) => r.path === '/demo-pkg').map((r) => `${r.conditional ? 'conditional' : 'plain'} ${r.status}`);

  it('npm view pkg@version reads one version of the packument', async () => {
    const result = await suite.npm.run(['view', 'demo-pkg@1.0.0', '--json']);
    assertSucceeds(result);
    const manifest = JSON.parse(result.stdout) as { name: string; version: string; _id: string };
    assert.deepEqual([manifest.name, manifest.version], ['demo-pkg', '1.0.0']);
    // The same manifest as GET /:pkg/:version, which npm does not call but the registry offers.
    const direct = await fetch(new URL('demo-pkg/1.0.0', suite.registry.url));
    assert.equal(direct.status, 200);
    const version = (await direct.json()) as { version: string; _id: string; _npmUser?: { name: string } };
    assert.deepEqual([version.version, version._id], ['1.0.0', manifest._id]);
    assert.deepEqual(version._npmUser, suite.registry.state.packages.get('demo-pkg')!.versions.get('1.0.0')!._npmUser);
    const latest = (await (await fetch(new URL('demo-pkg/latest', suite.registry.url))).json()) as { version: string };
    assert.equal(latest.version, '1.0.0');
    assert.equal((await fetch(new URL('demo-pkg/9.9.9', suite.registry.url))).status, 404);
  });

  it('a second npm view revalidates with npm\'s cache and gets a 304', async () => {
    assertSucceeds(await suite.npm.run(['view', 'demo-pkg', 'version']));
    const second = await suite.npm.run(['view', 'demo-pkg', 'version']);
    assertSucceeds(second);
    assert.equal(second.stdout.trim(), '1.0.0');
    // npm's cache folder outlives the scenario reload, so the first may be conditional too (a new ETag: 200).
    assert.deepEqual(packumentAsks().slice(-2).map((ask) => ask.split(' ')[1]), ['200', '304']);
    assert.equal(packumentAsks().at(-1), 'conditional 304');
  });

  it('npm sees a changed packument after a 304 was possible (the ETag follows the content)', async () => {
    assertSucceeds(await suite.npm.run(['view', 'demo-pkg', 'version']));
    const pkg = suite.registry.state.packages.get('demo-pkg')!;
    pkg.versions.set('1.2.0', { name: 'demo-pkg', version: '1.2.0' });
    pkg.distTags.latest = '1.2.0';
    const after = await suite.npm.run(['view', 'demo-pkg', 'version']);
    assert.equal(after.stdout.trim(), '1.2.0');
    assert.deepEqual(packumentAsks().slice(-1), ['conditional 200']);
  });

  it('npm dist-tag ls reads /-/package/:pkg/dist-tags', async () => {
    const result = await suite.npm.run(['dist-tag', 'ls', 'demo-pkg']);
    assertSucceeds(result);
    assert.equal(result.stdout.trim(), 'latest: 1.0.0');
    assert.ok(suite.registry.requests.some((r) => r.path === '/-/package/demo-pkg/dist-tags' && r.status === 200));
  });

  it('npm dist-tag ls of a package that does not exist fails with E404', async () => {
    assertFails(await suite.npm.run(['dist-tag', 'ls', 'no-such-package-here']), 'E404');
  });
});
