// Before anything is built or sent: may this publish go ahead, and what will the confirmation say?
// Derived from the status model alone, so a blocker stops the publish with the verdict's own reason.
import type { Localize } from '../base/localize';
import type { CommandFix } from '../base/commands';
import type { PublishAuthStatus, VerdictCode } from '../base/model';
import type { RegistryFamily } from '../base/registries';
import { displayRegistryUrl } from '../base/text';

/** What the registry is expected to ask for, from the verdict. */
export type ExpectedChallenge = 'none' | 'one-time-password' | 'browser-approval' | 'second-factor' | 'unknown';

export interface PublishPlan {
  /** `name@version`. */
  id: string;
  name: string;
  version: string;
  tag: string;
  /** `public`, `restricted`, or undefined for the registry's default. */
  access?: string;
  registryUrl: string;
  /** Which registry it is: npmjs's own words (the 5-minute skip) are said only there. */
  family?: RegistryFamily;
  expects: ExpectedChallenge;
  /** A stage-only token can only stage: the release then waits for approval on the website. */
  stage: boolean;
  /** Set when the status could not be checked: the confirmation says so. */
  uncertain?: string;
}

export type Preflight =
  | { ok: true; plan: PublishPlan }
  | { ok: false; reason: string; fix?: CommandFix };

const EXPECTS: Partial<Record<VerdictCode, ExpectedChallenge>> = {
  ready: 'none',
  'needs-otp': 'one-time-password',
  'needs-browser-approval': 'browser-approval',
  'needs-2fa': 'second-factor',
  'stage-only-token': 'none',
  unknown: 'unknown',
};

export function preflight(status: PublishAuthStatus, options: { tag?: unknown; access?: unknown }, t: Localize): Preflight {
  const { name, version } = status.package;
  if (status.package.parseError || !name || !version) {
    return { ok: false, reason: status.package.parseError ?? t('package.json has no name or version.') };
  }
  const verdict = status.verdict;
  const expects = EXPECTS[verdict.code];
  if (expects === undefined) return { ok: false, reason: verdict.reason, fix: verdict.fix };
  const access = typeof options.access === 'string' && options.access ? (options.access === 'private' ? 'restricted' : options.access) : undefined;
  return {
    ok: true,
    plan: {
      id: `${name}@${version}`,
      name,
      version,
      tag: typeof options.tag === 'string' && options.tag ? options.tag : 'latest',
      access,
      registryUrl: status.registry?.url ?? '',
      family: status.registry?.family,
      expects,
      stage: verdict.code === 'stage-only-token',
      uncertain: verdict.code === 'unknown' || status.stale ? verdict.reason : undefined,
    },
  };
}

/** The modal's message and detail: what will be published where, and what the registry will ask for. */
export function confirmation(plan: PublishPlan, t: Localize): { message: string; detail: string } {
  const verb = plan.stage ? t('Stage {0}?', plan.id) : t('Publish {0}?', plan.id);
  const access = plan.access ?? (plan.name.startsWith('@') ? t('registry default (restricted for a new scoped package)') : t('public'));
  const lines = [
    t('Registry: {0}', displayRegistryUrl(plan.registryUrl)),
    t('Tag: {0}', plan.tag),
    t('Access: {0}', access),
    expectsSentence(plan, t),
  ];
  if (plan.uncertain) lines.push(t('Not checked: {0}', plan.uncertain));
  return { message: verb, detail: lines.join('\n') };
}

function expectsSentence(plan: PublishPlan, t: Localize): string {
  if (plan.stage) return t('This token can only stage: the release waits until you approve it with 2FA on the website.');
  switch (plan.expects) {
    case 'none': return t('The registry will not ask for a second factor.');
    case 'one-time-password': return t('The registry will ask for a one-time password.');
    case 'browser-approval': return t('The registry will ask you to approve in the browser.');
    case 'second-factor': return t('The registry will ask for a second factor (a one-time password or approval in the browser).');
    case 'unknown': return t('What the registry will ask for is not known.');
  }
}

/**
 * package.json with only the top-level `version` value changed: every other byte (indentation, key
 * order, line endings, a missing final newline) stays. Undefined when there is no such string value.
 */
export function withVersion(text: string, newVersion: string): string | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') depth--;
    else if (char === '"') {
      const end = endOfString(text, i);
      if (depth === 1 && text.slice(i, end + 1) === '"version"') {
        const value = /^(\s*:\s*)"((?:[^"\\]|\\.)*)"/.exec(text.slice(end + 1));
        if (!value) return undefined;
        const start = end + 1 + value[1]!.length;
        return `${text.slice(0, start)}${JSON.stringify(newVersion)}${text.slice(start + value[2]!.length + 2)}`;
      }
      i = end;
    }
  }
  return undefined;
}

function endOfString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length;
}
