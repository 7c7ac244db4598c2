// What the extension remembers between sessions, in globalState (never a secret: tokens are keyed
// by npm's masked form only).
import { createHash } from 'node:crypto';
import type * as vscode from 'vscode';
import type { PublishingAccessMode, RememberedCiToken, TrustedPublishing, TwoFactorMethod } from '../core/base/model';
import type { PublishingAccessEvidence } from '../core/status/publishingAccess';

type Evidence = Omit<PublishingAccessEvidence, 'packageFacts' | 'declared'>;

export class StateStore {
  constructor(private readonly memento: vscode.Memento) {}

  publishingAccess(registryUrl: string, packageName: string): Evidence {
    return this.memento.get<Evidence>(key('access', registryUrl, packageName)) ?? {};
  }

  async rememberPublishingAccessSet(registryUrl: string, packageName: string, mode: PublishingAccessMode, at: number): Promise<void> {
    const current = this.publishingAccess(registryUrl, packageName);
    await this.memento.update(key('access', registryUrl, packageName), { ...current, setByExtension: { mode, at } });
  }

  async rememberPublishingAccessLearned(registryUrl: string, packageName: string, learned: Evidence['learned']): Promise<void> {
    const current = this.publishingAccess(registryUrl, packageName);
    await this.memento.update(key('access', registryUrl, packageName), { ...current, learned });
  }

  trustedPublishing(registryUrl: string, packageName: string): TrustedPublishing | undefined {
    return this.memento.get<TrustedPublishing>(key('trust', registryUrl, packageName));
  }

  async rememberTrustedPublishing(registryUrl: string, packageName: string, trust: TrustedPublishing): Promise<void> {
    await this.memento.update(key('trust', registryUrl, packageName), trust);
  }

  loggedInAt(registryUrl: string, maskedToken: string): number | undefined {
    return this.memento.get<number>(key('login', registryUrl, maskedToken));
  }

  async rememberLogin(registryUrl: string, maskedToken: string, at: number): Promise<void> {
    await this.memento.update(key('login', registryUrl, maskedToken), at);
  }

  twoFactorMethod(registryUrl: string, username: string): TwoFactorMethod | undefined {
    return this.memento.get<TwoFactorMethod>(key('2fa', registryUrl, username));
  }

  /** The CI tokens created here, as stored (read with ciTokenReminders.ts readCiTokens): host, name, expiry, never the token. */
  ciTokens(): unknown {
    return this.memento.get(CI_TOKENS_KEY);
  }

  async rememberCiTokens(tokens: readonly RememberedCiToken[]): Promise<void> {
    await this.memento.update(CI_TOKENS_KEY, tokens);
  }

  async rememberTwoFactorMethod(registryUrl: string, username: string, method: TwoFactorMethod): Promise<void> {
    await this.memento.update(key('2fa', registryUrl, username), method);
  }
}

const CI_TOKENS_KEY = 'npmPublishAuth.ciTokens';

/**
 * The registry goes into keys as a fingerprint: a registry URL may carry a token in its path
 * (Gemfury: `https://npm.fury.io/TOKEN/`), and globalState is stored in plain text.
 */
const key = (kind: string, registryUrl: string, name: string) =>
  `npmPublishAuth.${kind}:${createHash('sha256').update(registryUrl).digest('hex').slice(0, 32)}:${name}`;
