// The windows of the second factor, by the registry clock: which TOTP code is current (doc §7.3), and
// the browser's "skip 2FA for the next 5 minutes" (doc §7.4).
import { createHmac } from 'node:crypto';

/** The website's "skip 2FA for the next 5 minutes" (doc §7.4 [DOC]). */
export const SKIP_2FA_LIFETIME_MS = 5 * 60 * 1000;

/**
 * TOTP windows. Window 0 shows each user's `otp` (DEMO_OTP by default), so fixed-code tests keep working;
 * later windows show codes derived from it. Windows move with the clock only when `windowMs > 0`, and
 * tests end them by hand (`end`, `endAfter`) so that nothing has to wait for time to pass.
 */
export class OtpWindows {
  private readonly anchor: number;
  private endedByHand = 0;
  private countdown?: { window: number; uses: number };

  constructor(
    private readonly clock: { now(): number },
    private readonly windowMs: number,
  ) {
    this.anchor = clock.now();
  }

  current(): number {
    const timed = this.windowMs > 0 ? Math.floor((this.clock.now() - this.anchor) / this.windowMs) : 0;
    return timed + this.endedByHand;
  }

  /** The code an authenticator seeded with `seed` shows now. */
  code(seed: string): string {
    return codeIn(seed, this.current());
  }

  /** When the clock ends the current window; undefined when windows are not timed. */
  endsAt(): number | undefined {
    if (this.windowMs <= 0) return undefined;
    const timed = Math.floor((this.clock.now() - this.anchor) / this.windowMs);
    return this.anchor + (timed + 1) * this.windowMs;
  }

  /** The current code stops being valid now; the next one becomes current. */
  end(): void {
    this.endedByHand++;
    this.countdown = undefined;
  }

  /** The current code is accepted for `uses` more uploads, then its window ends. */
  endAfter(uses: number): void {
    if (uses <= 0) return this.end();
    this.countdown = { window: this.current(), uses };
  }

  /** An upload was accepted with the current code. A countdown for a window the clock already left is void. */
  used(): void {
    if (this.countdown?.window !== this.current()) return;
    if (--this.countdown.uses <= 0) this.end();
  }
}

/** The code in `window`: the seed itself in window 0, else RFC 4226's 6 digits from an HMAC over the window number. */
export function codeIn(seed: string, window: number): string {
  if (window === 0) return seed;
  const counter = Buffer.alloc(8);
  counter.writeBigInt64BE(BigInt(window));
  const mac = createHmac('sha1', seed).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const code = String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
  // A later window must never show the first window's code again, or "the old code is refused" could not hold.
  return code === seed ? String((Number(code) + 1) % 1_000_000).padStart(6, '0') : code;
}
