// Who controls what, and what the extension promises about it (the threat model; README: "Untrusted
// repositories").
//
// The repository (a folder someone cloned) controls its package.json (publishConfig included), the
// project .npmrc (registry, scope mappings, credentials, `${VAR}` references, userconfig, TLS
// settings), and any symlink, FIFO or device file in it. The user controls HOME, the user and global
// npmrc, the npm installation's builtin npmrc, the environment's values, VS Code's settings and
// workspace trust.
//
// npm follows the repository's config when the user runs an npm command there; the extension runs on
// open, so it must be stricter than npm:
// - In Restricted Mode the repository may only choose which registry applies (`registry`,
//   `@scope:registry`, `scope`) and publish tags; what it writes beside that (credentials, `${VAR}`s,
//   userconfig, TLS and proxy settings, …) is not applied. So only the user's own credential for the
//   chosen host can go there, and no environment value leaves in a header or URL.
// - In any mode, the automatic refresh never sends a credential over plain HTTP to a host that is not
//   this machine, nor over TLS that the repository weakened; the status names that instead.
// - Writes go only where the user's own config says (never to a `userconfig` from the repository),
//   and only tokens in npm's alphabet are written.
import type { TransportRisk } from '../base/model';

/** Which of VS Code's trust states the folder is in: `restricted` is Restricted Mode. */
export type WorkspaceTrust = 'trusted' | 'restricted';

/** Config keys a repository may set in Restricted Mode: they pick a registry, never carry a secret. */
export function isAllowedInRestrictedMode(key: string, value: unknown): boolean {
  if (key.includes('${') || (typeof value === 'string' && value.includes('${'))) return false;
  return REGISTRY_CHOICE_KEYS.has(key) || /^@[^:/\s]+:registry$/.test(key);
}

const REGISTRY_CHOICE_KEYS: ReadonlySet<string> = new Set(['registry', 'scope', 'tag', 'access']);

/** Splits repository config into what Restricted Mode applies and the names of what it ignores. */
export function restrictRepositoryConfig(entries: Readonly<Record<string, unknown>>): { kept: Record<string, unknown>; ignored: string[] } {
  const kept: Record<string, unknown> = {};
  const ignored: string[] = [];
  for (const [key, value] of Object.entries(entries)) {
    if (isAllowedInRestrictedMode(key, value)) kept[key] = value;
    else ignored.push(key);
  }
  return { kept, ignored };
}

export interface TransportInput {
  registryUrl: string;
  /** Whether a credential would be attached to requests to that registry. */
  credentialAttached: boolean;
  /** The TLS settings that come from the repository (project .npmrc or publishConfig), if any. */
  repositoryTls: { strictSsl?: unknown; ca?: unknown; cafile?: unknown };
}

/** The risk of sending the credential to this registry, if any; none without a credential. */
export function transportRisk(input: TransportInput): TransportRisk | undefined {
  if (!input.credentialAttached) return undefined;
  let url: URL;
  try {
    url = new URL(input.registryUrl);
  } catch {
    return undefined; // an invalid registry is reported (and nothing sent) elsewhere
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return { kind: 'plain-http', host: url.host };
  if (url.protocol !== 'https:') return undefined;
  const tls = input.repositoryTls;
  if (tls.strictSsl === false || tls.strictSsl === 'false') return { kind: 'weakened-tls', setting: 'strict-ssl' };
  if (present(tls.ca)) return { kind: 'weakened-tls', setting: 'ca' };
  if (present(tls.cafile)) return { kind: 'weakened-tls', setting: 'cafile' };
  return undefined;
}

/** This machine: `localhost`, 127.0.0.0/8 and ::1 (as `URL.hostname` writes them). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (host === 'localhost' || host === '::1') return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host.replace(/^::ffff:/, ''));
  return v4 !== null && v4[1] === '127' && v4.slice(1).every((part) => Number(part) <= 255);
}

/** The options a request may carry when the credential is withheld: every credential key removed. */
export function withoutCredentials(options: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([key]) => !isCredentialKey(key)));
}

function isCredentialKey(key: string): boolean {
  const bare = key.startsWith('//') ? key.slice(key.lastIndexOf(':') + 1) : key;
  return key.startsWith('//') || CREDENTIAL_KEYS.has(bare);
}

const CREDENTIAL_KEYS: ReadonlySet<string> = new Set([
  '_auth', '_authToken', 'token', 'auth', 'username', '_password', 'password', 'email', 'otp', 'cert', 'key', 'certfile', 'keyfile',
]);

function present(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : typeof value === 'string' ? value.trim() !== '' : value != null;
}
