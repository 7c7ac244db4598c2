// Whether npm would accept the package's name and version, checked as npm checks them before a
// publish (@npmcli/package-json's normalize): a refused name or version is a blocker with npm's own
// message, and no registry is asked about a name npm would never send.
import semverValid from 'semver/functions/valid';
import validateName from 'validate-npm-package-name';

/** npm 11's message for the first thing it refuses (`Invalid name: "…"`, `Invalid version: "…"`), or undefined. */
export function manifestProblem(pkg: { name?: string; version?: string }): string | undefined {
  // validForOldPackages: what no package can be named (spaces, a bare scope, a leading dot…).
  // Capitals and core module names only warn: old packages with such names still publish.
  if (pkg.name !== undefined && pkg.name !== '' && !validateName(pkg.name).validForOldPackages) {
    return `Invalid name: ${JSON.stringify(pkg.name)}`;
  }
  // npm reads versions loosely (`v1.2.3` is cleaned to `1.2.3`); `1.0` is refused even so.
  if (pkg.version !== undefined && pkg.version !== '' && !semverValid(pkg.version, { loose: true })) {
    return `Invalid version: "${pkg.version}"`;
  }
  return undefined;
}
