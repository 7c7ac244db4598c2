// The action commands (publish, bump a version, the account actions), bundled apart as
// dist/commands.js (esbuild.mjs) and required when one is first run: they bring tar, semver,
// npm-profile and libnpmaccess, which activation does not need.
export { bumpVersion } from '../ui/commands/bumpVersion';
export { bumpVersions } from '../ui/commands/bumpVersions';
export { generateToken } from '../ui/commands/generateToken';
export { login } from '../ui/commands/login';
export { logout } from '../ui/commands/logout';
export { publish } from '../ui/commands/publish';
export { publishRelease } from '../ui/commands/publishRelease';
export { removeProjectCredential } from '../ui/commands/removeProjectCredential';
export { setPublishingAccess } from '../ui/commands/setPublishingAccess';
export { setUpTrustedPublishing } from '../ui/commands/setUpTrustedPublishing';
export { revokeTrustedPublisher, showTrustedPublisher } from '../ui/commands/trustedPublisher';
export { setUpTwoFactor } from '../ui/commands/setUpTwoFactor';
// The insecure-connection question and the words of a failed account request, for the command wrapper (createCommand.ts).
export { confirmInsecureTransport } from '../ui/commands/insecureTransport';
export { tellFailure } from '../ui/commands/accountFlow';
export { requireTrust } from '../ui/commands/untrustedFolder';
export { showStep } from '../ui/multiStepInput';
export { askOneTimePassword, askPassword } from '../ui/secretInput';
