// What the account suites share inside the real extension host: the local registry (declared npmjs),
// a folder of packages, prompts answered from a script (a test cannot type into a real input box)
// with every question and notification recorded, and the secrets seen, for the suite's last check.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PublishAuthApi } from '../../src/ui/publishAuthExtension';
import type { Prompts } from '../../src/ui/prompts';
import type { StepAnswer } from '../../src/core/policy/multiStep';
import { startRegistry, type LocalRegistry } from '../registry/server';
import { declareNpmjs } from './registryKinds';
import { demoToken } from '../registry/scenarios';

const EXTENSION_ID = 'npm-publish-auth.npm-publish-auth';
export const userNpmrc = path.join(os.homedir(), '.npmrc');

export interface Script {
  confirm: string; codes: (string | undefined)[]; approveAs: string; text: string; passwords: (string | undefined)[]; pick: string;
  steps: Record<string, StepAnswer[]>; newToken: string | string[];
}

export interface AccountHarness {
  api: PublishAuthApi;
  registry: LocalRegistry;
  /** The folder of the suite's packages, in the workspace. */
  root: string;
  /** What the prompts asked since the test began, and what the notifications told since the last `answer`. */
  asked: string[];
  told: string[];
  /** Every secret seen during the suite, checked against the log and notifications by `noSecretLeaked`. */
  secrets: Set<string>;
  everythingTold: string[];
  nerf(): string;
  token(label: string): string;
  openPackage(name: string, projectNpmrc?: string): Promise<string>;
  answer(script: Partial<Script>): { shownToken: () => string | undefined };
  noSecretLeaked(): void;
}

/** Call inside a `describe`: registers its hooks; `folder` is where its packages go in the workspace. */
export function accountHarness(folder: string): AccountHarness {
  const h: AccountHarness = {
    api: undefined as unknown as PublishAuthApi,
    registry: undefined as unknown as LocalRegistry,
    root: '',
    asked: [], told: [], secrets: new Set(), everythingTold: [],
    nerf: () => h.registry.url.replace(/^http:/, ''),
    token: (label) => demoToken(label),
    openPackage: async (name, projectNpmrc) => {
      const dir = path.join(h.root, `${name.replace(/[@/]/g, '_')}-${Math.random().toString(36).slice(2, 8)}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '9.0.0' }, null, 2));
      if (projectNpmrc !== undefined) fs.writeFileSync(path.join(dir, '.npmrc'), projectNpmrc);
      await vscode.window.showTextDocument(vscode.Uri.file(path.join(dir, 'package.json')));
      await h.api.refresh();
      assert.equal(h.api.status?.package.folder, dir, 'the status is about the package just opened');
      return dir;
    },
    answer: (script) => answerFrom(h, script),
    noSecretLeaked: () => {
      const log = h.api.logText();
      assert.ok(log.includes('[account]'), 'the account actions logged');
      for (const secret of h.secrets) {
        assert.ok(!log.includes(secret), 'a secret in the log');
        for (const text of h.everythingTold) assert.ok(!text.includes(secret), `a secret in a notification: ${text}`);
      }
    },
  };

  before(async () => {
    h.registry = await startRegistry({ scenario: 'default' });
    await declareNpmjs(h.registry);
    h.api = await vscode.extensions.getExtension<PublishAuthApi>(EXTENSION_ID)!.activate();
    h.root = path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, folder);
  });
  after(async () => {
    h.api.usePrompts(undefined);
    fs.rmSync(h.root, { recursive: true, force: true });
    fs.rmSync(userNpmrc, { force: true });
    await h.registry.close();
  });
  beforeEach(() => {
    h.registry.reset();
    h.asked = [];
  });
  afterEach(() => {
    for (const secret of h.registry.secrets()) h.secrets.add(secret);
  });
  return h;
}

/** Prompts that answer from a script and record what was asked and told. */
function answerFrom(h: AccountHarness, script: Partial<Script>): { shownToken: () => string | undefined } {
  const codes = [...(script.codes ?? [])];
  const newTokenAnswers = typeof script.newToken === 'string' ? [script.newToken] : [...(script.newToken ?? [])];
  const passwords = [...(script.passwords ?? [])];
  let shown: string | undefined;
  h.told = [];
  const prompts: Partial<Prompts> = {
    confirm: async (message, detail, ...buttons) => {
      h.asked.push(`confirm: ${message} | ${detail} [${buttons.join(', ')}]`);
      h.everythingTold.push(message, detail);
      return script.confirm;
    },
    oneTimePassword: async ({ title, rejected }) => (h.asked.push(`otp${rejected ? ' again' : ''}: ${title}`), codes.shift()),
    browserApproval: async ({ title, wait }) => {
      h.asked.push(`browser: ${title}`);
      h.registry.approvePending(undefined, script.approveAs);
      return wait(new AbortController().signal);
    },
    text: async ({ title }) => (h.asked.push(`text: ${title}`), script.text),
    password: async ({ title, error }) => (h.asked.push(`password: ${title}${error ? ' (again)' : ''}`), passwords.shift()),
    pick: async (items, { title }) => {
      h.asked.push(`pick: ${title} [${items.map((i) => i.label).join(' / ')}]`);
      return items.find((i) => i.label === script.pick);
    },
    step: async (view) => {
      h.asked.push(`step ${view.position}/${view.total} ${view.step.id}${view.canGoBack ? ' (back)' : ''}: ${view.value}`);
      return script.steps?.[view.step.id]?.shift() ?? { kind: 'cancel' };
    },
    newToken: async ({ message, token: value, actions }) => {
      shown = value;
      h.asked.push(`new token: ${message} [${actions.join(', ')}]`);
      h.everythingTold.push(message);
      return newTokenAnswers.shift();
    },
    message: async (severity, text, ...buttons) => {
      h.told.push(`${severity}: ${text} [${buttons.join(', ')}]`);
      h.everythingTold.push(text);
      return undefined;
    },
  };
  h.api.usePrompts(prompts);
  return { shownToken: () => shown };
}
