// The commands that publish and bump a version, bundled apart as dist/commands.js (esbuild.mjs) and
// required when one is first run: they bring tar and semver, which activation does not need.
export { bumpVersion } from './commands/bumpVersion';
export { publish } from './commands/publish';
