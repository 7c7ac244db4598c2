// One wrapper for every command, as VS Code's git extension has `createCommand`: a trusted folder
// first where the catalog asks for one (nothing runs before the answer), then the precondition —
// which package, a fresh status, its publish config — resolved once, then the command. Whatever it
// throws becomes one message with its fix and Show Log. It stays in the activation bundle, so it
// imports no npm library: the publish config comes through the action context's lazy pipeline.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AccountAction } from '../core/account/accountErrors';
import type { CommandName, CommandSpec, TrustedCommand } from '../core/base/commands';
import type { PublishAuthStatus } from '../core/base/model';
import type { ResolvedPublishConfig } from '../core/status/npmConfig';
import type { ActionContext } from './actionContext';
import { loadCommands } from './lazyModules';
import { tell } from './notify';
import type { Prompts } from './prompts';

/** The package a command acts on, as the precondition found it. */
export interface PackageTarget {
  status: PublishAuthStatus;
}

/** …with npm's publish config for it. SECRET-BEARING options inside: see ResolvedPublishConfig. */
export interface ConfiguredTarget extends PackageTarget {
  config: ResolvedPublishConfig;
}

/** What a command needs before it runs. Texts are English, localized here. */
export interface Precondition {
  /** The status shown now; one asked of the registry again (`fresh`); or the one shown now if any. */
  status: 'current' | 'fresh' | 'current-or-fresh';
  /** The progress title while the fresh status is asked for. */
  checking?: string;
  /** Said when there is no package (or `usable` refuses it). */
  none: string;
  usable?: (status: PublishAuthStatus) => boolean;
  /** The package's name goes into a registry path: a package.json npm refuses stops the command here. */
  named?: true;
  /** Resolve npm's publish config for the package. */
  config?: boolean;
  /** After the config is resolved, what throws is the registry's answer to this account action. */
  account?: AccountAction;
  /** One run per package at a time, claimed before anything is awaited; `{0}` is the package. */
  busy?: string;
  /** The message for any other failure; `{0}` is the error's message. */
  failed: string;
}

/** What a command runs, and with what precondition: made by `plain`, `needsPackage` or `needsConfig`. */
export interface Handler {
  needs?: Precondition;
  context?: ActionContext;
  /** It acts on every package chosen in the packages view (else the view's row becomes the shown package first). */
  many?: true;
  run(target?: PackageTarget & { config?: ResolvedPublishConfig }, selection?: readonly string[]): unknown;
}

/** A command without a package precondition (it reads the status shown now, if at all). */
export function plain(run: () => unknown): Handler {
  return { run: () => run() };
}

/** A command on the packages chosen in the view (manifest paths; none from the palette). */
export function onSelection(run: (selection: readonly string[]) => unknown): Handler {
  return { many: true, run: (_target, selection) => run(selection ?? []) };
}

export function needsPackage(context: ActionContext, needs: Omit<Precondition, 'config'>, run: (target: PackageTarget) => unknown): Handler {
  return { context, needs, run: (target) => run(target!) };
}

export function needsConfig(context: ActionContext, needs: Omit<Precondition, 'config'>, run: (target: ConfiguredTarget) => unknown): Handler {
  return { context, needs: { ...needs, config: true }, run: (target) => run(target as ConfiguredTarget) };
}

export interface CommandHost {
  /** The status shown now (for the insecure-transport question). */
  status(): PublishAuthStatus | undefined;
  /** The workspace's manifests: a row's argument must name one of them. */
  manifests(): readonly string[];
  /** Makes a package the one shown, and its status current. */
  select(manifest: string): Promise<void>;
  prompts(): Prompts;
  /** Tells failures of commands without a context of their own. */
  notifier: ActionContext;
}

/** Packages (by folder) with a run under way, per command: a second one is refused, not queued. */
const running = new Map<CommandName, Set<string>>();

export function createCommand(name: CommandName, spec: CommandSpec, handler: Handler, host: CommandHost): (...args: unknown[]) => Promise<void> {
  const t = vscode.l10n.t;
  return async (...args) => {
    // From the packages view (a row, the rows selected with it) or a row's tooltip link (`{ manifest }`).
    const selection = chosenManifests(args, host.manifests());
    if (!handler.many && selection.length > 0) await host.select(selection[0]);
    // What writes, publishes or runs npm waits for trust; what sends a secret, for a yes to an insecure connection.
    if (spec.trusted && !vscode.workspace.isTrusted && !(await loadCommands().requireTrust(name as TrustedCommand, host.prompts()))) return;
    if (spec.sendsSecrets && !(await loadCommands().confirmInsecureTransport(host.status(), host.prompts()))) return;
    if (!handler.needs || !handler.context) {
      try {
        await handler.run(undefined, selection);
      } catch (error) {
        failed(host.notifier, error, t('{0} failed: {1}', t(spec.button), messageOf(error)));
      }
      return;
    }
    const { needs, context } = handler;
    const release = claim(name, needs, context);
    if (!release) return;
    let config: ResolvedPublishConfig | undefined;
    try {
      const status = await packageStatus(needs, context);
      if (!status || (needs.usable && !needs.usable(status))) {
        tell(context, 'info', t(needs.none));
        return;
      }
      if (needs.named && status.package.invalid) {
        tell(context, 'warning', t('{0} in package.json. Fix it first.', status.package.invalid));
        return;
      }
      if (needs.config) config = await context.publishConfig(status.package.folder);
      await handler.run({ status, config });
    } catch (error) {
      // The command's bundle is loaded by then: it has the words for the registry's answers.
      if (config && needs.account) loadCommands().tellFailure(context, error, needs.account, config.registry.url);
      else failed(context, error, t(needs.failed, messageOf(error)));
    } finally {
      release();
    }
  };
}

async function packageStatus(needs: Precondition, context: ActionContext): Promise<PublishAuthStatus | undefined> {
  const checking = vscode.l10n.t(needs.checking ?? 'Finding the package\'s registry…');
  switch (needs.status) {
    case 'current': return context.currentStatus();
    case 'fresh': return context.freshStatus(checking);
    case 'current-or-fresh': return context.currentStatus() ?? (await context.freshStatus(checking));
  }
}

/** Claims the package shown now for this command, or says it is busy (undefined). */
function claim(name: CommandName, needs: Precondition, context: ActionContext): (() => void) | undefined {
  const folder = context.currentStatus()?.package.folder;
  if (!needs.busy || !folder) return () => undefined;
  const folders = running.get(name) ?? new Set<string>();
  running.set(name, folders);
  if (folders.has(folder)) {
    const label = context.currentStatus()?.package.name ?? path.basename(folder);
    void vscode.window.showWarningMessage(vscode.l10n.t(needs.busy, label));
    return undefined;
  }
  folders.add(folder);
  return () => folders.delete(folder);
}

/** The manifests a view's arguments name — the clicked row and the selected ones — that are the workspace's. */
function chosenManifests(args: unknown[], known: readonly string[]): string[] {
  const manifestOf = (arg: unknown) => (arg && typeof arg === 'object' && typeof (arg as { manifest?: unknown }).manifest === 'string' ? (arg as { manifest: string }).manifest : undefined);
  const [clicked, selected] = args;
  const named = [clicked, ...(Array.isArray(selected) ? selected : [])].map(manifestOf).filter((m): m is string => m !== undefined);
  const workspace = new Set(known);
  return [...new Set(named)].filter((m) => workspace.has(m));
}

function failed(context: ActionContext, error: unknown, text: string): void {
  context.log.error(error instanceof Error ? error : String(error));
  tell(context, 'error', text);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
