// The parts of npm-package-arg (v13) this project uses.
declare module 'npm-package-arg' {
  namespace npa {
    interface Result {
      type: string;
      name: string | null;
      /** `@scope`, or undefined for unscoped names. */
      scope: string | undefined;
      /** The name as it appears in registry paths: `@scope%2fname`. */
      escapedName: string | null;
      rawSpec: string;
      fetchSpec: string | null;
    }
    function resolve(name: string, spec?: string, where?: string): Result;
  }
  function npa(arg: string | npa.Result, where?: string): npa.Result;
  export = npa;
}
