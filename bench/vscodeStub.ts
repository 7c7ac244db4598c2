// A minimal `vscode` module for running the bundled extension (dist/extension.js) in plain Node:
// enough for activation, the status bar, the package tracker, file watchers and the log. Benchmarks
// only — tests of behaviour in the editor run in the real extension host (test/integration).
import * as fs from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';

type Listener<T> = (e: T) => unknown;

export class EventEmitter<T> {
  private listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

class Uri {
  private constructor(readonly scheme: string, readonly path: string) {}
  static file(p: string): Uri {
    return new Uri('file', path.resolve(p));
  }
  static from(parts: { scheme: string; path: string }): Uri {
    return new Uri(parts.scheme, parts.path);
  }
  static parse(text: string): Uri {
    const u = new URL(text);
    return new Uri(u.protocol.replace(/:$/, ''), u.pathname);
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return `${this.scheme}://${this.path}`;
  }
}

class RelativePattern {
  constructor(readonly base: Uri | string, readonly pattern: string) {}
}

/** Every file system watcher the extension created, so a benchmark can fire its events. */
export interface StubWatcher {
  pattern: string;
  create: EventEmitter<Uri>;
  change: EventEmitter<Uri>;
  remove: EventEmitter<Uri>;
}

export interface StubState {
  workspaceFolders: string[];
  watchers: StubWatcher[];
  logLines: string[];
  commands: Map<string, () => unknown>;
  /** Calls of workspace.findFiles and the max results they asked for. */
  findFiles: { maxResults?: number; found: number }[];
}

export const stubState: StubState = { workspaceFolders: [], watchers: [], logLines: [], commands: new Map(), findFiles: [] };

function walkManifests(dir: string, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && !e.name.startsWith('.')) walkManifests(path.join(dir, e.name), out);
    } else if (e.name === 'package.json') out.push(path.join(dir, e.name));
  }
}

const disposable = { dispose: () => undefined };
const noEvent = () => disposable;

function logChannel() {
  const line = (level: string) => (message: string) => void stubState.logLines.push(`${level} ${message}`);
  return { trace: line('trace'), debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error'), appendLine: line('info'), show: () => undefined, dispose: () => undefined };
}

export function createVscodeStub(): Record<string, unknown> {
  return {
    EventEmitter,
    Uri,
    RelativePattern,
    ThemeColor: class { constructor(readonly id: string) {} },
    MarkdownString: class { isTrusted: unknown; supportThemeIcons = false; constructor(public value = '') {} },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    QuickPickItemKind: { Separator: -1, Default: 0 },
    FileType: { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 },
    l10n: { t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])) },
    env: { clipboard: { writeText: async () => undefined }, openExternal: async () => true },
    commands: {
      registerCommand: (id: string, handler: () => unknown) => {
        stubState.commands.set(id, handler);
        return { dispose: () => stubState.commands.delete(id) };
      },
      executeCommand: async () => undefined,
    },
    window: {
      state: { focused: true },
      activeTextEditor: undefined,
      onDidChangeActiveTextEditor: noEvent,
      onDidChangeWindowState: noEvent,
      onDidEndTerminalShellExecution: noEvent,
      createOutputChannel: logChannel,
      createStatusBarItem: () => ({ text: '', tooltip: undefined, show: () => undefined, hide: () => undefined, dispose: () => undefined }),
      showWarningMessage: async () => undefined,
      showInformationMessage: async () => undefined,
      showErrorMessage: async () => undefined,
      withProgress: async (_: unknown, task: () => Promise<unknown>) => task(),
    },
    workspace: {
      get workspaceFolders() {
        return stubState.workspaceFolders.map((f, index) => ({ uri: Uri.file(f), name: path.basename(f), index }));
      },
      isTrusted: true,
      onDidChangeConfiguration: noEvent,
      onDidChangeWorkspaceFolders: noEvent,
      onDidGrantWorkspaceTrust: noEvent,
      getConfiguration: () => ({ get: (_key: string, fallback?: unknown) => fallback }),
      registerTextDocumentContentProvider: () => disposable,
      createFileSystemWatcher: (pattern: string | RelativePattern) => {
        const w: StubWatcher = {
          pattern: typeof pattern === 'string' ? pattern : pattern.pattern,
          create: new EventEmitter(),
          change: new EventEmitter(),
          remove: new EventEmitter(),
        };
        stubState.watchers.push(w);
        return { onDidCreate: w.create.event, onDidChange: w.change.event, onDidDelete: w.remove.event, dispose: () => undefined };
      },
      // Only what the tracker asks: every package.json outside node_modules, like ripgrep would find them.
      findFiles: async (_include: string, _exclude: string, maxResults?: number) => {
        const found: string[] = [];
        for (const folder of stubState.workspaceFolders) walkManifests(folder, found);
        stubState.findFiles.push({ maxResults, found: found.length });
        return found.slice(0, maxResults ?? found.length).map((f) => Uri.file(f));
      },
      asRelativePath: (target: string | Uri) => {
        const file = typeof target === 'string' ? target : target.fsPath;
        const folder = stubState.workspaceFolders.find((f) => file.startsWith(f + path.sep));
        return folder ? path.relative(folder, file) : file;
      },
      fs: {
        stat: async (uri: Uri) => {
          const stats = await fs.promises.stat(uri.fsPath);
          return { type: stats.isFile() ? 1 : stats.isDirectory() ? 2 : 0, size: stats.size, ctime: stats.ctimeMs, mtime: stats.mtimeMs };
        },
        readFile: async (uri: Uri) => fs.promises.readFile(uri.fsPath),
      },
    },
  };
}

/** Makes `require('vscode')` return the stub in this process. */
export function installVscodeStub(): void {
  const stub = createVscodeStub();
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? stub : original.call(this, request, ...rest);
  };
}

/** A memento for globalState. */
export function memento(): { get: (key: string, fallback?: unknown) => unknown; update: (key: string, value: unknown) => Promise<void>; keys: () => string[] } {
  const values = new Map<string, unknown>();
  return {
    get: (key, fallback) => (values.has(key) ? values.get(key) : fallback),
    update: async (key, value) => void values.set(key, value),
    keys: () => [...values.keys()],
  };
}
