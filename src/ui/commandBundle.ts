// The action commands (publish, bump a version, the account actions), bundled apart as
// dist/commands.js (esbuild.mjs) and required when one is first run: they bring tar, semver,
// npm-profile and libnpmaccess, which activation does not need.
export { bumpVersion } from './commands/bumpVersion';
export { generateToken } from './commands/generateToken';
export { login } from './commands/login';
export { logout } from './commands/logout';
export { publish } from './commands/publish';
export { setPublishingAccess } from './commands/setPublishingAccess';
