// The status item's tooltip: what a person needs at a glance, verdict first, in at most a dozen
// short lines. Paths, config layers, token scopes and npm's own terms live in Show Details.

import { COMMANDS, type CommandSpec } from '../base/commands';
import { humanAgo, humanDuration, type Localize } from '../base/localize';
import type { AccountTwoFactor, PublishAuthStatus, PublishingAccess } from '../base/model';
import { accessIcon, bypassEndSentence, credentialExpiry, expiryWarning, isNpmjsSession, itemShowsTime, isPartlyApplied, staleSentence, verdictHeadline, verdictIcon, TRUSTED_PUBLISHING_DOCS, type TooltipSection } from './sentences';
import { publishingAccessLabel } from '../base/publishingAccessWords';
import { canManagePublishingAccess } from './statusActions';
import { ciTokensSentence } from './ciTokenReminders';
import { md, plain, registryHost } from '../base/text';
import { describeTrust, providerName } from '../trust/trustConfig';

/** The public registry goes unsaid; any other host is worth a line (a scoped or private registry). */
const PUBLIC_REGISTRY_HOST = 'registry.npmjs.org';

/** The footer's links; a fix that is one of them is not linked twice. */
const FOOTER_COMMANDS: readonly CommandSpec[] = [COMMANDS.refresh, COMMANDS.showDetails];

/** A Markdown link to one of our commands (the UI enables exactly these in the tooltip). */
function link(spec: CommandSpec, t: Localize, text = t(spec.button)): string {
  return `[${md(text)}](command:${spec.id})`;
}

export function tooltipSections(status: PublishAuthStatus, now: number, t: Localize): TooltipSection[] {
  return [
    { title: '', lines: verdictLines(status, now, t) },
    { title: '', lines: factLines(status, now, t) },
    { title: '', lines: [footerLine(status, now, t)] },
  ];
}

function verdictLines(status: PublishAuthStatus, now: number, t: Localize): string[] {
  const { verdict } = status;
  const fix = verdict.fix && !FOOTER_COMMANDS.some((spec) => spec.id === verdict.fix!.command)
    ? ` → [${md(verdict.fix.title)}](command:${verdict.fix.command})` : '';
  const lines = [`${verdictIcon(verdict.code)} **${md(verdictHeadline(status, now, t))}**`, `${md(verdict.reason)}${fix}`];
  const warning = expiryWarning(status, now, t);
  if (warning) lines.push(`$(watch) ${md(warning.message)}`);
  const ciTokens = status.ciTokens && ciTokensSentence(status.ciTokens, now, t);
  if (ciTokens) lines.push(`$(watch) ${md(ciTokens)} ${link(COMMANDS.generateToken, t)}`);
  const bypassEnd = bypassEndSentence(status, now, t);
  if (bypassEnd) lines.push(`$(calendar) ${md(bypassEnd)} ${link(COMMANDS.setUpTrustedPublishing, t)} · [${md(t('Docs'))}](${TRUSTED_PUBLISHING_DOCS})`);
  if (status.stale) lines.push(`$(debug-disconnect) ${md(staleSentence(status.stale, now, t))}`);
  if (isPartlyApplied(status)) {
    lines.push(`$(workspace-untrusted) ${md(t('Restricted Mode: this folder\'s npm settings are only partly applied.'))} ` +
      `${link(COMMANDS.trustWorkspace, t)} ${md(t('to check the package as npm would publish it.'))}`);
  }
  const problems = status.configProblems.length;
  if (problems > 0) {
    lines.push(`$(warning) ${md(problems === 1 ? t('1 problem in the npm config: see details.') : t('{0} problems in the npm config: see details.', problems))}`);
  }
  return lines;
}

function factLines(status: PublishAuthStatus, now: number, t: Localize): string[] {
  const lines = [
    `${md(t('Package:'))} ${packagePhrase(status, t)}`,
    // Lines that explain an icon of the item start with it.
    `${itemShowsTime(status, now) ? '$(watch) ' : ''}${md(t('Who:'))} ${md(whoPhrase(status, now, t))}`,
  ];
  const account = accountTwoFactorPhrase(status, t);
  if (account) lines.push(`${md(t('Account:'))} ${md(account)}`);
  const setAccess = canManagePublishingAccess(status) ? ` · ${link(COMMANDS.setPublishingAccess, t, t('Set'))}` : '';
  lines.push(`${accessIcon(status.publishingAccess.state === 'unknown' ? undefined : status.publishingAccess.mode)} ${md(t('Publishing access:'))} ${md(publishingAccessLabel(status.publishingAccess, t))} · ${md(accessSourcePhrase(status.publishingAccess, now, t))}${setAccess}`);
  const trust = trustPhrase(status, now, t);
  if (trust) lines.push(`$(verified) ${md(t('Trusted publishing:'))} ${md(trust)}`);
  const host = status.registry && registryHost(status.registry.url);
  if (host && host !== PUBLIC_REGISTRY_HOST) lines.push(`${md(t('Registry:'))} ${md(host)}`);
  return lines;
}

function footerLine(status: PublishAuthStatus, now: number, t: Localize): string {
  const checked = status.checkedAt === undefined
    ? t('Verdict not confirmed by the registry yet')
    : t('Verdict checked {0}', humanAgo(status.checkedAt, now, t));
  return [md(checked), ...FOOTER_COMMANDS.map((spec) => link(spec, t))].join(' · ');
}

// ---------------------------------------------------------------------------------------------
// Short phrases (the details report keeps the whole sentences)

/** `**name@version** · published`, or why the package cannot be named. */
export function packagePhrase(status: PublishAuthStatus, t: Localize): string {
  const { package: pkg, packageFacts: facts } = status;
  const name = pkg.name ? plain(pkg.name) : t('package.json without a name');
  const spec = pkg.name && pkg.version ? `${name}@${plain(pkg.version)}` : name;
  const state = pkg.private ? t('private')
    : facts?.state === 'unpublished' ? t('new: the first publish creates it')
    : facts?.state === 'published' ? publishedPhrase(pkg.version, facts, t)
    : facts?.state === 'unavailable' ? t('registry facts unavailable')
    : t('not checked yet');
  const parts = [`**${md(spec)}**`, md(state)];
  if (pkg.parseError) parts.push(md(t('package.json does not parse: {0}', pkg.parseError)));
  return parts.join(' · ');
}

/** Whether this version is out, beside the registry's latest: "latest", "not published yet · latest 1.1.0". */
function publishedPhrase(version: string | undefined, facts: { versions: string[]; latest?: string }, t: Localize): string {
  const latest = facts.latest ? plain(facts.latest) : undefined;
  if (version !== undefined && version === facts.latest) return t('published, the latest version');
  if (version === undefined || facts.versions.includes(version)) return latest ? t('published · latest {0}', latest) : t('published');
  return latest ? t('not published yet · latest {0}', latest) : t('not published yet');
}

/** `alice · session from npm login · 1 h 12 min left`: who, with what, for how long. */
export function whoPhrase(status: PublishAuthStatus, now: number, t: Localize): string {
  const configured = status.configuredCredential;
  const c = status.credential;
  if (configured.type === 'none' && configured.unreadable?.length) return t('unknown: an npm config file cannot be read');
  if (configured.type === 'none' || c?.kind === 'none') return t('not logged in');
  if (configured.type === 'unset-variable') {
    return t('nobody: the credential needs {0}, which is not set', configured.variables.map((v) => '${' + plain(v) + '}').join(', '));
  }
  const user = c && 'username' in c && c.username !== undefined ? plain(c.username) : undefined;
  const kind = (() => {
    switch (c?.kind) {
      case undefined: return t('a credential the registry has not confirmed yet');
      case 'session': return isNpmjsSession(status) ? t('session from npm login') : t('token from npm login');
      case 'granular': {
        const traits = [
          c.permission === 'read-write' ? undefined : plain(c.permission),
          c.bypass2fa ? t('bypass 2FA') : undefined,
        ].filter(Boolean).join(', ');
        return traits ? t('token "{0}" ({1})', plain(c.name), traits) : t('token "{0}"', plain(c.name));
      }
      case 'token-unknown': return t('a token of unknown kind');
      case 'basic': return t('username and password');
      case 'invalid': return c.reason === 'expired-or-revoked' ? t('a credential that expired or was revoked') : t('a credential the registry rejected');
    }
  })();
  return [user, kind, countdown(status, now, t)].filter(Boolean).join(' · ');
}

function countdown(status: PublishAuthStatus, now: number, t: Localize): string | undefined {
  const expiry = credentialExpiry(status);
  if (!expiry) return isNpmjsSession(status) ? t('lasts 2 h from login') : undefined;
  const left = expiry.expiresAt - now;
  if (left <= 0) return expiry.kind === 'session' ? t('ended {0}', humanAgo(expiry.expiresAt, now, t)) : t('expired {0}', humanAgo(expiry.expiresAt, now, t));
  return expiry.kind === 'session' ? t('{0} left', humanDuration(left, t)) : t('expires in {0}', humanDuration(left, t));
}

/** The account's 2FA in plain words; npm's own term (`auth-and-writes`) stays in the details. */
export function accountTwoFactorPhrase(status: PublishAuthStatus, t: Localize): string | undefined {
  const words: Record<AccountTwoFactor, string | undefined> = {
    'auth-and-writes': t('2FA for login and publishing'),
    'auth-only': t('2FA for login only'),
    'disabled': t('no 2FA'),
    'unknown': undefined,
  };
  const mode = words[status.accountTwoFactor];
  if (!mode || status.accountTwoFactor === 'disabled') return mode;
  const method = status.twoFactorMethod === 'totp' ? t('with an authenticator app')
    : status.twoFactorMethod === 'passkey-only' ? t('with passkeys') : undefined;
  return method ? `${mode}, ${method}` : mode;
}

/**
 * The trusted publisher as read or set here ("GitHub Actions · owner/repo · publish.yml · allows npm
 * publish · read 2 min ago"); else the packument's evidence of the newest version published through
 * one. Undefined when nothing is known (reading the config needs a second factor: never unasked).
 */
export function trustPhrase(status: PublishAuthStatus, now: number, t: Localize): string | undefined {
  const trust = status.trustedPublishing;
  if (trust) {
    const when = trust.how === 'read' ? t('read {0}', humanAgo(trust.at, now, t)) : trust.how === 'set' ? t('set here {0}', humanAgo(trust.at, now, t)) : t('revoked here {0}', humanAgo(trust.at, now, t));
    return `${trust.state === 'configured' ? describeTrust(trust.config, t) : t('none configured')} · ${when}`;
  }
  const facts = status.packageFacts;
  const evidence = facts?.state === 'published' ? facts.trustedPublisher : undefined;
  return evidence && t('{0} was published from {1}', plain(evidence.version), providerName(evidence.provider));
}

/** How we know the mode, in a few words. */
export function accessSourcePhrase(access: PublishingAccess, now: number, t: Localize): string {
  switch (access.state) {
    case 'unknown': return t('npm does not reveal it');
    case 'likely-default': return t('likely, npm\'s default for new packages');
    case 'known':
      switch (access.source.kind) {
        case 'set-by-extension': return t('set here {0}', humanAgo(access.source.at, now, t));
        case 'registry-answer': return t('learned from the registry {0}', humanAgo(access.source.at, now, t));
        case 'declared': return t('declared in your settings');
      }
  }
}
