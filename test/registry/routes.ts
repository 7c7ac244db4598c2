// The registry's endpoints (doc §11 lists them), as one table of `method + path → handler`.
import * as account from './accountRoutes';
import * as packages from './packageRoutes';
import * as trust from './trustRoutes';
import type { Handler } from './routeKit';

export type { RequestContext } from './routeKit';

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

/** A package name in a path: `name`, `@scope%2fname` (npm's form, doc §1.1), `@scope%2Fname` or `@scope/name`. */
const PKG = '(@[^/%]+(?:%2[fF]|/)[^/]+|[^/@-][^/]*)';

const route = (method: string, path: string, handler: Handler): Route => ({ method, pattern: new RegExp(`^${path}$`), handler });

export const routes: Route[] = [
  route('GET', '/-/whoami', account.whoami),
  route('GET', '/-/npm/v1/user', account.getProfile),
  route('POST', '/-/npm/v1/user', account.updateProfile),
  route('GET', '/-/npm/v1/tokens', account.listTokens),
  route('POST', '/-/npm/v1/tokens', account.createToken),
  route('DELETE', '/-/npm/v1/tokens/token/([^/]+)', account.deleteToken),
  route('POST', `/-/package/${PKG}/access`, packages.setAccess),
  route('GET', `/-/package/${PKG}/visibility`, packages.getVisibility),
  route('GET', `/-/package/${PKG}/collaborators`, packages.getCollaborators),
  route('GET', `/-/package/${PKG}/dist-tags`, packages.getDistTags),
  route('GET', `/-/package/${PKG}/trust`, trust.getTrust),
  route('POST', `/-/package/${PKG}/trust`, trust.addTrust),
  route('DELETE', `/-/package/${PKG}/trust/([^/]+)`, trust.deleteTrust),
  route('GET', '/-/user/([^/]+)/package', packages.userPackages),
  route('POST', '/-/v1/login', account.startWebLogin),
  route('GET', '/-/v1/done', account.pollDone),
  route('GET', '/-/_web/login/([^/]+)', account.loginPage),
  route('POST', '/-/_web/login/([^/]+)', account.loginPage),
  route('GET', '/-/_web/auth/([^/]+)', account.authPage),
  route('POST', '/-/_web/auth/([^/]+)', account.authPage),
  route('PUT', '/-/user/org\\.couchdb\\.user:([^/]+)', account.couchLogin),
  route('DELETE', '/-/user/token/([^/]+)', account.logout),
  route('POST', `/-/stage/package/${PKG}`, packages.stagePublish),
  route('GET', '/-/stage', packages.listStaged),
  route('GET', '/-/stage/([^/]+)', packages.viewStaged),
  route('POST', '/-/stage/([^/]+)/approve', packages.approveStaged),
  route('DELETE', '/-/stage/([^/]+)', packages.rejectStaged),
  route('GET', `/${PKG}/-/(.+)`, packages.getTarball),
  route('GET', `/${PKG}/([^/]+)`, packages.getVersionManifest),
  route('GET', `/${PKG}`, packages.getPackument),
  route('PUT', `/${PKG}`, packages.publish),
];

export function findRoute(method: string, path: string): { handler: Handler; params: string[] } | undefined {
  // HEAD is answered like GET (node strips the body).
  const wanted = method === 'HEAD' ? 'GET' : method;
  for (const r of routes) {
    const match = r.method === wanted ? r.pattern.exec(path) : null;
    if (match) return { handler: r.handler, params: match.slice(1) };
  }
  return undefined;
}

