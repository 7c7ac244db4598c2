declare module '@npmcli/redact' {
  /** Replaces npm tokens, URL passwords and UUIDs with `***`. */
  export function redact(value: string): string;
  export function redactLog<T extends string | unknown[]>(value: T): T;
}
