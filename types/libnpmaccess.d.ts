// The part of libnpmaccess the extension uses (it ships no types).
declare module 'libnpmaccess' {
  /** `npm access set mfa=<level>`: POST /-/package/<escaped>/access; any 2xx is success. */
  export function setMfa(pkg: string, level: 'none' | 'publish' | 'automation', opts: Record<string, unknown>): Promise<true>;
}
