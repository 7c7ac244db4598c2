// When to refresh: bursts of events are debounced, at most one refresh runs at a time (a request
// during a run causes one more run after it), and nothing runs while the window is unfocused unless
// the request is urgent (something expires) — the deferred request runs when focus returns. A run that
// a newer request supersedes is told so (`onSuperseded`), so it can abort instead of finishing first.
import * as vscode from 'vscode';
import { Disposable } from './disposable';

export class RefreshScheduler extends Disposable {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private deferred = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly run: () => Promise<void>,
    private readonly debounceMs: number,
    private readonly onSuperseded: () => void = () => undefined,
  ) {
    super();
    this.register(
      vscode.window.onDidChangeWindowState((state) => {
        if (state.focused && this.deferred) {
          this.deferred = false;
          this.request();
        }
      }),
    );
    // Nothing starts after dispose, so whoever waits for idle is released now or when the run ends.
    this.register({ dispose: () => (clearTimeout(this.timer), (this.timer = undefined), this.running || this.settleIdle()) });
  }

  /** Asks for a refresh soon. `urgent` runs even while the window is unfocused. */
  request(options: { urgent?: boolean; immediate?: boolean } = {}): void {
    if (this.isDisposed) return; // asked by work that resumed after dispose: no timer may outlive us
    if (!options.urgent && !vscode.window.state.focused) {
      this.deferred = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.start(), options.immediate ? 0 : this.debounceMs);
  }

  /** Refreshes now (bypassing the debounce) and resolves when the status is up to date. */
  async refreshNow(): Promise<void> {
    clearTimeout(this.timer);
    this.start();
    await this.whenIdle();
  }

  /** Resolves once no refresh is running or waiting. */
  whenIdle(): Promise<void> {
    if (!this.running && !this.timer) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private start(): void {
    this.timer = undefined;
    if (this.isDisposed) return;
    if (this.running) {
      this.again = true;
      this.onSuperseded();
      return;
    }
    this.running = this.run()
      .catch(() => undefined) // the run reports its own errors
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.isDisposed) {
          this.again = false;
          this.start();
        } else if (!this.timer) {
          this.settleIdle();
        }
      });
  }

  private settleIdle(): void {
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
