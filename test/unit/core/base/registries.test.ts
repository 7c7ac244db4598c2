import * as assert from 'node:assert/strict';
import { registryFamily, REGISTRY_FAMILIES, type RegistryFamily } from '../../../../src/core/base/registries';

describe('registryFamily', () => {
  const cases: [string, RegistryFamily][] = [
    ['https://registry.npmjs.org/', 'npmjs'],
    ['https://registry.npmjs.com/', 'npmjs'],
    ['https://REGISTRY.npmjs.org', 'npmjs'],
    ['https://registry.yarnpkg.com/', 'npmjs'],
    ['https://npm.pkg.github.com/', 'github'],
    ['https://npm.octocorp.ghe.com/', 'github'],
    ['https://gitlab.com/api/v4/projects/42/packages/npm/', 'gitlab'],
    ['https://gitlab.example.com/api/v4/packages/npm/', 'gitlab'],
    ['https://gitlab.example.com/api/v4/groups/7/-/packages/npm/', 'gitlab'],
    ['https://acme.jfrog.io/artifactory/api/npm/npm-local/', 'artifactory'],
    ['https://repo.acme.example/artifactory/api/npm/npm/', 'artifactory'],
    ['https://nexus.acme.example/repository/npm-hosted/', 'nexus'],
    ['https://nexus.acme.example/nexus/repository/npm-hosted/', 'nexus'],
    ['https://pkgs.dev.azure.com/acme/_packaging/feed/npm/registry/', 'azure'],
    ['https://acme.pkgs.visualstudio.com/_packaging/feed/npm/registry/', 'azure'],
    ['https://acme-111122223333.d.codeartifact.eu-west-1.amazonaws.com/npm/repo/', 'codeartifact'],
    // Verdaccio runs on any host: only a declaration names it.
    ['http://localhost:4873/', 'other'],
    ['https://registry.npmjs.org.evil.example/', 'other'],
    ['https://npm.pkg.github.com.evil.example/', 'other'],
    ['not a url', 'other'],
  ];
  for (const [url, family] of cases) {
    it(`${url} → ${family}`, () => assert.equal(registryFamily(url), family));
  }

  it('a declaration for the URL wins, with or without the trailing slash', () => {
    assert.equal(registryFamily('http://localhost:4873/', { 'http://localhost:4873': 'verdaccio' }), 'verdaccio');
    assert.equal(registryFamily('https://npm.corp.example/', { 'https://npm.corp.example/': 'npmjs' }), 'npmjs');
  });

  it('a declaration of an unknown kind, or for another URL, is ignored', () => {
    assert.equal(registryFamily('http://localhost:4873/', { 'http://localhost:4873/': 'npm' }), 'other');
    assert.equal(registryFamily('http://localhost:4873/', { 'http://localhost:4874/': 'npmjs' }), 'other');
    assert.equal(registryFamily('https://registry.npmjs.org/', { 'https://registry.npmjs.org/': 42 }), 'npmjs');
  });

  it('only npmjs has npmjs\'s policies, and every family names its source', () => {
    for (const [family, facts] of Object.entries(REGISTRY_FAMILIES)) {
      assert.equal(facts.npmjsPolicies, family === 'npmjs', family);
      assert.ok(facts.source.length > 0, family);
    }
  });
});
