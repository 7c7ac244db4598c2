// npm's own dry run (`npm publish --dry-run --json`) as a document a person reads: what would be
// published, file by file, with sizes and the total.
import type { Localize } from '../base/localize';
import { escapeMarkdown } from '../base/text';
import { isObject, npmPackageSummaries } from './uploadOutcome';

export interface DryRunSummary {
  id: string;
  size?: number;
  unpackedSize?: number;
  files: { path: string; size: number }[];
}

/** The summary npm prints, bare or keyed by package name; undefined when it printed none. */
export function parseDryRun(stdout: string): DryRunSummary | undefined {
  const summary = npmPackageSummaries(stdout).find((c) => typeof c.id === 'string');
  if (!summary) return undefined;
  const files = Array.isArray(summary.files) ? summary.files.filter(isObject) : [];
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
