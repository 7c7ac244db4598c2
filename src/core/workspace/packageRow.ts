// One row of the packages view, derived from a workspace package and its status with the status
// item's own words (sentences.ts): the verdict first, then the version on the registry, the registry
// and the credential. Pure, so the rows are table-tested like the status item.
import type { Localize } from '../base/localize';
import type { PublishAuthStatus } from '../base/model';
import { md, plain, registryHost } from '../base/text';
import { severityOf, type Severity } from '../present/presentation';
import { credentialSentence, verdictBadge, verdictHeadline, verdictIcon } from '../present/sentences';
import { isPublishable } from '../status/packageManifest';
import type { WorkspacePackage } from './workspacePackages';

export interface PackageRow {
  label: string;
  /** Beside the label: the version, the verdict in a word or two, the registry's latest when it differs. */
  description: string;
  /** Markdown; data in it is escaped, the fix a link acting on this package. */
  tooltip: string;
  /** A codicon id (no `$()`), `loading~spin` while the status is computed. */
  icon: string;
  /** The icon's colour: a blocker fixable from here, or something that needs attention soon. */
  severity: Severity;
  /** Counts towards the view's badge. */
  attention: boolean;
  accessibilityLabel: string;
  /** For the menus' `when` clauses: `package`, plus ` publishable` and ` bumpable`. */
  contextValue: string;
  /** The verdict's fix, offered as a link in the tooltip. */
  fix?: { command: string; title: string };
}

export function presentPackageRow(pkg: WorkspacePackage, now: number, t: Localize): PackageRow {
  const { info, status } = pkg;
  const label = plain(info.name ?? folderName(pkg.manifest));
  const version = info.version ? plain(info.version) : undefined;
  const contextValue = ['package', isPublishable(info) && 'publishable', info.version && !info.parseError && 'bumpable'].filter(Boolean).join(' ');
  const row = (look: { icon: string; words: string; severity?: Severity; lines: string[]; fix?: PackageRow['fix'] }): PackageRow => ({
    label,
    description: [version, look.words].filter(Boolean).join(' · '),
    tooltip: [`**${md(version ? `${label}@${version}` : label)}**`, ...look.lines.map(md), ...(look.fix ? [fixLink(look.fix, pkg.manifest)] : [])].join('\n\n'),
    icon: look.icon,
    severity: look.severity ?? 'none',
    attention: (look.severity ?? 'none') !== 'none',
    accessibilityLabel: [version ? `${label} ${version}` : label, look.words, ...look.lines.map(plain)].join('. '),
    contextValue,
    fix: look.fix,
  });

  if (info.parseError) return row({ icon: 'error', words: t('invalid package.json'), severity: 'error', lines: [info.parseError] });
  if (info.private) return row({ icon: 'eye-closed', words: t('private'), lines: [t('Private ("private": true): npm never publishes it.')] });
  if (!info.name) return row({ icon: 'circle-slash', words: t('no name'), lines: [t('No "name" in package.json: npm cannot publish it.')] });
  if (pkg.activity) return row({ icon: 'loading~spin', words: pkg.activity, lines: [pkg.activity] });
  if (!status) {
    if (pkg.failure !== undefined) return row({ icon: 'warning', words: t('not checked'), severity: 'warning', lines: [t('The status could not be checked: {0}', pkg.failure)] });
    return row({ icon: 'loading~spin', words: t('checking…'), lines: [t('Checking…')] });
  }
  const code = status.verdict.code;
  const severity = severityOf(status, now);
  const fix = status.verdict.fix && { command: status.verdict.fix.command, title: plain(status.verdict.fix.title) };
  return row({
    icon: verdictIcon(code).slice(2, -1),
    words: [verdictBadge(code, t), latestWords(status, t)].filter(Boolean).join(' · '),
    severity,
    lines: [
      status.verdict.reason ? `${verdictHeadline(status, now, t)} — ${plain(status.verdict.reason)}` : verdictHeadline(status, now, t),
      registrySentence(status, t),
      plain(credentialSentence(status, t)),
    ],
    fix,
  });
}

/** "latest 1.1.0" where the registry's latest is another version than this one. */
function latestWords(status: PublishAuthStatus, t: Localize): string | undefined {
  const facts = status.packageFacts;
  if (facts?.state !== 'published' || !facts.latest || facts.latest === status.package.version) return undefined;
  return t('latest {0}', plain(facts.latest));
}

/** Where the package lives and whether this version is out there. */
export function registrySentence(status: PublishAuthStatus, t: Localize): string {
  const host = status.registry ? registryHost(status.registry.url) : t('the registry');
  const facts = status.packageFacts;
  const version = plain(status.package.version ?? '');
  switch (facts?.state) {
    case 'published': {
      const out = facts.versions.includes(status.package.version ?? '');
      const latest = facts.latest ? t('latest {0}', plain(facts.latest)) : t('no latest tag');
      return out ? t('On {0}: {1}; {2} is published.', host, latest, version) : t('On {0}: {1}; {2} is not published yet.', host, latest, version);
    }
    case 'unpublished': return t('Not on {0} yet.', host);
    case 'unavailable': return t('What {0} has is unknown: {1}', host, plain(facts.error.message));
    default: return t('What {0} has is unknown.', host);
  }
}

/** The tooltip's link to the fix, acting on this row's package (createCommand.ts takes the argument). */
function fixLink(fix: NonNullable<PackageRow['fix']>, manifest: string): string {
  return `[${md(fix.title)}](command:${fix.command}?${encodeURIComponent(JSON.stringify([{ manifest }]))})`;
}

/** The view's badge: how many packages need attention, in words for its tooltip. */
export function attentionBadge(rows: readonly Pick<PackageRow, 'attention'>[], t: Localize): { value: number; tooltip: string } | undefined {
  const value = rows.filter((r) => r.attention).length;
  if (value === 0) return undefined;
  return { value, tooltip: value === 1 ? t('1 package needs attention') : t('{0} packages need attention', value) };
}

function folderName(manifest: string): string {
  const parts = manifest.split(/[\\/]/);
  return parts.length >= 2 ? parts[parts.length - 2] : manifest;
}
