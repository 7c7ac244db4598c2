// The bench's measuring: a warm-up, then RUNS samples; median, min and max.
export const RUNS = Math.max(5, Number(process.env.BENCH_RUNS ?? 7));

/** One line of the bench's table. */
export interface Row { figure: string; stats?: Stats; unit: string; value?: string; target?: string; met?: boolean }

export interface Stats { median: number; min: number; max: number; samples: number[] }
export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, samples };
}

/** Runs `once` (warm-up) + RUNS times; returns the RUNS samples of what `fn` returns (ms). */
export async function measure(label: string, fn: (i: number) => Promise<number>, runs = RUNS): Promise<Stats> {
  process.stderr.write(`  ${label} `);
  await fn(-1);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    samples.push(await fn(i));
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  return stats(samples);
}

export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

