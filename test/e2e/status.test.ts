// The status as a person sees it: the real workbench, the local registry, one package folder per case.
import * as assert from 'node:assert/strict';
import { asNpmjs, startRegistry, type LocalRegistry } from '../registry/server';
import { demoToken } from '../registry/scenarios';
import {
  openFile, openWorkbenchOn, runCommand, screenshotOnFailure, statusItem, waitForStatusLabel, waitForStatusTooltip, type Workbench,
} from './workbench';

interface Case {
  what: string;
  /** A workspace folder of its own: its .npmrc applies to its package.json only. */
  folder: string;
  /** The `_authToken` of the folder's .npmrc; none: logged out. */
  token?: string;
  manifest?: Record<string, unknown>;
  /** What the aria-label says after "npm publish status for <name>@<version>.". */
  label: RegExp;
}

const TWO_FA = /Verdict: Publishing will ask for two-factor authentication\./;
const session = demoToken('alice-session');

// The issue's cases (the in-host suite checks the same verdicts through the API).
const cases: Case[] = [
  { what: 'logged out', folder: 'logged-out', label: /Not logged in to 127\.0\.0\.1:\d+\. .*Verdict: Not logged in\./ },
  { what: 'session of a TOTP maintainer', folder: 'session-totp', token: session, label: new RegExp(`as alice with a session from npm login\\. .*${TWO_FA.source}`) },
  { what: 'session of a passkey-only user', folder: 'passkey-only', token: demoToken('carol-session'), label: new RegExp(`as carol with a session from npm login\\. .*${TWO_FA.source}`) },
  // The registry sends one notice for both ("expired or revoked"), so the label cannot say which.
  { what: 'expired token', folder: 'expired-token', token: demoToken('alice-expired'), label: /Verdict: Credential invalid\. The credential for \S+ has expired or was revoked/ },
  { what: 'revoked token', folder: 'revoked-token', token: demoToken('alice-revoked'), label: /Verdict: Credential invalid\. The credential for \S+ has expired or was revoked/ },
  { what: 'granular token with bypass 2FA and write', folder: 'bypass-token', token: demoToken('alice-bypass'), label: /as alice with the granular access token "ci-publish"\. .*Verdict: Ready to publish, no prompt\./ },
  { what: 'granular token not scoped to this package', folder: 'other-package-token', token: demoToken('alice-other'), label: /Verdict: No write access\. The token "tools-only" is not scoped to demo-pkg/ },
  { what: 'read-only token', folder: 'read-only-token', token: demoToken('alice-readonly'), label: /Verdict: Read-only token\./ },
  { what: 'not a maintainer', folder: 'not-a-maintainer', token: demoToken('bob-session'), label: /as bob with a session from npm login\. .*Verdict: No write access\./ },
  { what: 'a new, unpublished package name', folder: 'new-package', token: session, manifest: { name: 'brand-new-name' }, label: TWO_FA },
  { what: 'version already published, not the latest', folder: 'version-exists', token: session, manifest: { name: '@alice/locked', version: '1.0.0' }, label: /Verdict: Version already published\./ },
  { what: 'this version is the registry\'s latest', folder: 'published', token: session, manifest: { version: '1.0.0' }, label: /Verdict: Published (just now|\d+ \w+ ago)\. This version is the registry's latest/ },
  { what: 'private package', folder: 'private-package', token: session, manifest: { private: true }, label: /Verdict: Private package\./ },
  { what: '${NPM_TOKEN} unset', folder: 'unset-variable', token: '${NPM_TOKEN}', label: /needs \$\{NPM_TOKEN\}, which is not set\. .*Verdict: Credential invalid\./ },
];
// Every folder's package is unique, so a wait can never pass on the previous folder's status.
const manifestOf = (c: Case, i: number) => ({ name: 'demo-pkg', version: `2.0.${i}`, ...c.manifest });
const specOf = (m: { name: string; version: string }) => `${m.name}@${m.version}`;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The label of the status of `spec`, then `rest` (a RegExp source). */
const labelOf = (spec: string, rest: string) => new RegExp(`^npm publish status for ${escape(spec)}\\. ${rest}`);
const EDITED = { name: 'demo-pkg', version: '3.0.0' };
const FAULTED = { name: 'demo-pkg', version: '3.0.1' };

describe('the status bar against the local registry', function () {
  let registry: LocalRegistry;
  let workbench: Workbench | undefined;

  before(async () => {
    registry = await startRegistry({ scenario: 'default' });
    const npmrc = (token?: string) => `registry=${registry.url}\n${token ? `${registry.url.replace(/^http:/, '')}:_authToken=${token}\n` : ''}`;
    const pkg = (folder: string, manifest: object, token?: string) => ({
      [`${folder}/package.json`]: JSON.stringify(manifest, null, 2) + '\n',
      [`${folder}/.npmrc`]: npmrc(token),
    });
    // The "${NPM_TOKEN} unset" case needs it unset in the host, which inherits this environment.
    delete process.env.NPM_TOKEN;
    workbench = await openWorkbenchOn(Object.assign(
      pkg('bypass', { name: 'demo-none', version: '0.2.0' }, demoToken('alice-bypass')),
      pkg('invalid-json', EDITED, session),
      pkg('registry-down', FAULTED, session),
      ...cases.map((c, i) => pkg(c.folder, manifestOf(c, i), c.token)),
    ), {}, { settings: { 'npmPublishAuth.registryKinds': asNpmjs(registry) } });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') console.log(`screenshot: ${await screenshotOnFailure(workbench?.page, this.currentTest.fullTitle())}`);
  });

  after(async () => {
    await workbench?.close();
    await registry.close();
  });

  /** Waits for the label, then checks that neither it nor the item's text shows a secret. */
  async function expectLabel(expected: RegExp): Promise<string> {
    const page = workbench!.page;
    const label = await waitForStatusLabel(page, expected);
    const text = await statusItem(page).innerText();
    for (const secret of registry.secrets()) assert.ok(!label.includes(secret) && !text.includes(secret), 'no secret in the label or text');
    return label;
  }

  it('shows who is logged in and that publishing is ready, spelled out for screen readers', async () => {
    const page = workbench!.page;
    await openFile(page, 'bypass/package.json');
    const item = statusItem(page);
    await item.filter({ hasText: 'alice' }).waitFor({ timeout: 30_000 });
    const label = await expectLabel(/^npm publish status for demo-none@0\.2\.0\./);
    assert.match(label, /alice/);
    assert.match(label, /ready|without a prompt|no prompt/i);
  });

  it('the tooltip starts with the verdict, then the package, who and the publishing access, in plain words', async () => {
    const tooltip = await waitForStatusTooltip(workbench!.page, /^\s*Ready to publish, no prompt\s*\n/);
    const lines = tooltip.split('\n').map((line) => line.trim()).filter(Boolean);
    assert.match(lines[1]!, /^The token "ci-publish" bypasses 2FA and can write to demo-none/);
    assert.ok(lines.includes('Package: demo-none@0.2.0 · not published yet · latest 0.1.0'), tooltip);
    assert.ok(lines.some((l) => /^Who: alice · token "ci-publish" \(bypass 2FA\) · expires in /.test(l)), tooltip);
    assert.ok(lines.some((l) => /^Publishing access: /.test(l)), tooltip);
    assert.ok(lines.length <= 12, `${lines.length} lines: ${tooltip}`);
    assert.doesNotMatch(tooltip, /\/tmp\/|\.npmrc|auth-and-writes/, 'no path, no config file, no npm jargon');
    // Every icon of the item is explained: the tooltip shows it at the start of the line that says what it means.
    const page = workbench!.page;
    const icons = (selector: string) => page.locator(selector).evaluateAll((spans) => spans.map((span) => [...span.classList].find((c) => c.startsWith('codicon-'))));
    const inItem = await statusItem(page).locator('.codicon').evaluateAll((spans) => spans.map((span) => [...span.classList].find((c) => c.startsWith('codicon-'))));
    const inTooltip = await icons('.workbench-hover .codicon');
    assert.ok(inItem.length >= 2, `icons in the item: ${inItem.join(', ')}`);
    for (const icon of inItem) assert.ok(inTooltip.includes(icon), `${icon} is explained in the tooltip (${inTooltip.join(', ')})`);
  });

  it('opens the actions that fit the state when the item is clicked', async () => {
    const page = workbench!.page;
    await statusItem(page).click();
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.first().waitFor();
    const labels = await rows.allInnerTexts();
    assert.ok(labels.some((l) => /Publish/.test(l)), `a publish action is offered: ${labels.join(' | ')}`);
    await page.keyboard.press('Escape');
  });

  it('"npm: Show Publish Auth Details" opens the report rendered, titled name@version, without secrets', async () => {
    const page = workbench!.page;
    await runCommand(page, 'npm: Show Publish Auth Details');
    await page.locator('.tabs-container .tab').filter({ hasText: 'demo-none@0.2.0' }).first().waitFor({ timeout: 15_000 });
    // A Markdown preview: the rendered report lives in the webview's inner frame.
    const preview = page.locator('iframe.webview').last().contentFrame().locator('iframe#active-frame').contentFrame();
    await preview.locator('h1').filter({ hasText: 'npm Publish Auth details for demo-none@0.2.0' }).waitFor({ timeout: 15_000 });
    const text = await preview.locator('body').innerText();
    // A page for people first: the verdict in words, no internal ids; the raw facts collapsed.
    assert.match(text, /Ready to publish, no prompt/);
    assert.ok(!(await preview.locator('details').getAttribute('open')), 'the raw facts are collapsed');
    const visible = await preview.locator('body > :not(details)').allInnerTexts();
    assert.doesNotMatch(visible.join('\n'), /needs-otp|ready\b`|npmPublishAuth\.|auth-and-writes|\d{4}-\d\d-\d\dT/, 'no ids, npm jargon or ISO times outside the raw facts');
    assert.match(await preview.locator('span[title]').first().getAttribute('title') ?? '', /^\d{4}-\d\d-\d\dT/, 'the exact time on hover');
    for (const secret of registry.secrets()) assert.ok(!text.includes(secret), 'no secret in the report');
    // Its links run the commands (a Markdown preview would not): Refresh asks the registry again.
    const asked = registry.requests.length;
    await preview.locator('a', { hasText: /^Refresh$/ }).click();
    const deadline = Date.now() + 15_000;
    while (registry.requests.length === asked && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(registry.requests.length > asked, 'the Refresh link reached the registry');
  });

  it('"npm: Show Publish Auth Menu" from the details preview: the same package, the verdict as the title, its fix first', async () => {
    const page = workbench!.page;
    await runCommand(page, 'npm: Show Publish Auth Menu');
    // The preview is not a file: the status stays on the package shown before it.
    await page.locator('.quick-input-title').filter({ hasText: 'demo-none@0.2.0: Ready to publish, no prompt' }).waitFor({ timeout: 15_000 });
    const first = await page.locator('.quick-input-list .monaco-list-row').first().innerText();
    assert.match(first, /^\s*Publish demo-none@0\.2\.0/);
    // The verdict is said once, in the title; the row says what the publish will meet.
    assert.match(first, /no prompt\s*$/);
    assert.doesNotMatch(first, /Ready to publish/);
    await page.keyboard.press('Escape');
  });

  cases.forEach((c, i) => {
    it(`opening its package.json shows the case: ${c.what}`, async () => {
      await openFile(workbench!.page, `${c.folder}/package.json`);
      await expectLabel(labelOf(specOf(manifestOf(c, i)), `.*${c.label.source}`));
    });
  });

  it('package.json edited into invalid JSON: the problem is shown, the last good package kept; undone, it recovers', async () => {
    const page = workbench!.page;
    await openFile(page, 'invalid-json/package.json');
    const good = labelOf(specOf(EDITED), `.*${TWO_FA.source}`);
    await expectLabel(good);
    await page.keyboard.press('Control+End');
    await page.keyboard.type(',');
    await page.keyboard.press('Control+S');
    await waitForStatusTooltip(page, /package\.json does not parse/);
    await expectLabel(good);
    await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+S');
    await waitForStatusTooltip(page, new RegExp(`^(?![\\s\\S]*does not parse)[\\s\\S]*${escape(specOf(EDITED))}`));
    await expectLabel(good);
  });

  it('registry down then back: the status goes stale, keeping the last verdict, and recovers after a refresh', async () => {
    const page = workbench!.page;
    await openFile(page, 'registry-down/package.json');
    const fresh = labelOf(specOf(FAULTED), `(?!.*Last refresh failed).*${TWO_FA.source}`);
    await expectLabel(fresh);
    registry.injectFault({}, { kind: 'server-error', status: 500 });
    try {
      await runCommand(page, 'npm: Refresh Publish Auth Status');
      await expectLabel(labelOf(specOf(FAULTED), `.*${TWO_FA.source}.*Last refresh failed`));
    } finally {
      registry.clearFaults();
    }
    await runCommand(page, 'npm: Refresh Publish Auth Status');
    await expectLabel(fresh);
  });
});
