// The heavy parts of the extension, bundled apart (esbuild.mjs) and required on first use, so that
// activation loads only dist/extension.js. The files sit beside the bundle that requires them; the
// path is computed, so esbuild leaves these requires alone instead of inlining the modules.
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as Pipeline from '../bundles/pipeline';
import type * as Commands from '../bundles/commands';
import type * as WebAuth from '../bundles/webAuth';
import type * as Workspace from '../bundles/workspace';

const requireFile = createRequire(__filename);

/** The status pipeline and npm's config loader (dist/pipeline.js): on the first refresh. */
export function loadPipeline(): typeof Pipeline {
  return requireFile(path.join(__dirname, 'pipeline.js')) as typeof Pipeline;
}

/** npm-profile's web-login polling (dist/webAuth.js): while a publish waits for browser approval. */
export function loadWebAuth(): typeof WebAuth {
  return requireFile(path.join(__dirname, 'webAuth.js')) as typeof WebAuth;
}

/** The action commands (dist/commands.js): when one of them is first run. */
export function loadCommands(): typeof Commands {
  return requireFile(path.join(__dirname, 'commands.js')) as typeof Commands;
}

/** The packages view's list, rows and background statuses (dist/workspace.js): when the view first shows, or a release starts. */
export function loadWorkspace(): typeof Workspace {
  return requireFile(path.join(__dirname, 'workspace.js')) as typeof Workspace;
}
