// npm's token format (doc §9): `npm_` + 36 characters [A-Za-z0-9]. Shared by the server (new tokens)
// and the scenarios (known demo tokens).
import { createHash, randomBytes } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function base62(bytes: Buffer, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += BASE62[bytes[i % bytes.length] % 62];
  return out;
}

/** A fresh random token. (The real format ends in a CRC32 checksum; we do not model it.) */
export function newTokenValue(): string {
  return 'npm_' + base62(randomBytes(48), 36);
}

/** A stable token for fixtures: the same label always gives the same token, so tests can write it to an .npmrc. */
export function demoToken(label: string): string {
  return 'npm_' + base62(createHash('sha512').update(`npm-publish-auth demo token: ${label}`).digest(), 36);
}

/** The token list's masked form: `npm_` + first 4 + `...` + last 4 (doc §4.1). */
export function maskToken(value: string): string {
  const body = value.startsWith('npm_') ? value.slice(4) : value;
  return `npm_${body.slice(0, 4)}...${body.slice(-4)}`;
}

/** The token's `key`: sha512 hex, as documented for legacy tokens (doc §4.1; unverified for GATs). */
export function tokenKey(value: string): string {
  return createHash('sha512').update(value).digest('hex');
}

export const TOKEN_PATTERN = /npms?_[A-Za-z0-9]{36,48}/g;
