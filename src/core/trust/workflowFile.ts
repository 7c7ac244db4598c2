// Just enough of a GitHub Actions workflow to check a trusted publish: which jobs run `npm publish`,
// and what each of them declares (permissions, environment, Node and npm versions, NODE_AUTH_TOKEN).
// Read by indentation, not by a YAML parser: the project bundles none, and the keys asked about are
// plain mappings and scalars in every workflow GitHub documents. What it cannot read it leaves
// undefined, and the checks then say "unknown" rather than guess.

export interface WorkflowJob {
  id: string;
  /** 1-based line of the job's key. */
  line: number;
  /** Lines (1-based) of `npm publish` / `npm stage publish` inside the job. */
  publishLines: number[];
  /** One of them is `npm stage publish` (which needs a newer npm). */
  stages?: boolean;
  /** The job's own `permissions` (they replace the workflow's entirely), undefined when it has none. */
  permissions?: Permissions;
  environment?: { name: string; line: number };
  /** `node-version` given to actions/setup-node. */
  nodeVersion?: { value: string; line: number };
  /** `npm install -g npm@<version>` run before publishing. */
  npmInstall?: { version: string; line: number };
  /** Where the job (or the workflow) sets NODE_AUTH_TOKEN (GitLab: a script line writes an `_authToken`). */
  nodeAuthToken?: { line: number };
  /** GitLab: the job's `id_tokens` entries (npm reads the one named NPM_ID_TOKEN). */
  idTokens?: { name: string; aud?: string; line: number }[];
}

export interface Permissions {
  line: number;
  /** From `write-all`, `read-all` or the `id-token` entry (absent from a block: `none`); undefined when unreadable. */
  idToken?: 'write' | 'read' | 'none';
}

export interface WorkflowFile {
  path: string;
  /** A GitLab pipeline (gitlabPipeline.ts) rather than a GitHub workflow. */
  provider?: 'gitlab';
  /** The workflow-wide `permissions`. */
  permissions?: Permissions;
  /** The workflow-wide `env: NODE_AUTH_TOKEN`. */
  nodeAuthToken?: { line: number };
  jobs: WorkflowJob[];
}

export interface Line { number: number; indent: number; text: string }

/** The lines that say something (comments and blank lines dropped), with their indentation. */
export function yamlLines(text: string): Line[] {
  return text.split(/\r?\n/).flatMap((raw, i) => {
    const withoutComment = raw.replace(/(^|\s)#.*$/, '');
    const trimmed = withoutComment.trim();
    return trimmed ? [{ number: i + 1, indent: withoutComment.length - withoutComment.trimStart().length, text: trimmed }] : [];
  });
}

/** The lines indented under `start`. */
export function blockOf(lines: readonly Line[], start: Line): Line[] {
  const after = lines.slice(lines.indexOf(start) + 1);
  const end = after.findIndex((l) => l.indent <= start.indent);
  return end === -1 ? after : after.slice(0, end);
}

/** `npm install -g npm@<version>` on a line. */
export function npmInstallOn(l: Line): WorkflowJob['npmInstall'] {
  const npm = /\bnpm\s+(?:i|install)\s+(?:-g|--global)\s+npm@([^\s'"]+)/.exec(l.text);
  return npm ? { version: npm[1]!, line: l.number } : undefined;
}

/** `environment: name` or `environment:` with `name: …` under it (GitHub and GitLab spell it alike). */
export function environmentAt(lines: readonly Line[], key: Line | undefined): WorkflowJob['environment'] {
  if (!key) return undefined;
  const name = /^environment\s*:\s*['"]?([^'"\s{]+)/.exec(key.text)?.[1]
    ?? blockOf(lines, key).find((l) => /^name\s*:/.test(l.text))?.text.replace(/^name\s*:\s*/, '').replace(/['"]/g, '');
  return name ? { name, line: key.number } : undefined;
}

/** Notes a line of `npm publish` / `npm stage publish` in the job. */
export function notePublish(job: WorkflowJob, l: Line): void {
  const publish = /\bnpm\s+(stage\s+)?publish\b/.exec(l.text);
  if (!publish) return;
  job.publishLines.push(l.number);
  if (publish[1]) job.stages = true;
}

export function readWorkflow(path: string, text: string): WorkflowFile {
  const lines = yamlLines(text);
  const top = lines.filter((l) => l.indent === 0);
  const block = (start: Line) => blockOf(lines, start);
  const topKey = (key: string) => top.find((l) => l.text.startsWith(`${key}:`));
  const permissionsAt = (key: Line | undefined): Permissions | undefined => key && readPermissions(key, block(key));
  const envToken = (key: Line | undefined) => {
    const found = key && block(key).find((l) => /^NODE_AUTH_TOKEN\s*:/.test(l.text));
    return found && { line: found.number };
  };

  const jobsKey = topKey('jobs');
  const jobLines = jobsKey ? block(jobsKey) : [];
  const jobIndent = jobLines[0]?.indent;
  const jobs = jobLines.filter((l) => l.indent === jobIndent && /^[\w-]+\s*:/.test(l.text)).map((key) => {
    const body = block(key);
    const own = (name: string) => body.find((l) => l.indent === body[0]?.indent && l.text.startsWith(`${name}:`));
    const job: WorkflowJob = { id: key.text.split(':')[0]!.trim(), line: key.number, publishLines: [] };
    for (const l of body) {
      notePublish(job, l);
      const node = /^(?:-\s*)?node-version\s*:\s*['"]?([^'"\s]+)/.exec(l.text);
      if (node) job.nodeVersion = { value: node[1]!, line: l.number };
      job.npmInstall = npmInstallOn(l) ?? job.npmInstall;
      if (/^(?:-\s*)?NODE_AUTH_TOKEN\s*:/.test(l.text)) job.nodeAuthToken ??= { line: l.number };
    }
    job.permissions = permissionsAt(own('permissions'));
    const environment = environmentAt(lines, own('environment'));
    if (environment) job.environment = environment;
    return job;
  });
  return { path, permissions: permissionsAt(topKey('permissions')), nodeAuthToken: envToken(topKey('env')), jobs };
}

function readPermissions(key: Line, body: Line[]): Permissions {
  const inline = key.text.replace(/^permissions\s*:\s*/, '');
  if (inline === 'write-all') return { line: key.number, idToken: 'write' };
  if (inline === 'read-all' || inline === '{}') return { line: key.number, idToken: inline === '{}' ? 'none' : 'read' };
  // A permissions block grants nothing it does not list (GitHub's rule), so no entry is `none`.
  const entry = body.find((l) => /^id-token\s*:/.test(l.text));
  if (!entry) return { line: key.number, idToken: 'none' };
  const value = entry.text.replace(/^id-token\s*:\s*/, '').replace(/['"]/g, '');
  return { line: key.number, idToken: value === 'write' || value === 'read' || value === 'none' ? value : undefined };
}
