// Just enough of a GitLab pipeline (`.gitlab-ci.yml`) to check a trusted publish, in the shape of a
// GitHub workflow (workflowFile.ts) so that one checklist reads both: the jobs whose script runs
// `npm publish`, their `id_tokens` (npm reads NPM_ID_TOKEN, npm-registry-protocol.md §8.2), image
// (→ the Node and so the npm version), environment, and any script line that writes an `_authToken`.
// A job's `extends:` of one template fills what the job leaves out; `include:` is not followed.
import { blockOf, environmentAt, notePublish, npmInstallOn, yamlLines, type Line, type WorkflowFile, type WorkflowJob } from './workflowFile';

/** Top-level keys that are not jobs (GitLab's CI/CD YAML reference). */
const RESERVED = new Set(['default', 'include', 'stages', 'variables', 'workflow', 'image', 'services', 'cache', 'before_script', 'after_script', 'spec', 'pages:deploy']);

export function readGitlabPipeline(path: string, text: string): WorkflowFile {
  const lines = yamlLines(text);
  const keyOf = (l: Line) => /^([^\s:][^:]*?)\s*:/.exec(l.text)?.[1]?.replace(/^['"]|['"]$/g, '');
  const top = new Map(lines.filter((l) => l.indent === 0 && keyOf(l)).map((l) => [keyOf(l)!, l]));
  const own = (body: readonly Line[], name: string) => body.find((l) => l.indent === body[0]?.indent && keyOf(l) === name);
  const defaults = top.get('default') ? blockOf(lines, top.get('default')!) : [];

  const readJob = (id: string, key: Line): WorkflowJob => {
    const body = blockOf(lines, key);
    const template = /^extends\s*:\s*['"]?([^'"\s[\]]+)/.exec(own(body, 'extends')?.text ?? '')?.[1];
    const inherited = template && top.get(template) ? blockOf(lines, top.get(template)!) : [];
    // What the job says wins; then its template; then `default:` (and a top-level image).
    const find = (name: string) => [body, inherited, defaults].map((b) => own(b, name)).find(Boolean);
    const job: WorkflowJob = { id, line: key.number, publishLines: [] };
    for (const l of body) {
      notePublish(job, l);
      job.npmInstall = npmInstallOn(l) ?? job.npmInstall;
      if (/_authToken|^NODE_AUTH_TOKEN\s*:/.test(l.text)) job.nodeAuthToken ??= { line: l.number };
    }
    const image = find('image') ?? top.get('image');
    const node = image && /\bnode:v?(\d[\d.]*|[a-z]+)/.exec([image, ...blockOf(lines, image)].map((l) => l.text).join(' '));
    if (node) job.nodeVersion = { value: node[1]!, line: image.number };
    const environment = environmentAt(lines, find('environment'));
    if (environment) job.environment = environment;
    const idTokens = find('id_tokens');
    job.idTokens = idTokens ? idTokenEntries(lines, idTokens) : [];
    return job;
  };

  const jobs = [...top].filter(([id]) => !RESERVED.has(id) && !id.startsWith('.')).map(([id, key]) => readJob(id, key));
  const variables = top.get('variables') && blockOf(lines, top.get('variables')!).find((l) => /^NODE_AUTH_TOKEN\s*:/.test(l.text));
  return { path, provider: 'gitlab', jobs, ...(variables && { nodeAuthToken: { line: variables.number } }) };
}

/** `NAME: { aud: … }` entries under `id_tokens:`. */
function idTokenEntries(lines: readonly Line[], key: Line): NonNullable<WorkflowJob['idTokens']> {
  const body = blockOf(lines, key);
  return body.filter((l) => l.indent === body[0]?.indent).map((entry) => {
    const name = entry.text.split(':')[0]!.trim();
    const inline = /aud\s*:\s*['"]?([^'"\s,}]+)/.exec(entry.text)?.[1];
    const nested = blockOf(lines, entry).find((l) => /^aud\s*:/.test(l.text))?.text.replace(/^aud\s*:\s*/, '').replace(/['"]/g, '').trim();
    const aud = inline ?? nested;
    return { name, line: entry.number, ...(aud && { aud }) };
  });
}
