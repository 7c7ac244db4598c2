/**
 * A package name as one path segment of a registry URL: `name` or `@scope%2fname`, npm-package-arg's
 * `escapedName`. The name comes from a package.json someone else wrote: what is not one name (a
 * second `/`, an empty part, a bare `.` or `..`) throws, so no name can reach another route.
 */
export function escapePackageName(name: string): string {
  const match = /^(?:@([^/]+)\/)?([^/]+)$/.exec(name);
  if (!match || (!match[1] && (match[2] === '.' || match[2] === '..'))) throw new Error(`Not a package name: ${JSON.stringify(name)}`);
  const [, scope, bare] = match;
  return scope ? `@${encodeURIComponent(scope)}%2f${encodeURIComponent(bare)}` : encodeURIComponent(bare);
}
