// package.json's `publishConfig.provenance` against what npm does with it in CI (npm 11's
// lib/utils/oidc.js and libnpmpublish's ensureProvenanceGeneration): left unset, npm adds provenance
// by itself after a trusted publish from a public repository for a public package (on GitLab only
// with a SIGSTORE_ID_TOKEN); `false` turns that off; `true` makes the publish fail where provenance
// cannot be made — on GitLab without a SIGSTORE_ID_TOKEN whose aud is "sigstore".
import { jsonMember } from '../base/jsonText';
import type { Localize } from '../base/localize';
import { plain } from '../base/text';
import type { CiFinding } from './ciChecks';
import type { WorkflowFile, WorkflowJob } from './workflowFile';

export function provenance(manifest: { file: string; text: string }, publishing: readonly { file: WorkflowFile; job: WorkflowJob }[], t: Localize): CiFinding[] {
  const declared = jsonMember(manifest.text, ['publishConfig', 'provenance']);
  if (!declared) return [];
  const at = { file: manifest.file, line: declared.line };
  const gitlab = publishing.filter(({ file }) => file.provider === 'gitlab');
  const withoutSigstore = gitlab.filter(({ job }) => !job.idTokens?.some((token) => token.name === 'SIGSTORE_ID_TOKEN' && token.aud === 'sigstore'));
  if (declared.value === false) {
    return [{
      id: 'provenance', state: 'problem', advice: true, at,
      message: t('publishConfig.provenance is false: npm publishes without provenance, even where trusted publishing would add it.'),
      fix: t('Remove it, so that users can check where each release was built.'),
    }];
  }
  if (declared.value === true) {
    if (withoutSigstore.length === 0) return [{ id: 'provenance', state: 'ok', at, message: t('publishConfig.provenance asks npm for provenance.') }];
    return withoutSigstore.map(({ file, job }) => ({
      id: 'provenance', state: 'problem', at: { file: file.path, line: job.line },
      message: t('package.json asks for provenance, but job "{0}" has no SIGSTORE_ID_TOKEN with aud "sigstore": npm refuses to publish.', plain(job.id)),
      fix: t('Add "SIGSTORE_ID_TOKEN: aud: sigstore" to the job\'s id_tokens, or remove publishConfig.provenance.'),
    }));
  }
  return [{
    id: 'provenance', state: 'ok', at,
    message: withoutSigstore.length > 0
      ? t('npm adds provenance to a trusted publish by itself, on GitLab only with a SIGSTORE_ID_TOKEN (aud "sigstore"), which job "{0}" lacks.', plain(withoutSigstore[0]!.job.id))
      : t('npm adds provenance to a trusted publish by itself (a public package from a public repository).'),
  }];
}
