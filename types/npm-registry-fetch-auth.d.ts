// npm-registry-fetch's credential lookup (lib/auth.js), used on its own so that resolving the
// config does not load the HTTP stack.
declare module 'npm-registry-fetch/lib/auth.js' {
  namespace getAuth {
    interface Auth {
      /** The nerf-dart prefix whose keys supplied the credential, e.g. `//host/path/`. */
      regKey: string | false;
      /** Which key under regKey: `_authToken`, `_auth`, `username` (with `_password`) or `certfile`. */
      authKey: '_authToken' | '_auth' | 'username' | 'certfile' | null;
      scopeAuthKey: string | false | null;
      token: string | null;
      auth: string | null;
      isBasicAuth: boolean;
    }
  }
  function getAuth(uri: string, opts: Record<string, unknown>): getAuth.Auth;
  export = getAuth;
}
