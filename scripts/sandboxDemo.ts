// The sandbox's demo workspace: one folder per case a newcomer should see, each with its own project
// .npmrc naming a demo credential of the local registry. The sandbox (sandbox.ts) and the e2e test that
// walks it (test/e2e/sandbox.test.ts) share it, so the demo cannot silently stop showing its cases.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { asNpmjs, type LocalRegistry } from '../test/registry/server';
import { DEMO_OTP, demoToken } from '../test/registry/scenarios';

export interface DemoPackage {
  folder: string;
  manifest: Record<string, unknown>;
  /** The project .npmrc lines after `registry=…`; `TOKEN(x)` is replaced by the demo token x. */
  npmrc: string[];
  what: string;
  /** The verdict's title the status shows for it (the e2e walk checks each). */
  verdict: string;
  /** More files of the folder, by relative path (a repository's .git/config, its workflows). */
  files?: Record<string, string>;
}

/** A release workflow as many are written before trusted publishing: what the CI checklist finds. */
const TOKEN_RELEASE_WORKFLOW = [
  'name: release', 'on:', '  push:', '    tags: ["v*"]', 'jobs:', '  publish:', '    runs-on: ubuntu-latest', '    steps:',
  '      - uses: actions/checkout@v4', '      - uses: actions/setup-node@v4', '        with:', '          node-version: 20',
  '          registry-url: https://registry.npmjs.org', '      - run: npm ci', '      - run: npm publish',
  '        env:', '          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}', '',
].join('\n');

export const demoPackages: DemoPackage[] = [
  { folder: 'logged-out', manifest: { name: 'demo-pkg', version: '1.1.0' }, npmrc: [], what: 'no credential: Log In from here (the token goes to your user .npmrc)', verdict: 'Not logged in' },
  { folder: 'session-totp', manifest: { name: 'demo-pkg', version: '1.1.0' }, npmrc: ['AUTH(alice-session)'], what: 'alice, session from npm login, authenticator app (declared): OTP', verdict: 'Publishing will ask for a one-time password' },
  { folder: 'passkey-user', manifest: { name: '@alice/tools', version: '0.2.0' }, npmrc: ['AUTH(carol-session)'], what: 'carol, passkeys only (declared): approval in the browser', verdict: 'Publishing will ask for approval in the browser' },
  { folder: 'bypass-token', manifest: { name: 'demo-none', version: '0.2.0' }, npmrc: ['AUTH(alice-bypass)'], what: 'token that bypasses 2FA — ready, no prompt', verdict: 'Ready to publish, no prompt' },
  { folder: 'stage-only-token', manifest: { name: 'demo-pkg', version: '1.1.0' }, npmrc: ['AUTH(alice-stage)'], what: 'token that may only stage a release for approval', verdict: 'Will stage; approval needed' },
  { folder: 'read-only-token', manifest: { name: 'demo-pkg', version: '1.1.0' }, npmrc: ['AUTH(alice-readonly)'], what: 'read-only token', verdict: 'Read-only token' },
  { folder: 'expired-token', manifest: { name: 'demo-pkg', version: '1.1.0' }, npmrc: ['AUTH(alice-expired)'], what: 'token that expired yesterday', verdict: 'Credential invalid' },
  { folder: 'not-a-maintainer', manifest: { name: 'demo-pkg', version: '1.1.0' }, npmrc: ['AUTH(bob-session)'], what: 'bob is not a maintainer', verdict: 'No write access' },
  { folder: 'revoked-token', manifest: { name: 'demo-pkg', version: '1.1.0' }, npmrc: ['AUTH(alice-revoked)'], what: 'token that was revoked', verdict: 'Credential invalid' },
  { folder: 'published', manifest: { name: 'demo-pkg', version: '1.0.0' }, npmrc: ['AUTH(alice-session)'], what: '1.0.0 is the registry\'s latest: bump to publish the next', verdict: 'Published' },
  { folder: 'version-exists', manifest: { name: '@alice/locked', version: '1.0.0' }, npmrc: ['AUTH(alice-session)'], what: '1.0.0 is already published, and 1.1.0 is the latest', verdict: 'Version already published' },
  { folder: 'private-package', manifest: { name: 'internal-tool', version: '1.0.0', private: true }, npmrc: ['AUTH(alice-session)'], what: '"private": true', verdict: 'Private package' },
  {
    folder: 'scoped-registry', manifest: { name: '@demo/widgets', version: '0.1.0' },
    npmrc: ['registry=http://127.0.0.1:9/', '@demo:registry=REGISTRY', 'AUTH(alice-session)'],
    what: 'scoped registry; the default registry is unreachable', verdict: 'Publishing will ask for a one-time password',
  },
  {
    folder: 'trusted-publishing', manifest: { name: '@alice/tools', version: '0.2.0', repository: 'https://github.com/alice/tool' }, npmrc: ['AUTH(alice-session)'],
    what: 'a repository whose CI publishes with a token: the CI checklist, Set Up Trusted Publishing…', verdict: 'Publishing will ask for a one-time password',
    files: {
      '.git/config': '[remote "origin"]\n\turl = git@github.com:alice/tools.git\n',
      '.github/workflows/release.yml': TOKEN_RELEASE_WORKFLOW,
    },
  },
];

/** npm's account modes, in plain words. */
export const TWO_FACTOR_WORDS: Record<string, string> = {
  'auth-and-writes': '2FA for login and publishing (authenticator app)',
  'auth-only': '2FA for login only',
  'passkey': 'passkeys only (approve in the browser)',
  'none': 'no 2FA',
};

/** The user settings of the sandbox's VS Code (beside the test host's quiet defaults), for the local registry at `registryUrl`. */
export const sandboxSettings = (registryUrl: string) => ({
  // The demo registry imitates npmjs: declared so, its 2FA rules and 2-hour sessions apply.
  'npmPublishAuth.registryKinds': asNpmjs({ url: registryUrl }),
  // npm never reveals the second factor; declared here, the demo shows "OTP" and "browser" (bob: "2FA").
  'npmPublishAuth.twoFactorMethods': { alice: 'totp', carol: 'passkey-only' },
  // Offline, VS Code cannot download package.json's schema from schemastore.org; a newcomer's
  // Problems panel should show the demo, not that warning.
  'json.schemaDownload.enable': false,
});

/** Writes the demo folders into a new temporary workspace and returns its path. */
export function writeDemoWorkspace(registryUrl: string): string {
  const nerf = registryUrl.replace(/^https?:/, '');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-publish-auth-sandbox-'));
  for (const pkg of demoPackages) {
    const dir = path.join(workspace, pkg.folder);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ ...pkg.manifest, description: pkg.what }, null, 2) + '\n');
    fs.writeFileSync(path.join(dir, 'index.js'), `// ${pkg.what}\nmodule.exports = {};\n`);
    const npmrc = [pkg.npmrc.some((l) => l.startsWith('registry=')) ? '' : `registry=${registryUrl}`, ...pkg.npmrc]
      .filter(Boolean)
      .map((line) => line.replace('REGISTRY', registryUrl).replace(/^AUTH\((.+)\)$/, (_m, label: string) => `${nerf}:_authToken=${demoToken(label)}`));
    fs.writeFileSync(path.join(dir, '.npmrc'), npmrc.join('\n') + '\n', { mode: 0o600 });
    for (const [file, text] of Object.entries(pkg.files ?? {})) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
  }
  return workspace;
}

/** What the sandbox prints: where to go, how to move between the cases, the demo accounts, in plain words. */
export function banner(registry: Pick<LocalRegistry, 'url' | 'credentials'>, workbenchUrl: string): string {
  const { users, tokens } = registry.credentials();
  return `
npm Publish Auth sandbox
  VS Code:   ${workbenchUrl}
  registry:  ${registry.url}  (demo accounts below; npm in the sandbox's terminals uses it)
  OTP:       ${DEMO_OTP} is accepted by every demo account with an authenticator app

Move between the cases by opening a file in a folder, or click the npm item in the status bar → Switch Package….
${demoPackages.map((p) => `  ${p.folder.padEnd(18)} ${p.what}`).join('\n')}

Demo accounts (for the browser's login and approval pages):
${users.map((u) => `  ${u.name.padEnd(6)} password ${u.password.padEnd(16)} ${TWO_FACTOR_WORDS[u.twoFactor] ?? u.twoFactor}`).join('\n')}

Demo credentials:
${tokens.map((t) => `  ${t.user.padEnd(6)} ${t.kind.padEnd(9)} ${t.label ?? t.name}${t.revoked ? ' (revoked)' : ''}`).join('\n')}

Press Ctrl+C to stop.`;
}
