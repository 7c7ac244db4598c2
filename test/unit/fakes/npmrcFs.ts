// A seam for the npmrc file writer's failure paths that a real file system (or root) will not produce.
import * as fsPromises from 'node:fs/promises';
import type { NpmrcFs } from '../../../src/core/account/npmrcFile';

/** An fs whose `name` call fails with `code` when `when` matches its first argument. */
export function failing(name: 'rename' | 'open', code: string, when: (arg: string) => boolean = () => true): NpmrcFs {
  const real = fsPromises as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  return {
    ...fsPromises,
    [name]: async (...args: unknown[]) => {
      if (when(String(args[0]))) throw Object.assign(new Error(`${code}: simulated, ${name} '${String(args[0])}'`), { code });
      return real[name]!(...args);
    },
  } as NpmrcFs;
}
