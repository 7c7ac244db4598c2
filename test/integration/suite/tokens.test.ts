// The token wizard inside the real extension host, against the local registry, with the prompts
// injected (accountHarness.ts): a token for this machine through every step and its retries, a
// token for CI and its reminders, and a new token that cannot be written where it was meant to go.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { StepAnswer } from '../../../src/core/policy/multiStep';
import { accountHarness, userNpmrc } from '../accountHarness';
import { DEMO_OTP } from '../../registry/scenarios';

describe('the token wizard (for this machine, for CI)', function () {
  const h = accountHarness('token-cases');

  it('generate a token through the steps (Back keeps answers), a wrong password then the right one, a wrong code then the right one; shown once and used', async () => {
    fs.writeFileSync(userNpmrc, `registry=${h.registry.url}\n${h.nerf()}:_authToken=${h.token('alice-session')}\n`, { mode: 0o600 });
    await h.openPackage('demo-pkg');
    const value = (v: string): StepAnswer => ({ kind: 'value', value: v });
    const prompts = h.answer({
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
    const steps = h.asked.filter((a) => a.startsWith('step'));
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
    assert.deepEqual(h.asked.slice(steps.length).map((a) => a.replace(/:.*?( \(again\))?$/, '$1').split(':')[0]), ['confirm', 'password', 'password (again)', 'otp', 'otp again', 'new token']);
    // The summary before the password says what the token will be.
    assert.equal(h.asked[steps.length], `confirm: Create token "ci-demo" on ${new URL(h.registry.url).host}? | Permission: read and write\nPackages and scopes: demo-pkg, @alice\nExpires in 30 days\nAllowed IP ranges: 127.0.0.0/8\nPublishing with it asks for 2FA. [Create Token, Change…]`);
    const created = prompts.shownToken();
    assert.ok(created, 'the token was shown');
    h.secrets.add(created);
    const stored = h.registry.state.tokens.get(created)!;
    assert.deepEqual([stored.name, stored.permission, stored.packages, stored.scopes, stored.bypass2fa, stored.cidr], ['ci-demo', 'read-write', ['demo-pkg'], ['@alice'], false, ['127.0.0.0/8']]);
    assert.equal(fs.readFileSync(userNpmrc, 'utf8'), `registry=${h.registry.url}\n${h.nerf()}:_authToken=${created}\n`);
    assert.equal(h.api.status?.credential?.kind, 'granular');
  });

  it('a token for CI: stage-only for this package, 30 days, Copy only; remembered without the token, and reminded at 7 days, 1 day and on expiry, once each', async () => {
    const text = `registry=${h.registry.url}\n${h.nerf()}:_authToken=${h.token('alice-session')}\n`;
    fs.writeFileSync(userNpmrc, text, { mode: 0o600 });
    await h.openPackage('demo-pkg');
    const value = (v: string): StepAnswer => ({ kind: 'value', value: v });
    const prompts = h.answer({
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
      assert.deepEqual(h.asked.filter((a) => a.startsWith('step')), [
        'step 1/7 purpose: me',
        'step 2/6 name (back): demo-pkg-ci-' + new Date().toISOString().slice(0, 10),
        'step 3/6 permission (back): read-write-stage-only',
        'step 4/6 packages (back): demo-pkg',
        'step 5/6 expiresChoice (back): 30',
        'step 6/6 cidr (back): ',
      ]);
      assert.match(h.asked.find((a) => a.startsWith('confirm:'))!, /\| For CI: store it as a secret there; you are reminded 7 days and 1 day before it expires\.\nPermission: stage only/);
      assert.deepEqual(h.registry.tokenBodies().at(-1), { name: 'demo-ci', packages: ['demo-pkg'], packages_and_scopes_permission: 'read-write-stage-only', expires: 30 });
      const modal = h.asked.find((a) => a.startsWith('new token:'))!;
      assert.ok(modal.endsWith('Store it as a secret in your CI, e.g. NPM_TOKEN. [Copy]'), modal);
      const created = prompts.shownToken()!;
      h.secrets.add(created);
      const stored = h.registry.state.tokens.get(created)!;
      assert.deepEqual([stored.permission, stored.packages, stored.scopes, stored.bypass2fa], ['stage-only', ['demo-pkg'], [], false]);
      assert.equal(await vscode.env.clipboard.readText(), created);
      assert.equal(fs.readFileSync(userNpmrc, 'utf8'), text, 'a CI token is not written for this registry');

      // Remembered by host, name and expiry: never the token nor its key.
      const host = new URL(h.registry.url).host;
      const remembered = (await h.api.remindCiTokens(before)) as { registry: string; name: string; expiresAt: number; announced: string[] }[];
      assert.deepEqual(remembered.map((r) => Object.keys(r).sort()), [['announced', 'expiresAt', 'name', 'registry']]);
      const record = remembered[0]!;
      assert.deepEqual([record.registry, record.name, record.announced], [host, 'demo-ci', []]);
      assert.equal(record.expiresAt, stored.expiresAt, 'the registry\'s expiry');
      const json = JSON.stringify(remembered);
      assert.ok(!json.includes(created) && !json.includes(stored.key), 'no token and no key in globalState');
      assert.deepEqual(h.told, [`info: The token is on the clipboard; it is not shown again. []`], 'nothing due 30 days ahead');

      // Time moves through the reminders' clock: each stage once, and nothing again after a restart's first status.
      const DAY = 24 * 60 * 60_000;
      const at = (daysLeft: number) => record.expiresAt - daysLeft * DAY;
      h.told = [];
      await h.api.remindCiTokens(at(8));
      assert.deepEqual(h.told, []);
      await h.api.remindCiTokens(at(6.5));
      await h.api.remindCiTokens(at(2));
      assert.deepEqual(h.told, [`warning: The CI token "demo-ci" for ${host} expires in 6 days. Generate a new one and update the CI secret. [Generate Token…]`]);
      h.told = [];
      const oneDay = (await h.api.remindCiTokens(at(0.5))) as typeof remembered;
      await h.api.remindCiTokens(at(0.4));
      assert.deepEqual(h.told, [`warning: The CI token "demo-ci" for ${host} expires in 12 h. Generate a new one and update the CI secret. [Generate Token…]`]);
      assert.deepEqual(oneDay[0]!.announced, ['7d', '1d'], 'persisted in globalState');
      h.told = [];
      await h.api.remindCiTokens(at(-1));
      await h.api.remindCiTokens(at(-2));
      assert.deepEqual(h.told, [`warning: The CI token "demo-ci" for ${host} has expired: CI cannot publish with it. Generate a new one and update the CI secret. [Generate Token…]`]);
      // A week after it expired, it is forgotten.
      assert.deepEqual(await h.api.remindCiTokens(at(-8)), []);
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
    const text = `registry=${h.registry.url}\n${h.nerf()}:_authToken=${h.token('alice-session')}\n`;
    fs.writeFileSync(userNpmrc, text);
    fs.chmodSync(userNpmrc, 0o400);
    try {
      await h.openPackage('demo-pkg');
      const prompts = h.answer({ steps: tokenWizard(), confirm: 'Create Token', passwords: ['alice-password'], codes: [DEMO_OTP], newToken: ['Use for This Registry', 'Revoke It'] });
      await vscode.commands.executeCommand('npmPublishAuth.generateToken');
      const created = prompts.shownToken();
      assert.ok(created, 'the token was shown');
      h.secrets.add(created);
      const modals = h.asked.filter((a) => a.startsWith('new token:'));
      assert.equal(modals.length, 2, h.asked.join('\n'));
      assert.ok(modals[0]!.includes(`saves it in ${userNpmrc}`), modals[0]);
      assert.ok(modals[1]!.includes(`was not saved: ${userNpmrc} is read-only; make it writable`) && modals[1]!.endsWith('[Copy Token, Revoke It]'), modals[1]);
      assert.ok(!modals.some((m) => m.includes(created)), 'the token is not in a message');
      assert.ok(h.registry.state.tokens.get(created)!.revokedAt !== undefined, 'revoked on the registry');
      assert.equal(fs.readFileSync(userNpmrc, 'utf8'), text);
      assert.equal(fs.statSync(userNpmrc).mode & 0o777, 0o400, 'still read-only');
      assert.match(h.told.join('\n'), /^info: The token was revoked on .*; nothing was saved in /m);
    } finally {
      fs.chmodSync(userNpmrc, 0o600);
    }
  });

  it('"Use for This Registry" with the user npmrc linked to /dev/null: refused unopened; Copy Token puts it on the clipboard', async () => {
    fs.rmSync(userNpmrc, { force: true });
    fs.symlinkSync('/dev/null', userNpmrc);
    try {
      await h.openPackage('demo-pkg', `registry=${h.registry.url}\n${h.nerf()}:_authToken=${h.token('alice-session')}\n`);
      const prompts = h.answer({ steps: tokenWizard(), confirm: 'Create Token', passwords: ['alice-password'], codes: [DEMO_OTP], newToken: ['Use for This Registry', 'Copy Token'] });
      await vscode.commands.executeCommand('npmPublishAuth.generateToken');
      const created = prompts.shownToken()!;
      h.secrets.add(created);
      const failure = h.asked.filter((a) => a.startsWith('new token:'))[1];
      assert.ok(failure?.includes(`${userNpmrc} (/dev/null) is a device such as /dev/null, not a regular file`), failure);
      assert.equal(await vscode.env.clipboard.readText(), created);
      assert.equal(h.registry.state.tokens.get(created)!.revokedAt, undefined, 'kept valid: the person stores it');
      assert.ok(fs.lstatSync(userNpmrc).isSymbolicLink(), 'the link is untouched');
      assert.match(h.told.join('\n'), /^info: The token is on the clipboard/m);
    } finally {
      fs.rmSync(userNpmrc, { force: true });
      await vscode.env.clipboard.writeText('');
    }
  });

  it('no secret reached the log or a notification', () => {
    assert.ok(h.everythingTold.length >= 3 && h.secrets.size > 3, 'there was something to check');
    h.noSecretLeaked();
  });
});
