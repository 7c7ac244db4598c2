// The account commands inside the real extension host, against the local registry, with the prompts
// injected (a test cannot type into a real input box): web login writing the user npmrc, the legacy
// fallback, a login shadowed by a project .npmrc, logout, token creation through the wizard, publishing
// access with a wrong then right code, a bypass token refused — and no secret in the log or a notification.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PublishAuthApi } from '../../../src/ui/publishAuthExtension';
import type { Prompts } from '../../../src/ui/prompts';
import type { StepAnswer } from '../../../src/core/policy/multiStep';
import { startRegistry, type LocalRegistry } from '../../registry/server';
import { declareNpmjs } from '../registryKinds';
import { DEMO_OTP, demoToken } from '../../registry/scenarios';

const EXTENSION_ID = 'npm-publish-auth.npm-publish-auth';
const userNpmrc = path.join(os.homedir(), '.npmrc');

describe('account commands (log in, log out, token, publishing access)', function () {
  let api: PublishAuthApi;
  let registry: LocalRegistry;
  let root: string;
  let asked: string[];
  let told: string[];
  /** Every secret seen during the suite, checked against the log and notifications at the end. */
  const secrets = new Set<string>();
  const everythingTold: string[] = [];

  before(async () => {
    registry = await startRegistry({ scenario: 'default' });
    await declareNpmjs(registry);
    api = await vscode.extensions.getExtension<PublishAuthApi>(EXTENSION_ID)!.activate();
    root = path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'account-cases');
  });

  after(async () => {
    api.usePrompts(undefined);
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(userNpmrc, { force: true });
    await registry.close();
  });

  beforeEach(() => {
    registry.reset();
    asked = [];
  });
  afterEach(() => {
    for (const secret of registry.secrets()) secrets.add(secret);
  });

  const nerf = () => registry.url.replace(/^http:/, '');
  const token = (label: string) => demoToken(label);

  async function openPackage(name: string, projectNpmrc?: string): Promise<string> {
    const folder = path.join(root, `${name.replace(/[@/]/g, '_')}-${Math.random().toString(36).slice(2, 8)}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name, version: '9.0.0' }, null, 2));
    if (projectNpmrc !== undefined) fs.writeFileSync(path.join(folder, '.npmrc'), projectNpmrc);
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(folder, 'package.json')));
    await api.refresh();
    assert.equal(api.status?.package.folder, folder, 'the status is about the package just opened');
    return folder;
  }

  /** Prompts that answer from a script and record what was asked and told. */
  function answer(script: Partial<{
    confirm: string; codes: (string | undefined)[]; approveAs: string; text: string; passwords: (string | undefined)[]; pick: string;
    steps: Record<string, StepAnswer[]>; newToken: string | string[];
  }>): { shownToken: () => string | undefined } {
    const codes = [...(script.codes ?? [])];
    const newTokenAnswers = typeof script.newToken === 'string' ? [script.newToken] : [...(script.newToken ?? [])];
    const passwords = [...(script.passwords ?? [])];
    let shown: string | undefined;
    told = [];
    const prompts: Partial<Prompts> = {
      confirm: async (message, detail, ...buttons) => {
        asked.push(`confirm: ${message} | ${detail} [${buttons.join(', ')}]`);
        everythingTold.push(message, detail);
        return script.confirm;
      },
      oneTimePassword: async ({ title, rejected }) => (asked.push(`otp${rejected ? ' again' : ''}: ${title}`), codes.shift()),
      browserApproval: async ({ title, wait }) => {
        asked.push(`browser: ${title}`);
        registry.approvePending(undefined, script.approveAs);
        return wait(new AbortController().signal);
      },
      text: async ({ title }) => (asked.push(`text: ${title}`), script.text),
      password: async ({ title, error }) => (asked.push(`password: ${title}${error ? ' (again)' : ''}`), passwords.shift()),
      pick: async (items, { title }) => {
        asked.push(`pick: ${title} [${items.map((i) => i.label).join(' / ')}]`);
        return items.find((i) => i.label === script.pick);
      },
      step: async (view) => {
        asked.push(`step ${view.position}/${view.total} ${view.step.id}${view.canGoBack ? ' (back)' : ''}: ${view.value}`);
        return script.steps?.[view.step.id]?.shift() ?? { kind: 'cancel' };
      },
      newToken: async ({ message, token: value, actions }) => {
        shown = value;
        asked.push(`new token: ${message} [${actions.join(', ')}]`);
        everythingTold.push(message);
        return newTokenAnswers.shift();
      },
      message: async (severity, text, ...buttons) => {
        told.push(`${severity}: ${text} [${buttons.join(', ')}]`);
        everythingTold.push(text);
        return undefined;
      },
    };
    api.usePrompts(prompts);
    return { shownToken: () => shown };
  }

  it('web login: approved in the browser; the session token is written to the user npmrc (CRLF kept, 0600) and the status shows the session', async () => {
    fs.writeFileSync(userNpmrc, `# my settings\r\nregistry=${registry.url}\r\ncolor=false\r\n`, { mode: 0o644 });
    fs.chmodSync(userNpmrc, 0o644);
    await openPackage('demo-pkg');
    assert.equal(api.status?.verdict.code, 'not-logged-in');
    answer({ approveAs: 'alice' });
    await vscode.commands.executeCommand('npmPublishAuth.login');
    assert.deepEqual(asked, ['browser: Waiting for you to log in to ' + new URL(registry.url).host + ' in the browser…']);
    const written = fs.readFileSync(userNpmrc, 'utf8');
    const match = new RegExp(`^${nerf().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:_authToken=(npm_\\w+)\\r$`, 'm').exec(written);
    assert.ok(match, 'a token line');
    assert.equal(written, `# my settings\r\nregistry=${registry.url}\r\ncolor=false\r\n${nerf()}:_authToken=${match[1]}\r\n`);
    assert.equal(fs.statSync(userNpmrc).mode & 0o777, 0o600);
    secrets.add(match[1]!);
    const credential = api.status?.credential;
    assert.equal(credential?.kind, 'session');
    assert.ok(credential?.kind === 'session' && credential.expiresAt !== undefined, 'the 2-hour expiry is known');
    assert.deepEqual(told, [`info: Logged in to ${new URL(registry.url).host} as alice. []`]);
  });

  it('no web login on the registry: username, password and a code (the legacy login)', async () => {
    fs.writeFileSync(userNpmrc, `registry=${registry.url}\n`);
    await openPackage('demo-pkg');
    registry.injectFault({ method: 'POST', path: '/-/v1/login' }, { kind: 'json-body', status: 404, body: { error: 'Not found' } });
    answer({ text: 'alice', passwords: ['alice-password'], codes: [DEMO_OTP] });
    await vscode.commands.executeCommand('npmPublishAuth.login');
    assert.deepEqual(asked.map((a) => a.split(':')[0]), ['text', 'password', 'otp']);
    assert.match(fs.readFileSync(userNpmrc, 'utf8'), new RegExp(`^registry=.*\\n//127\\.0\\.0\\.1:\\d+/:_authToken=npm_\\w+\\n$`));
    assert.equal(api.status?.credential?.kind, 'session');
  });

  it('a registry naming a login page over plain http elsewhere, or a command: URI: nothing opens, nothing is polled, the error says why', async () => {
    fs.writeFileSync(userNpmrc, `registry=${registry.url}\n`);
    await openPackage('demo-pkg');
    const cases: [string, RegExp][] = [
      ['http://login.evil.example/cli/1', /login\.evil\.example over plain http/],
      ['command:workbench.action.terminal.new', /Invalid response from the web login endpoint/],
    ];
    for (const [loginUrl, why] of cases) {
      registry.injectFault({ method: 'POST', path: '/-/v1/login' }, { kind: 'json-body', body: { loginUrl, doneUrl: `${registry.url}-/v1/done?sessionId=1` } }, 1);
      answer({ approveAs: 'alice' });
      await vscode.commands.executeCommand('npmPublishAuth.login');
      assert.deepEqual(asked, [], 'no browser approval was asked');
      assert.match(told.join('\n'), /^error: Logging in to .* failed/);
      assert.match(told.join('\n'), why);
    }
    assert.equal(registry.requests.filter((r) => r.path.startsWith('/-/v1/done')).length, 0);
    assert.equal(fs.readFileSync(userNpmrc, 'utf8'), `registry=${registry.url}\n`);
  });

  it('a login shadowed by a project .npmrc says which line npm uses instead, with the fix as its button', async () => {
    fs.writeFileSync(userNpmrc, `registry=${registry.url}\n`);
    await openPackage('demo-pkg', `# project\n${nerf()}:_authToken=${token('bob-session')}\n`);
    answer({ approveAs: 'alice' });
    await vscode.commands.executeCommand('npmPublishAuth.login');
    assert.deepEqual(told, [
      `warning: Logged in to ${new URL(registry.url).host}, but npm uses another credential for this package: line 2 of this package's .npmrc. [Remove Project Credential…]`,
    ]);
  });

  it('a revoked project token hides a good one in the user npmrc: the verdict offers removing it (not Log In); taken, the status turns ready', async () => {
    fs.writeFileSync(userNpmrc, `registry=${registry.url}\n${nerf()}:_authToken=${token('alice-bypass')}\n`);
    const projectNpmrc = `# shared settings\r\nsave-exact=true\r\n${nerf()}:_authToken=${token('alice-revoked')}\r\ncolor=false\r\n`;
    const folder = await openPackage('demo-pkg', projectNpmrc);
    const before = api.status!;
    assert.equal(before.verdict.code, 'credential-invalid');
    assert.equal(before.verdict.fix?.command, 'npmPublishAuth.removeProjectCredential', 'Log In would write the user npmrc, which npm does not read for this credential');
    assert.match(before.verdict.reason, /from line 3 of this package's \.npmrc, ahead of your user \.npmrc/);
    answer({ confirm: 'Remove Line' });
    await vscode.commands.executeCommand(before.verdict.fix!.command);
    assert.deepEqual(asked, [
      `confirm: Remove the credential for ${new URL(registry.url).host} from line 3 of this package's .npmrc? | npm then uses the credential in your user .npmrc, where Log In and Generate Token write. The token is not revoked. Undo brings the line back. [Remove Line]`,
    ]);
    assert.equal(fs.readFileSync(path.join(folder, '.npmrc'), 'utf8'), '# shared settings\r\nsave-exact=true\r\ncolor=false\r\n', 'only that line is gone, CRLF kept');
    assert.equal(api.status?.verdict.code, 'ready', api.status?.verdict.reason);
    assert.equal(api.status?.configuredCredential.type === 'token' && api.status.configuredCredential.source.layer, 'user');
  });

  it('Remove Project Credential does not follow a project .npmrc that is a link', async () => {
    const outside = path.join(os.tmpdir(), `outside-${Date.now()}.npmrc`);
    const content = `${nerf()}:_authToken=${token('alice-revoked')}\n`;
    fs.writeFileSync(outside, content);
    fs.writeFileSync(userNpmrc, `registry=${registry.url}\n`);
    const folder = await openPackage('demo-pkg');
    fs.symlinkSync(outside, path.join(folder, '.npmrc'));
    await api.refresh();
    assert.equal(api.status?.verdict.fix?.command, 'npmPublishAuth.removeProjectCredential');
    answer({ confirm: 'Remove Line' });
    await vscode.commands.executeCommand('npmPublishAuth.removeProjectCredential');
    assert.deepEqual(asked, [], 'no confirmation: nothing will be changed');
    assert.match(told.join('\n'), /is not a plain file \(a link or missing\), so it is not changed/);
    assert.equal(fs.readFileSync(outside, 'utf8'), content);
    fs.rmSync(outside);
  });

  it('log out: confirmed, revoked on the registry, its line removed (the rest kept); the status says logged out', async () => {
    fs.writeFileSync(userNpmrc, `registry=${registry.url}\r\n; keep me\r\n${nerf()}:_authToken=${token('alice-session')}\r\ncolor=false`, { mode: 0o600 });
    await openPackage('demo-pkg');
    answer({ confirm: 'Log Out' });
    await vscode.commands.executeCommand('npmPublishAuth.logout');
    assert.equal(asked.length, 1);
    assert.match(asked[0]!, /^confirm: Log out alice from 127\.0\.0\.1:\d+\? \| The token \(npm_\w{4}\.\.\.\w{4}\) is revoked on the registry and removed from line 3 of .*\.npmrc\. \[Log Out\]$/);
    assert.equal(fs.readFileSync(userNpmrc, 'utf8'), `registry=${registry.url}\r\n; keep me\r\ncolor=false`);
    assert.ok(registry.state.tokens.get(token('alice-session'))!.revokedAt !== undefined);
    assert.equal(api.status?.verdict.code, 'not-logged-in');
    assert.match(told[0]!, /^info: alice is logged out of/);
  });

  it('log out cancelled: nothing revoked, nothing removed', async () => {
    const text = `registry=${registry.url}\n${nerf()}:_authToken=${token('alice-session')}\n`;
    fs.writeFileSync(userNpmrc, text, { mode: 0o600 });
    await openPackage('demo-pkg');
    answer({ confirm: undefined });
    await vscode.commands.executeCommand('npmPublishAuth.logout');
    assert.equal(fs.readFileSync(userNpmrc, 'utf8'), text);
    assert.equal(registry.state.tokens.get(token('alice-session'))!.revokedAt, undefined);
  });

  it('generate a token through the steps (Back keeps answers), a wrong password then the right one, a wrong code then the right one; shown once and used', async () => {
    fs.writeFileSync(userNpmrc, `registry=${registry.url}\n${nerf()}:_authToken=${token('alice-session')}\n`, { mode: 0o600 });
    await openPackage('demo-pkg');
    const value = (v: string): StepAnswer => ({ kind: 'value', value: v });
    const prompts = answer({
      steps: {
        purpose: [value('me')],
        name: [value('ci-demo')],
        permission: [value('read-write'), value('read-write')],
        packages: [{ kind: 'back' }, value('demo-pkg, @alice')],
        expires: [value('30')],
        bypass: [value('no')],
        cidr: [value('127.0.0.0/8')],
      },
      confirm: 'Create Token', passwords: ['not-her-password', 'alice-password'], codes: ['111111', DEMO_OTP], newToken: 'Use for This Registry',
    });
    await vscode.commands.executeCommand('npmPublishAuth.generateToken');
    const steps = asked.filter((a) => a.startsWith('step'));
    assert.deepEqual(steps, [
      'step 1/7 purpose: me',
      'step 2/7 name (back): demo-pkg-' + new Date().toISOString().slice(0, 10),
      'step 3/7 permission (back): read-write',
      'step 4/7 packages (back): demo-pkg',
      'step 3/7 permission (back): read-write',
      'step 4/7 packages (back): demo-pkg',
      'step 5/7 expires (back): 7',
      'step 6/7 bypass (back): no',
      'step 7/7 cidr (back): ',
    ]);
    assert.deepEqual(asked.slice(steps.length).map((a) => a.replace(/:.*?( \(again\))?$/, '$1').split(':')[0]), ['confirm', 'password', 'password (again)', 'otp', 'otp again', 'new token']);
    // The summary before the password says what the token will be.
    assert.equal(asked[steps.length], `confirm: Create token "ci-demo" on ${new URL(registry.url).host}? | Permission: read and write\nPackages and scopes: demo-pkg, @alice\nExpires in 30 days\nAllowed IP ranges: 127.0.0.0/8\nPublishing with it asks for 2FA. [Create Token, Change…]`);
    const created = prompts.shownToken();
    assert.ok(created, 'the token was shown');
    secrets.add(created);
    const stored = registry.state.tokens.get(created)!;
    assert.deepEqual([stored.name, stored.permission, stored.packages, stored.scopes, stored.bypass2fa, stored.cidr], ['ci-demo', 'read-write', ['demo-pkg'], ['@alice'], false, ['127.0.0.0/8']]);
    assert.equal(fs.readFileSync(userNpmrc, 'utf8'), `registry=${registry.url}\n${nerf()}:_authToken=${created}\n`);
    assert.equal(api.status?.credential?.kind, 'granular');
  });

  it('a token for CI: stage-only for this package, 30 days, Copy only; remembered without the token, and reminded at 7 days, 1 day and on expiry, once each', async () => {
    const text = `registry=${registry.url}\n${nerf()}:_authToken=${token('alice-session')}\n`;
    fs.writeFileSync(userNpmrc, text, { mode: 0o600 });
    await openPackage('demo-pkg');
    const value = (v: string): StepAnswer => ({ kind: 'value', value: v });
    const prompts = answer({
      steps: {
        purpose: [value('ci')], name: [value('demo-ci')], permission: [value('read-write-stage-only')], packages: [value('demo-pkg')],
        expiresChoice: [value('30')], cidr: [value('')],
      },
      confirm: 'Create Token', passwords: ['alice-password'], codes: [DEMO_OTP], newToken: 'Copy',
    });
    try {
      const before = Date.now();
      await vscode.commands.executeCommand('npmPublishAuth.generateToken');
      // The CI path proposes the narrowest token: stage-only first, this package, 30 days; no bypass question.
      assert.deepEqual(asked.filter((a) => a.startsWith('step')), [
        'step 1/7 purpose: me',
        'step 2/6 name (back): demo-pkg-ci-' + new Date().toISOString().slice(0, 10),
        'step 3/6 permission (back): read-write-stage-only',
        'step 4/6 packages (back): demo-pkg',
        'step 5/6 expiresChoice (back): 30',
        'step 6/6 cidr (back): ',
      ]);
      assert.match(asked.find((a) => a.startsWith('confirm:'))!, /\| For CI: store it as a secret there; you are reminded 7 days and 1 day before it expires\.\nPermission: stage only/);
      assert.deepEqual(registry.tokenBodies().at(-1), { name: 'demo-ci', packages: ['demo-pkg'], packages_and_scopes_permission: 'read-write-stage-only', expires: 30 });
      const modal = asked.find((a) => a.startsWith('new token:'))!;
      assert.ok(modal.endsWith('Store it as a secret in your CI, e.g. NPM_TOKEN. [Copy]'), modal);
      const created = prompts.shownToken()!;
      secrets.add(created);
      const stored = registry.state.tokens.get(created)!;
      assert.deepEqual([stored.permission, stored.packages, stored.scopes, stored.bypass2fa], ['stage-only', ['demo-pkg'], [], false]);
      assert.equal(await vscode.env.clipboard.readText(), created);
      assert.equal(fs.readFileSync(userNpmrc, 'utf8'), text, 'a CI token is not written for this registry');

      // Remembered by host, name and expiry: never the token nor its key.
      const host = new URL(registry.url).host;
      const remembered = (await api.remindCiTokens(before)) as { registry: string; name: string; expiresAt: number; announced: string[] }[];
      assert.deepEqual(remembered.map((r) => Object.keys(r).sort()), [['announced', 'expiresAt', 'name', 'registry']]);
      const record = remembered[0]!;
      assert.deepEqual([record.registry, record.name, record.announced], [host, 'demo-ci', []]);
      assert.equal(record.expiresAt, stored.expiresAt, 'the registry\'s expiry');
      const json = JSON.stringify(remembered);
      assert.ok(!json.includes(created) && !json.includes(stored.key), 'no token and no key in globalState');
      assert.deepEqual(told, [`info: The token is on the clipboard; it is not shown again. []`], 'nothing due 30 days ahead');

      // Time moves through the reminders' clock: each stage once, and nothing again after a restart's first status.
      const DAY = 24 * 60 * 60_000;
      const at = (daysLeft: number) => record.expiresAt - daysLeft * DAY;
      told = [];
      await api.remindCiTokens(at(8));
      assert.deepEqual(told, []);
      await api.remindCiTokens(at(6.5));
      await api.remindCiTokens(at(2));
      assert.deepEqual(told, [`warning: The CI token "demo-ci" for ${host} expires in 6 days. Generate a new one and update the CI secret. [Generate Token…]`]);
      told = [];
      const oneDay = (await api.remindCiTokens(at(0.5))) as typeof remembered;
      await api.remindCiTokens(at(0.4));
      assert.deepEqual(told, [`warning: The CI token "demo-ci" for ${host} expires in 12 h. Generate a new one and update the CI secret. [Generate Token…]`]);
      assert.deepEqual(oneDay[0]!.announced, ['7d', '1d'], 'persisted in globalState');
      told = [];
      await api.remindCiTokens(at(-1));
      await api.remindCiTokens(at(-2));
      assert.deepEqual(told, [`warning: The CI token "demo-ci" for ${host} has expired: CI cannot publish with it. Generate a new one and update the CI secret. [Generate Token…]`]);
      // A week after it expired, it is forgotten.
      assert.deepEqual(await api.remindCiTokens(at(-8)), []);
    } finally {
      await vscode.env.clipboard.writeText('');
    }
  });

  /** The wizard's answers for a plain read-write token, up to the token modal. */
  const tokenWizard = (): Record<string, StepAnswer[]> => {
    const value = (v: string): StepAnswer => ({ kind: 'value', value: v });
    return { purpose: [value('me')], name: [value('ci-unsaved')], permission: [value('read-write')], packages: [value('demo-pkg')], expires: [value('30')], bypass: [value('no')], cidr: [value('')] };
  };

  it('"Use for This Registry" with a read-only user npmrc: the modal names the file and offers Copy Token / Revoke It; revoked, the file untouched', async () => {
    const text = `registry=${registry.url}\n${nerf()}:_authToken=${token('alice-session')}\n`;
    fs.writeFileSync(userNpmrc, text);
    fs.chmodSync(userNpmrc, 0o400);
    try {
      await openPackage('demo-pkg');
      const prompts = answer({ steps: tokenWizard(), confirm: 'Create Token', passwords: ['alice-password'], codes: [DEMO_OTP], newToken: ['Use for This Registry', 'Revoke It'] });
      await vscode.commands.executeCommand('npmPublishAuth.generateToken');
      const created = prompts.shownToken();
      assert.ok(created, 'the token was shown');
      secrets.add(created);
      const modals = asked.filter((a) => a.startsWith('new token:'));
      assert.equal(modals.length, 2, asked.join('\n'));
      assert.ok(modals[0]!.includes(`saves it in ${userNpmrc}`), modals[0]);
      assert.ok(modals[1]!.includes(`was not saved: ${userNpmrc} is read-only; make it writable`) && modals[1]!.endsWith('[Copy Token, Revoke It]'), modals[1]);
      assert.ok(!modals.some((m) => m.includes(created)), 'the token is not in a message');
      assert.ok(registry.state.tokens.get(created)!.revokedAt !== undefined, 'revoked on the registry');
      assert.equal(fs.readFileSync(userNpmrc, 'utf8'), text);
      assert.equal(fs.statSync(userNpmrc).mode & 0o777, 0o400, 'still read-only');
      assert.match(told.join('\n'), /^info: The token was revoked on .*; nothing was saved in /m);
    } finally {
      fs.chmodSync(userNpmrc, 0o600);
    }
  });

  it('"Use for This Registry" with the user npmrc linked to /dev/null: refused unopened; Copy Token puts it on the clipboard', async () => {
    fs.rmSync(userNpmrc, { force: true });
    fs.symlinkSync('/dev/null', userNpmrc);
    try {
      await openPackage('demo-pkg', `registry=${registry.url}\n${nerf()}:_authToken=${token('alice-session')}\n`);
      const prompts = answer({ steps: tokenWizard(), confirm: 'Create Token', passwords: ['alice-password'], codes: [DEMO_OTP], newToken: ['Use for This Registry', 'Copy Token'] });
      await vscode.commands.executeCommand('npmPublishAuth.generateToken');
      const created = prompts.shownToken()!;
      secrets.add(created);
      const failure = asked.filter((a) => a.startsWith('new token:'))[1];
      assert.ok(failure?.includes(`${userNpmrc} (/dev/null) is a device such as /dev/null, not a regular file`), failure);
      assert.equal(await vscode.env.clipboard.readText(), created);
      assert.equal(registry.state.tokens.get(created)!.revokedAt, undefined, 'kept valid: the person stores it');
      assert.ok(fs.lstatSync(userNpmrc).isSymbolicLink(), 'the link is untouched');
      assert.match(told.join('\n'), /^info: The token is on the clipboard/m);
    } finally {
      fs.rmSync(userNpmrc, { force: true });
      await vscode.env.clipboard.writeText('');
    }
  });

  it('web login with a read-only user npmrc: the session token is offered to copy or revoke; revoked, nothing written', async () => {
    const text = `registry=${registry.url}\n`;
    fs.writeFileSync(userNpmrc, text);
    fs.chmodSync(userNpmrc, 0o444);
    try {
      await openPackage('demo-pkg');
      const prompts = answer({ approveAs: 'alice', newToken: 'Revoke It' });
      await vscode.commands.executeCommand('npmPublishAuth.login');
      const session = prompts.shownToken();
      assert.ok(session, 'the session token was offered');
      secrets.add(session);
      assert.match(asked.at(-1)!, /^new token: The new token from .* was not saved: .*\.npmrc is read-only; .* \[Copy Token, Revoke It\]$/);
      assert.ok(registry.state.tokens.get(session)!.revokedAt !== undefined, 'revoked');
      assert.equal(fs.readFileSync(userNpmrc, 'utf8'), text);
    } finally {
      fs.chmodSync(userNpmrc, 0o600);
    }
  });

  it('web login answered with a hostile token ($(touch PWNED)): written nowhere, not shown or copied, only revoking offered', async () => {
    fs.writeFileSync(userNpmrc, `registry=${registry.url}\n`);
    await openPackage('demo-pkg');
    registry.injectFault({ method: 'GET', path: /^\/-\/v1\/done/ }, { kind: 'json-body', status: 200, body: { token: '$(touch PWNED)' } });
    const prompts = answer({ approveAs: 'alice', newToken: 'Revoke It' });
    await vscode.commands.executeCommand('npmPublishAuth.login');
    assert.equal(prompts.shownToken(), undefined, 'not shown');
    assert.match(asked.at(-1)!, /^new token: The new token from .* was not saved: the registry sent a token with characters npm tokens never contain.*\[Revoke It\]$/);
    assert.equal(fs.readFileSync(userNpmrc, 'utf8'), `registry=${registry.url}\n`);
    assert.ok(!fs.existsSync(path.join(os.homedir(), 'PWNED')) && !fs.existsSync(path.join(root, '..', 'PWNED')));
  });

  it('set publishing access: a wrong code, then the right one; remembered as set from here', async () => {
    fs.writeFileSync(userNpmrc, `registry=${registry.url}\n${nerf()}:_authToken=${token('alice-session')}\n`, { mode: 0o600 });
    await openPackage('demo-pkg');
    answer({ pick: 'Require 2FA and disallow tokens', codes: ['111111', DEMO_OTP] });
    await vscode.commands.executeCommand('npmPublishAuth.setPublishingAccess');
    assert.deepEqual(asked.map((a) => a.split(':')[0]), ['pick', 'otp', 'otp again']);
    assert.equal(registry.state.packages.get('demo-pkg')!.publishingAccess, 'publish');
    const access = api.status?.publishingAccess;
    assert.ok(access?.state === 'known' && access.mode === 'publish' && access.source.kind === 'set-by-extension', JSON.stringify(access));
    assert.equal(told[0], 'info: Publishing access of demo-pkg: 2FA, no tokens. []');
  });

  it('a bypass token is refused for publishing access: explained, with Log In offered; nothing changed', async () => {
    fs.writeFileSync(userNpmrc, `registry=${registry.url}\n${nerf()}:_authToken=${token('alice-bypass')}\n`, { mode: 0o600 });
    await openPackage('demo-pkg');
    answer({ pick: 'Require 2FA and disallow tokens' });
    await vscode.commands.executeCommand('npmPublishAuth.setPublishingAccess');
    assert.equal(registry.state.packages.get('demo-pkg')!.publishingAccess, 'automation');
    assert.match(told[0]!, /^error: Setting the publishing access on .* failed: your credential is a granular access token with bypass 2FA.*\[Log In, Show Log\]$/);
  });

  it('no secret reached the log or a notification', () => {
    const log = api.logText();
    assert.ok(log.includes('[account]'), 'the account actions logged');
    assert.ok(everythingTold.length >= 7 && secrets.size > 10, 'there was something to check');
    for (const secret of secrets) {
      assert.ok(!log.includes(secret), 'a secret in the log');
      for (const text of everythingTold) assert.ok(!text.includes(secret), `a secret in a notification: ${text}`);
    }
  });
});
