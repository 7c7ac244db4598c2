// "npm: Set Publishing Access": `npm access set mfa=…` for the current package, chosen from npm's three
// modes in npm's own words, with the 2FA prompt the registry asks for. npm offers no way to read the
// mode, so what is set here is remembered and shown as "set from this extension".
import * as vscode from 'vscode';
import { setPublishingAccessMode } from '../../core/account/accountRequests';
import { twoFactorMethodShownBy, withSecondFactor } from '../../core/account/secondFactor';
import type { PublishingAccessMode } from '../../core/base/model';
import { publishingAccessModeLabel, publishingAccessModeShort } from '../../core/base/publishingAccessWords';
import { inert, registryHost } from '../../core/base/text';
import type { ActionContext } from '../actionContext';
import type { ConfiguredTarget } from '../createCommand';
import { tell } from '../notify';
import { REGISTRY_FAMILIES } from '../../core/base/registries';
import { secondFactorPrompts } from './accountFlow';

/** Recommended first, as npm's settings page orders them today; `none` last (removed from the docs, still accepted). */
const MODES: PublishingAccessMode[] = ['publish', 'automation', 'none'];

/** A fresh status of a named package and its config come from the command wrapper (createCommand.ts). */
export async function setPublishingAccess(context: ActionContext, { status, config }: ConfiguredTarget): Promise<void> {
  const t = vscode.l10n.t;
  const name = status.package.name!;
  const family = status.registry?.family ?? 'other';
  // A registry known to lack it is told so up front; an unknown one is asked, and a 404 then says it may lack it.
  if (family !== 'npmjs' && family !== 'other') {
    tell(context, 'info', t('{0} has no publishing-access setting: it is an npmjs feature.', REGISTRY_FAMILIES[family].name));
    return;
  }
  if (status.packageFacts?.state === 'unpublished') {
    tell(context, 'info', t('{0} is not published yet: its publishing access can be set after the first publish.', name));
    return;
  }
  const access = status.publishingAccess;
  const current = access.state === 'unknown' ? undefined : access.mode;
  const explain: Record<PublishingAccessMode, string> = {
    // One short line each: a row's detail is cut off past the widget's width.
    publish: t('Recommended: 2FA on every publish; tokens refused (OIDC still works).'),
    automation: t('npm\'s default: 2FA, or a granular token with bypass 2FA.'),
    none: t('Legacy: npm still needs 2FA or a bypass token to publish.'),
  };
  const items = MODES.map((mode) => ({
    mode,
    label: publishingAccessModeLabel(mode, t),
    description: mode === current ? (access.state === 'known' ? t('current') : t('likely current')) : `mfa=${mode}`,
    detail: explain[mode],
  }));
  const title = t('Publishing access of {0}', inert(name));
  const placeHolder = current ? t('Choose the new publishing access') : t('Choose the publishing access (npm does not reveal the current one)');
  const choice = await context.prompts().pick(items, { title, placeHolder });
  if (!choice) return;

  const registryUrl = config.registry.url;
  const what = t('Set publishing access of {0}', name);
  try {
    const result = await withSecondFactor(
      (otp) => setPublishingAccessMode(registryUrl, config.fetchOptions, name, choice.mode, otp),
      secondFactorPrompts(context, what, registryUrl, config.fetchOptions),
    );
    if (result.kind === 'cancelled') {
      tell(context, 'info', t('Nothing was changed: the publishing access of {0} stays as it was.', name));
      return;
    }
    const shown = twoFactorMethodShownBy(result.secondFactor, status.credential);
    if (shown) await context.store.rememberTwoFactorMethod(registryUrl, shown.username, shown.method);
    await context.store.rememberPublishingAccessSet(registryUrl, name, choice.mode, Date.now());
    context.log.info(`publishing access of ${name} on ${registryHost(registryUrl)} set to ${choice.mode}`);
    await context.afterAction();
    tell(context, 'info', t('Publishing access of {0}: {1}.', name, publishingAccessModeShort(choice.mode, t)));
  } catch (error) {
    await context.afterAction();
    throw error; // told by the wrapper, as the registry's answer to set-access
  }
}
