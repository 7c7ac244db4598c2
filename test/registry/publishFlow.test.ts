// The extension's publish flow (src/core/publish) in plain Node: the real npm on PATH builds and
// uploads, the local registry challenges. Proves "build once" with lifecycle scripts that count their
// runs, each challenge's prompt, and — differentially — that the PUT it makes agrees with a plain
// `npm publish --otp` from the same folder.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { npmRunner, type RunNpm } from '../../src/core/publish/npmProcess';
import { publishPackage, type PublishHooks, type PublishResult } from '../../src/core/publish/publishRunner';
import { pollForWebToken } from '../../src/core/account/webAuthPoll';
import { DEMO_OTP, demoToken } from './scenarios';
import { assertSucceeds, npmAgainstLocalRegistry } from './conformance/npmCli';

const LIFECYCLE = ['prepublishOnly', 'prepack', 'prepare', 'postpack', 'publish', 'postpublish'];

describe('the publish flow against the local registry (real npm)', () => {
  const suite = npmAgainstLocalRegistry();
  let scriptsLog: string;
  let cases = 0;

  /** A package whose every lifecycle script appends its name to a log outside the package. */
  function fixture(name: string, version: string, events: readonly string[] = LIFECYCLE): string {
    const folder = suite.npm.makePackage(name, version);
    scriptsLog = path.join(mkdtempSync(path.join(suite.npm.dir, 'scripts-')), 'runs.log');
    writeFileSync(scriptsLog, '');
    const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as Record<string, unknown>;
    manifest.scripts = Object.fromEntries(events.map((event) => [event, `node -e "require('fs').appendFileSync(process.argv[1], '${event}\\n')" "${scriptsLog}"`]));
    writeFileSync(path.join(folder, 'package.json'), JSON.stringify(manifest, null, 2));
    return folder;
  }
  const scriptRuns = () => readFileSync(scriptsLog, 'utf8').split('\n').filter(Boolean);

  /** npm as the editor would run it, with the workspace's config files. */
  const run = () =>
    npmRunner('npm', {
      PATH: process.env.PATH,
      HOME: suite.npm.home,
      npm_config_userconfig: suite.npm.userconfig,
      npm_config_globalconfig: suite.npm.globalconfig,
      npm_config_cache: suite.npm.cache,
      npm_config_registry: suite.registry.url,
      npm_config_update_notifier: 'false',
      npm_config_fetch_retries: '0', // a reset PUT fails at once instead of after npm's 10 s backoff
    });

  /** Hooks that answer with the given codes (undefined = Escape) and record what was asked. */
  function hooks(codes: (string | undefined)[], browser?: 'approve' | 'cancel') {
    const asked: string[] = [];
    const value: PublishHooks = {
      step: () => undefined,
      output: () => undefined,
      oneTimePassword: async (rejected) => {
        asked.push(rejected ? 'otp (rejected before)' : 'otp');
        return codes.shift();
      },
      browserApproval: async ({ doneUrl }) => {
        asked.push('browser');
        if (browser !== 'approve') return undefined;
        suite.registry.approvePending();
        return pollForWebToken(doneUrl, suite.registry.url, {}, new AbortController().signal); // the extension's own poll
      },
    };
    return { value, asked };
  }

  async function publishAs(token: string, folder: string, codes: (string | undefined)[], options: { askOtpFirst?: boolean; stage?: boolean; browser?: 'approve' | 'cancel' } = {}) {
    cases++;
    suite.npm.useToken(demoToken(token));
    const h = hooks(codes, options.browser);
    const commands: string[] = [];
    const counted: RunNpm = (args, runOptions) => (commands.push(args[0] === 'run' ? `run ${args[1]}` : args[0]!), run()(args, runOptions));
    const result = await publishPackage({ folder, run: counted, askOtpFirst: options.askOtpFirst, stage: options.stage }, h.value);
    return { result, asked: h.asked, commands };
  }
  const versions = (name: string) => [...(suite.registry.state.packages.get(name)?.versions.keys() ?? [])];
  const puts = () => suite.registry.requests.filter((r) => r.method === 'PUT').map((r) => `${r.status}${r.otp ? ' otp' : ''}`);

  after(() => console.log(`      publish flow: ${cases} publishes through the extension's flow`));

  it('TOTP user: a wrong code, then the right one — the package is built once', async () => {
    const { result, asked } = await publishAs('alice-session', fixture('demo-pkg', '1.1.0'), ['111111', DEMO_OTP], { askOtpFirst: true });
    assert.deepEqual(result, { kind: 'published', id: 'demo-pkg@1.1.0', secondFactor: 'typed', accepted: { otp: DEMO_OTP, secondFactor: 'typed' }, scriptFailed: undefined });
    assert.deepEqual(asked, ['otp', 'otp (rejected before)']);
    assert.deepEqual(scriptRuns(), LIFECYCLE, 'each lifecycle script ran once, in npm publish\'s order');
    assert.deepEqual(puts(), ['401 otp', '200 otp']);
    assert.ok(versions('demo-pkg').includes('1.1.0'));
  });

  it('TOTP user without asking first: the classic challenge brings the box', async () => {
    const { result, asked } = await publishAs('alice-session', fixture('demo-pkg', '1.1.1'), [DEMO_OTP]);
    assert.equal(result.kind, 'published');
    assert.deepEqual(asked, ['otp']);
    assert.deepEqual(puts(), ['401', '200 otp']);
  });

  it('Escape at the OTP box: nothing uploaded, publish scripts not run', async () => {
    const { result } = await publishAs('alice-session', fixture('demo-pkg', '1.1.2'), [undefined], { askOtpFirst: true });
    assert.deepEqual(result, { kind: 'cancelled' });
    assert.deepEqual(puts(), []);
    assert.deepEqual(scriptRuns(), ['prepublishOnly', 'prepack', 'prepare', 'postpack']);
    assert.ok(!versions('demo-pkg').includes('1.1.2'));
  });

  it('passkey-only user: browser approval, never an OTP box; built once', async () => {
    const { result, asked } = await publishAs('carol-session', fixture('demo-pkg', '1.2.0'), [], { browser: 'approve' });
    // The accepted answer is the web-OTP token the registry handed out: reused by a release's next package.
    const { accepted, ...rest } = result as Extract<PublishResult, { kind: 'published' }>;
    assert.deepEqual(rest, { kind: 'published', id: 'demo-pkg@1.2.0', secondFactor: 'browser', scriptFailed: undefined });
    assert.equal(accepted?.secondFactor, 'browser');
    assert.ok(suite.registry.state.webOtps.has(accepted?.otp ?? ''), 'the web-OTP token the registry issued');
    assert.deepEqual(asked, ['browser']);
    assert.deepEqual(scriptRuns(), LIFECYCLE);
    assert.ok(versions('demo-pkg').includes('1.2.0'));
  });

  it('passkey-only user cancelling the approval: nothing published', async () => {
    const { result } = await publishAs('carol-session', fixture('demo-pkg', '1.2.1'), [], { browser: 'cancel' });
    assert.deepEqual(result, { kind: 'cancelled' });
    assert.ok(!versions('demo-pkg').includes('1.2.1'));
  });

  it('bypass-2FA token: no prompt at all', async () => {
    const { result, asked } = await publishAs('alice-bypass', fixture('demo-pkg', '1.3.0'), []);
    assert.equal(result.kind, 'published');
    assert.deepEqual(asked, []);
    assert.deepEqual(puts(), ['200']);
  });

  it('stage-only token: staged, with the stage id, and not published', async () => {
    const { result, asked } = await publishAs('alice-stage', fixture('demo-pkg', '1.4.0'), [], { stage: true });
    assert.equal(result.kind, 'staged');
    assert.match((result as Extract<PublishResult, { kind: 'staged' }>).stageId ?? '', /^[0-9a-f-]{36}$/);
    assert.deepEqual(asked, []);
    assert.ok(!versions('demo-pkg').includes('1.4.0'));
    assert.deepEqual(scriptRuns(), LIFECYCLE, 'npm runs publish and postpublish after a stage too');
  });

  const refusals: [string, string, string, string][] = [
    ['an account without 2FA', 'dave-session', 'demo-pkg', 'account-without-2fa'],
    ['a stage-only token publishing directly', 'alice-stage', 'demo-pkg', 'stage-required'],
    ['a read-only token', 'alice-readonly', 'demo-pkg', 'read-only-token'],
    ['a user without write access', 'bob-session', 'demo-pkg', 'not-found'],
    ['a bypass token under "disallow tokens"', 'alice-bypass', '@alice/locked', 'tokens-disallowed'],
    ['a rejected token', 'alice-revoked', 'demo-pkg', 'credential-rejected'],
  ];
  for (const [what, token, name, kind] of refusals) {
    it(`refused: ${what} → ${kind}, no publish scripts`, async () => {
      const { result } = await publishAs(token, fixture(name, '9.0.0'), [DEMO_OTP], { askOtpFirst: false });
      assert.equal(result.kind, 'failed');
      assert.equal((result as Extract<PublishResult, { kind: 'failed' }>).failure.kind, kind);
      assert.ok(!scriptRuns().includes('publish'));
    });
  }

  it('a version already published: npm\'s own check, before any PUT', async () => {
    const { result } = await publishAs('alice-bypass', fixture('demo-pkg', '1.0.0'), []);
    assert.equal(result.kind === 'failed' && result.failure.kind, 'version-exists');
    assert.deepEqual(puts(), []);
  });

  it('the registry failing mid-upload is a network failure after the upload started', async () => {
    suite.registry.injectFault({ method: 'PUT', path: '/demo-pkg' }, { kind: 'reset' });
    const { result } = await publishAs('alice-bypass', fixture('demo-pkg', '1.5.0'), []);
    assert.equal(result.kind, 'failed');
    assert.deepEqual([(result as Extract<PublishResult, { kind: 'failed' }>).failure.kind, (result as Extract<PublishResult, { kind: 'failed' }>).uploadStarted], ['network', true]);
  });

  for (const [what, events] of [['with pack-time scripts (packed once)', LIFECYCLE], ['without pack-time scripts (the folder as it is)', ['prepublishOnly', 'publish', 'postpublish']]] as const) {
    it(`differential ${what}: the same PUT as \`npm publish --otp\` from the same folder`, async () => {
      await differential(fixture('@alice/tools', '3.0.0', events), events);
    });
  }

  async function differential(folder: string, events: readonly string[]): Promise<void> {
    const stored = () => {
      const pkg = suite.registry.state.packages.get('@alice/tools')!;
      // The registry adds _npmUser and maintainers itself; the rest is what the PUT sent.
      const manifest = Object.fromEntries(Object.entries(pkg.versions.get('3.0.0')!).filter(([key]) => key !== '_npmUser' && key !== 'maintainers'));
      return { manifest, tarball: pkg.tarballs.get('3.0.0')!.toString('base64'), distTags: { ...pkg.distTags }, visibility: pkg.visibility };
    };
    const ours = await publishAs('alice-session', folder, [DEMO_OTP], { askOtpFirst: true });
    assert.equal(ours.result.kind, 'published');
    // npm starts only where there is work: a script the package has, a pack only to run pack-time scripts.
    const packs = events.includes('prepack');
    assert.deepEqual(ours.commands, ['run prepublishOnly', ...(packs ? ['pack'] : []), 'publish', 'run publish', 'run postpublish']);
    const viaExtension = stored();

    suite.registry.reset('default');
    suite.npm.useToken(demoToken('alice-session'));
    assertSucceeds(await suite.npm.run(['publish', `--otp=${DEMO_OTP}`], { cwd: folder }));
    const viaNpm = stored();

    assert.deepEqual(viaExtension.manifest, viaNpm.manifest, 'manifest fields, dist.integrity, dist.shasum and dist.tarball agree');
    assert.equal(viaExtension.tarball, viaNpm.tarball, 'the tarball bytes agree');
    assert.deepEqual([viaExtension.distTags, viaExtension.visibility], [viaNpm.distTags, viaNpm.visibility]);
    assert.ok((viaExtension.manifest.dist as { integrity?: string }).integrity?.startsWith('sha512-'));
  }
});
