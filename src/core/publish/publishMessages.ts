// What a person reads after a publish: the result, or the registry's refusal translated, with the
// command that fixes it. One table, so every failure kind has its sentence and its button.
import type { Localize } from '../base/localize';
import { COMMANDS, fixFor, type CommandFix } from '../base/commands';
import type { PublishFailure, PublishFailureKind } from './uploadOutcome';

export interface PublishMessage {
  message: string;
  fix?: CommandFix;
}

type Row = { text: (id: string, t: Localize) => string; fix?: (t: Localize) => PublishMessage['fix'] };

const logIn = (t: Localize) => fixFor(COMMANDS.login.id, t);
const newToken = (t: Localize) => fixFor(COMMANDS.generateToken.id, t);

const FAILURES: Record<PublishFailureKind, Row> = {
  'not-logged-in': { text: (id, t) => t('{0} was not published: npm has no credential for this registry.', id), fix: logIn },
  'credential-rejected': { text: (id, t) => t('{0} was not published: the registry rejected the credential (E401). It may have expired or been revoked.', id), fix: logIn },
  'not-found': {
    text: (id, t) => t('{0} was not published: the registry answered 404, which npm uses for "no permission to write", or a token that is not scoped to this package.', id),
    fix: newToken,
  },
  'read-only-token': { text: (id, t) => t('{0} was not published: the token is read-only.', id), fix: newToken },
  'stage-required': { text: (id, t) => t('{0} was not published: this token may only stage releases (E_STAGE_REQUIRED). Stage it instead, then approve it with 2FA on the website.', id) },
  'version-exists': {
    text: (id, t) => t('{0} was not published: that version is already on the registry, and npm never publishes over a version.', id),
    fix: (t) => fixFor(COMMANDS.bumpVersion.id, t),
  },
  'tokens-disallowed': {
    text: (id, t) => t('{0} was not published: the package is set to "Require 2FA and disallow tokens", so no granular token can publish it. Log in and confirm with 2FA instead.', id),
    fix: logIn,
  },
  'account-without-2fa': {
    text: (id, t) => t('{0} was not published: npm requires two-factor authentication (or a bypass-2FA token) to publish, and this account has none. Enable 2FA on the website.', id),
    fix: (t) => fixFor(COMMANDS.setUpTwoFactor.id, t),
  },
  conflict: { text: (id, t) => t('{0} was not published: the registry reported a conflict (another publish of this package at the same moment?). Try again.', id) },
  'rate-limited': { text: (id, t) => t('{0} was not published: the registry is rate-limiting requests (429). Wait a few minutes and try again.', id) },
  'needs-tag': { text: (id, t) => t('{0} was not published: npm needs a dist-tag for a prerelease or for a version lower than the latest. Set "publishConfig.tag" in package.json.', id) },
  network: { text: (id, t) => t('{0}: the connection to the registry failed during the upload.', id) },
  other: { text: (id, t) => t('{0} was not published.', id) },
};

export function describePublishFailure(failure: PublishFailure, id: string, t: Localize): PublishMessage {
  const row = FAILURES[failure.kind];
  const said = failure.said && failure.kind !== 'network' ? ` ${t('The registry said: "{0}"', failure.said)}` : '';
  return { message: `${row.text(id, t)}${said}`, fix: row.fix?.(t) };
}

/** After a network failure mid-upload: did the version land? Asked of the packument, never guessed. */
export function landedSentence(landed: boolean | undefined, id: string, t: Localize): string {
  if (landed === true) return t('The registry has {0} now: the publish went through.', id);
  if (landed === false) return t('The registry does not have {0}: nothing was published. Try again.', id);
  return t('Whether {0} reached the registry could not be checked. Refresh the status before trying again.', id);
}
