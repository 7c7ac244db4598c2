// npm's own dry run (`npm publish --dry-run --json`) as a document a person reads: what would be
// published, file by file, with sizes and the total.
import type { Localize } from '../localize';
import { escapeMarkdown } from '../presentation';

export interface DryRunSummary {
  id: string;
  size?: number;
  unpackedSize?: number;
  files: { path: string; size: number }[];
}

/** The summary npm prints, bare or keyed by package name; undefined when it printed none. */
export function parseDryRun(stdout: string): DryRunSummary | undefined {
  let json: unknown;
  try {
    json = JSON.parse(stdout.slice(Math.max(0, stdout.search(/^[{[]/m))));
  } catch {
    return undefined;
  }
  const candidates = Array.isArray(json) ? json : isRecord(json) ? ('id' in json ? [json] : Object.values(json)) : [];
  const summary = candidates.find((c): c is Record<string, unknown> => isRecord(c) && typeof c.id === 'string');
  if (!summary) return undefined;
  const files = Array.isArray(summary.files) ? summary.files.filter(isRecord) : [];
  return {
    id: summary.id as string,
    size: typeof summary.size === 'number' ? summary.size : undefined,
    unpackedSize: typeof summary.unpackedSize === 'number' ? summary.unpackedSize : undefined,
    files: files.map((f) => ({ path: String(f.path ?? ''), size: typeof f.size === 'number' ? f.size : 0 })),
  };
}

export function renderDryRun(summary: DryRunSummary, registryHost: string, t: Localize): string {
  const lines = [
    `# ${escapeMarkdown(t('Dry run: {0}', summary.id))}`,
    '',
    escapeMarkdown(t('npm packed the package and sent nothing to {0}. This is what a publish would upload.', registryHost)),
    '',
    `| ${t('File')} | ${t('Size')} |`,
    '|---|---:|',
    ...[...summary.files].sort((a, b) => a.path.localeCompare(b.path)).map((f) => `| ${escapeMarkdown(f.path)} | ${bytes(f.size)} |`),
    '',
    `**${t('{0} files', summary.files.length)}** · ${t('packed {0}', summary.size === undefined ? '?' : bytes(summary.size))} · ${t('unpacked {0}', summary.unpackedSize === undefined ? '?' : bytes(summary.unpackedSize))}`,
    '',
  ];
  return lines.join('\n');
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
