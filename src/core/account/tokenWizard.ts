// The token wizard as data (src/core/policy/multiStep.ts): what the token is for comes first, and
// each path proposes its own defaults. For CI (when trusted publishing is not possible) that is the
// narrowest token that still works there: this package only, stage-only where the registry has it
// (npmjs, npm 12.2.0: protocol §4.2, §7.7), a short expiry from a pick, and its IP ranges if known.
import type { Localize } from '../base/localize';
import { BYPASS_DIRECT_PUBLISH_END } from '../base/npmjsPolicies';
import type { PickItem, Step, Values } from '../policy/multiStep';
import {
  checkCidrs, checkExpiryDays, checkPackagesAndScopes, checkTokenName, DEFAULT_DAYS, isWritePermission, MAX_WRITE_DAYS, splitList, suggestTokenName,
  type TokenPermissionChoice, type TokenPurpose, type TokenRequest,
} from './tokenRequest';

/** What the wizard knows before the first step. */
export interface TokenWizardContext {
  host: string;
  /** npmjs's policies hold there (stage-only tokens exist only there). */
  npmjs: boolean;
  packageName: string | undefined;
  today: Date;
}

/** The CI expiry pick's rows: a week, a month, npm's maximum for write tokens. */
export const CI_EXPIRY_DAYS = [7, 30, MAX_WRITE_DAYS] as const;
export const CI_DEFAULT_DAYS = 30;
/** The CI expiry pick's row that asks for a number instead. */
const OTHER_DAYS = 'other';

/** The path the answers took (the first step's). */
const purposeOf = (values: Values): TokenPurpose => (values.purpose === 'ci' ? 'ci' : 'me');

/** What each path proposes: the permission first in its pick, and the expiry in days. */
export function purposeDefaults(purpose: TokenPurpose, npmjs: boolean): { permission: TokenPermissionChoice; expiresDays: number } {
  if (purpose === 'me') return { permission: 'read-write', expiresDays: DEFAULT_DAYS };
  return { permission: npmjs ? 'read-write-stage-only' : 'read-write', expiresDays: CI_DEFAULT_DAYS };
}

/** The answers the wizard starts from that do not depend on the path (those are each step's `initial`). */
export function tokenDefaults(context: TokenWizardContext): Values {
  return { purpose: 'me', packages: context.packageName ?? '', bypass: 'no', cidr: '' };
}

export function permissionChoices(purpose: TokenPurpose, npmjs: boolean, t: Localize): PickItem[] {
  const readOnly = { value: 'read-only', label: t('Read-only'), detail: t('Install only (e.g. private packages in CI).') };
  if (purpose === 'me') {
    return [{ value: 'read-write', label: t('Read and write'), detail: t('Install and publish.') }, readOnly];
  }
  const readWrite = { value: 'read-write', label: t('Read and write'), detail: t('CI publishes directly.') };
  if (!npmjs) return [readWrite, readOnly];
  return [
    { value: 'read-write-stage-only', label: t('Stage only (a maintainer approves each release)'), detail: t('CI runs npm stage publish; you approve each version with 2FA.') },
    readWrite,
    readOnly,
  ];
}

export function tokenSteps(context: TokenWizardContext, t: Localize): Step[] {
  const title = t('New access token for {0}', context.host);
  const ci = (values: Values) => purposeOf(values) === 'ci';
  const permissionOf = (values: Values) => (values.permission ?? purposeDefaults(purposeOf(values), context.npmjs).permission) as TokenPermissionChoice;
  return [
    {
      id: 'purpose', kind: 'pick', title, placeholder: t('What is the token for?'), initial: () => 'me',
      // Another path's answers were its own defaults: the new path proposes its own.
      resets: ['permission', 'expiresChoice', 'expires'],
      items: [
        { value: 'me', label: t('For Me on This Machine'), detail: t('You publish with it from this editor.') },
        { value: 'ci', label: t('For CI'), detail: t('When trusted publishing is not possible (an unsupported CI, a private registry).') },
      ],
    },
    {
      id: 'name', kind: 'text', title, prompt: t('A name for the token (the token list shows it)'),
      initial: (values) => suggestTokenName(context.packageName, context.today, purposeOf(values)),
      validate: (v) => checkTokenName(v, t),
    },
    {
      id: 'permission', kind: 'pick', title, placeholder: t('What may the token do with the packages?'),
      initial: (values) => purposeDefaults(purposeOf(values), context.npmjs).permission,
      items: (values) => permissionChoices(purposeOf(values), context.npmjs, t),
    },
    {
      id: 'packages', kind: 'text', title, prompt: t('Packages and @scopes, separated by commas or spaces'), placeholder: '@acme, my-package',
      validate: (v) => checkPackagesAndScopes(v, t),
    },
    {
      id: 'expiresChoice', kind: 'pick', title, placeholder: t('When does the token expire? You are reminded 7 days and 1 day before.'),
      when: ci, initial: () => String(CI_DEFAULT_DAYS),
      items: [
        ...CI_EXPIRY_DAYS.map((days) => ({ value: String(days), label: t('{0} days', days) })),
        { value: OTHER_DAYS, label: t('Another Number of Days…') },
      ],
    },
    {
      id: 'expires', kind: 'text', title,
      when: (values) => !ci(values) || values.expiresChoice === OTHER_DAYS,
      initial: (values) => String(purposeDefaults(purposeOf(values), context.npmjs).expiresDays),
      prompt: (values) => isWritePermission(permissionOf(values))
        ? t('Days until the token expires (write tokens: at most 90)')
        : t('Days until the token expires'),
      validate: (v, values) => checkExpiryDays(v, permissionOf(values), t),
    },
    {
      id: 'bypass', kind: 'pick', title, placeholder: t('Bypass two-factor authentication when publishing?'),
      when: (values) => permissionOf(values) === 'read-write',
      items: [
        { value: 'no', label: t('No — publishing asks for 2FA'), detail: t('Recommended for a token you use yourself.') },
        // What a bypass means (and that npm plans to end its publishing) is in the summary before the password: too long for a row.
        { value: 'yes', label: t('$(warning) Yes — publish without 2FA'), detail: t('For CI without trusted publishing; ends {0}.', t(BYPASS_DIRECT_PUBLISH_END.month)) },
      ],
    },
    {
      id: 'cidr', kind: 'text', title,
      prompt: (values) => ci(values)
        ? t('Optional: your CI\'s IP ranges in CIDR notation, if you know them (your CI provider\'s docs list them; empty: any address)')
        : t('Optional: allowed IP ranges in CIDR notation (empty: any address)'),
      placeholder: '192.0.2.0/24, 2001:db8::/32',
      validate: (v) => checkCidrs(v, t),
    },
  ];
}

/** The request the wizard's answers (runSteps' result) describe. */
export function requestFromAnswers(answers: Values): TokenRequest {
  const purpose = purposeOf(answers);
  const picked = purpose === 'ci' && answers.expiresChoice !== undefined && answers.expiresChoice !== OTHER_DAYS;
  return {
    purpose,
    name: (answers.name ?? '').trim(),
    permission: answers.permission as TokenPermissionChoice,
    packagesAndScopes: splitList(answers.packages ?? ''),
    expiresDays: Number(picked ? answers.expiresChoice : answers.expires),
    bypass2fa: answers.bypass === 'yes' && answers.permission === 'read-write',
    cidr: splitList(answers.cidr ?? ''),
  };
}
