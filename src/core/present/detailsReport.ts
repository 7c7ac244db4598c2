// "Show Publish Auth Details": a page for people first — the verdict, its fix as a link, the facts in
// the tooltip's words, times relative with the exact one on hover — then every raw fact (ids, npm's
// terms, ISO times) in a collapsed section, so the Markdown copy is a whole bug report.
// Every model value goes through `md` (redacted, then escaped).

import { humanAgo, type Localize } from '../base/localize';
import type { PublishAuthStatus } from '../base/model';
import { accountTwoFactorSentence, credentialSentence, expirySentence, packageSpec, sourceSentence, verdictTitle, writeAccessSentence } from './sentences';
import { describePublishingAccess } from './publishingAccessDescription';
import { tooltipSections, trustPhrase } from './tooltip';
import { COMMANDS } from '../base/commands';
import { asText } from '../base/secrets';
import { displayRegistryUrl, list, md, plain } from '../base/text';
import type { CiFinding } from '../trust/ciChecks';

/** The value may be anything the registry sent (a number where a string belongs): `md` makes it text. */
type Row = [label: string, value: unknown];

/** `ci`: the CI checklist of trusted publishing for the package (core/trust/ciChecks.ts), when a workflow publishes it. */
export function renderDetailsReport(status: PublishAuthStatus, now: number, localize: Localize, ci: readonly CiFinding[] = []): string {
  const t = localize;
  const sections: [title: string, body: string][] = [
    [t('Verdict'), verdictBody(status, t)],
    [t('Package'), table(t, packageRows(status, t))],
    [t('Registry'), table(t, registryRows(status, t))],
    [t('Credential'), table(t, credentialRows(status, now, t))],
    [t('Package on the registry'), table(t, packageFactsRows(status, now, t))],
    [t('Publishing access'), table(t, publishingAccessRows(status, now, t))],
    [t('Refresh'), table(t, refreshRows(status, now, t))],
  ];
  return [
    `# ${md(t('npm Publish Auth details for {0}', packageSpec(status)))}`,
    ...forPeople(status, now, t),
    ...ciChecklist(ci, t),
    `<details>\n<summary>${md(t('All facts, as npm and the registry name them'))}</summary>`,
    md(t('Generated {0}. Tokens, passwords and one-time passwords are never part of this report.', iso(now))),
    ...sections.map(([title, body]) => `## ${md(title)}\n\n${body}`),
    '</details>',
  ].join('\n\n') + '\n';
}

/** The verdict and the facts in the tooltip's words (icons left to the tooltip), with the fix and the actions as links. */
function forPeople(status: PublishAuthStatus, now: number, t: Localize): string[] {
  const [verdict, facts] = tooltipSections(status, now, t);
  const withoutIcon = (line: string) => line.replace(/^\$\([\w~-]+\)\s*/, '');
  const checked = status.checkedAt === undefined
    ? md(t('Not confirmed by the registry yet.'))
    : `${md(t('Checked'))} ${exactOnHover(humanAgo(status.checkedAt, now, t), status.checkedAt)}.`;
  const actions = [COMMANDS.refresh, COMMANDS.copyDetails, COMMANDS.showLog].map((spec) => `[${md(t(spec.button))}](command:${spec.id})`);
  return [
    ...verdict!.lines.map(withoutIcon),
    facts!.lines.map((line) => `- ${withoutIcon(line)}`).join('\n'),
    `${checked} ${actions.join(' · ')}`,
  ];
}

const CHECK_MARKS: Record<CiFinding['state'], string> = { ok: '✓', problem: '⚠', unknown: '?' };

/** The CI checklist, problems first, each with its fix and where it is (`file:line`, the file's name only). */
function ciChecklist(ci: readonly CiFinding[], t: Localize): string[] {
  if (ci.length === 0) return [];
  const order: CiFinding['state'][] = ['problem', 'unknown', 'ok'];
  const rows = [...ci].sort((a, b) => order.indexOf(a.state) - order.indexOf(b.state)).map((finding) => {
    const where = finding.at ? ` (${md(`${finding.at.file.split(/[\\/]/).pop()}:${finding.at.line}`)})` : '';
    const fix = finding.state !== 'ok' && finding.fix ? ` **${md(t('Fix:'))}** ${md(finding.fix)}` : '';
    return `- ${CHECK_MARKS[finding.state]} ${md(finding.message)}${where}${fix}`;
  });
  return [`## ${md(t('Trusted publishing from CI: checklist'))}`, rows.join('\n')];
}

/** A relative time, with the exact one as its hover text. */
function exactOnHover(relative: string, at: number): string {
  return `<span title="${iso(at)}">${md(relative)}</span>`;
}

function verdictBody(status: PublishAuthStatus, t: Localize): string {
  const { verdict } = status;
  const lines = [`**${md(verdictTitle(verdict.code, t))}** (\`${verdict.code}\`)`, md(verdict.reason)];
  if (verdict.fix) lines.push(md(t('Fix: {0} ({1}).', verdict.fix.title, verdict.fix.command)));
  return lines.join('\n\n');
}

function packageRows(status: PublishAuthStatus, t: Localize): Row[] {
  const pkg = status.package;
  return [
    [t('Name'), pkg.name],
    [t('Version'), pkg.version],
    [t('Private'), pkg.private ? t('yes') : t('no')],
    [t('package.json'), pkg.manifestPath],
    [t('Folder'), pkg.folder],
    [t('publishConfig'), pkg.publishConfig && JSON.stringify(pkg.publishConfig, hideSecretKeys)],
    [t('Parse error'), pkg.parseError],
  ];
}

function registryRows(status: PublishAuthStatus, t: Localize): Row[] {
  const registry = status.registry;
  if (!registry) return [[t('URL'), t('The target registry could not be resolved.')]];
  return [
    [t('URL'), displayRegistryUrl(registry.url)],
    [t('Chosen by'), registry.rule],
    [t('Config'), registry.source && sourceSentence(registry.source, t)],
    [t('Credential key'), registry.nerfDart],
  ];
}

function credentialRows(status: PublishAuthStatus, now: number, t: Localize): Row[] {
  const configured = status.configuredCredential;
  const c = status.credential;
  const unreadable = configured.type === 'none' && (configured.unreadable?.length ?? 0) > 0;
  const rows: Row[] = [
    [t('Summary'), credentialSentence(status, t)],
    [t('Configured'), unreadable ? t('unknown: a config file cannot be read') : configured.type],
    [t('Source'), configured.type === 'none' ? undefined : sourceSentence(configured.source, t)],
    [t('Masked token'), configured.type === 'token' ? configured.masked : undefined],
    [t('Kind'), unreadable ? t('unknown') : c?.kind ?? t('not checked')],
  ];
  if (c?.kind === 'granular') {
    rows.push(
      [t('Token name'), c.name],
      [t('Permission'), c.permission],
      [t('Bypass 2FA'), c.bypass2fa ? t('yes') : t('no')],
      [t('Packages'), c.allPackages ? t('all') : list(c.packages).join(', ')],
      [t('Scopes'), list(c.scopes).join(', ')],
      [t('Allowed IP ranges'), list(c.cidr).join(', ')],
    );
  }
  if (c?.kind === 'invalid') rows.push([t('Problem'), c.detail ?? c.reason]);
  rows.push(
    [t('Expiry'), expirySentence(status, now, t)],
    [t('Account 2FA'), accountTwoFactorSentence(status, t)],
  );
  return rows;
}

function packageFactsRows(status: PublishAuthStatus, now: number, t: Localize): Row[] {
  const facts = status.packageFacts;
  const rows: Row[] = [[t('State'), facts?.state ?? t('not checked')]];
  if (facts?.state === 'published') {
    const version = asText(status.package.version);
    const versions = list(facts.versions);
    const trusted = facts.trustedPublisher;
    rows.push(
      [t('Versions'), String(versions.length)],
      [t('This version'), version && (versions.includes(version) ? t('{0} is already published.', version) : t('{0} is not published yet.', version))],
      [t('Latest'), facts.latest],
      [t('First published'), facts.firstPublished],
      [t('Maintainers'), list(facts.maintainers).join(', ')],
      [t('Trusted publishing'), trusted && t('Version {0} was published through trusted publishing ({1}).', plain(trusted.version), plain(trusted.provider))],
    );
  }
  if (facts?.state === 'unavailable') rows.push([t('Problem'), problemText(facts.error)]);
  // What the registry said when asked here (reading it needs the second factor: Show Trusted Publisher).
  if (status.trustedPublishing) rows.push([t('Trusted publisher'), trustPhrase(status, now, t)]);
  rows.push([t('Write access'), writeAccessSentence(status, t)]);
  return rows;
}

function publishingAccessRows(status: PublishAuthStatus, now: number, t: Localize): Row[] {
  const access = describePublishingAccess(status.publishingAccess, now, t);
  return [
    [t('Mode'), access.mode ? `${access.label} (mfa=${access.mode})` : access.label],
    [t('Certainty'), access.certainty],
    [t('How we know'), access.source],
  ];
}

function refreshRows(status: PublishAuthStatus, now: number, t: Localize): Row[] {
  return [
    [t('Checked'), status.checkedAt === undefined ? t('never') : `${iso(status.checkedAt)} (${humanAgo(status.checkedAt, now, t)})`],
    [t('Stale'), status.stale && t('since {0}: {1}', iso(status.stale.since), problemText(status.stale.problem))],
    [t('Config problems'), status.configProblems.join('; ')],
  ];
}

/** Empty rows are left out, so the report only says what is known. */
function table(t: Localize, rows: Row[]): string {
  const kept = rows.filter(([, value]) => asText(value) !== '');
  if (kept.length === 0) return md(t('Nothing known.'));
  return [`| ${md(t('Field'))} | ${md(t('Value'))} |`, '| --- | --- |',
    ...kept.map(([label, value]) => `| ${md(label)} | ${md(value)} |`)].join('\n');
}

function problemText(problem: { kind: string; message: string; status?: number }): string {
  return `${problem.kind}${problem.status ? ` ${problem.status}` : ''}: ${plain(problem.message)}`;
}

/** publishConfig may hold any npm config, credentials included. */
function hideSecretKeys(key: string, value: unknown): unknown {
  if (/auth|token|password|otp|secret/i.test(key)) return '***';
  return typeof value === 'string' ? plain(value) : value;
}

function iso(at: number): string {
  return new Date(at).toISOString();
}
