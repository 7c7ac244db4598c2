// How a package's publishing access reads in the tooltip, the label and the details: the mode, how
// sure we are, and how we know.
import { humanAgo, type Localize } from '../base/localize';
import type { PublishingAccess, PublishingAccessMode } from '../base/model';
import { publishingAccessModeLabel } from '../base/publishingAccessWords';

/** How the mode reads in the UI: its label, how sure we are, and the one line that says how we know. */
export interface PublishingAccessDescription {
  mode?: PublishingAccessMode;
  certainty: 'known' | 'likely' | 'unknown';
  label: string;
  source: string;
}

export function describePublishingAccess(access: PublishingAccess, now: number, localize: Localize): PublishingAccessDescription {
  switch (access.state) {
    case 'unknown':
      return { certainty: 'unknown', label: localize('Unknown'), source: access.why };
    case 'likely-default':
      return {
        mode: access.mode,
        certainty: 'likely',
        label: publishingAccessModeLabel(access.mode, localize),
        source: localize('Likely npm\'s default: first published {0}, after the 2025-12-09 change. npm offers no way to confirm it.',
          access.firstPublished.slice(0, 10)),
      };
    case 'known': {
      const label = publishingAccessModeLabel(access.mode, localize);
      const { source } = access;
      switch (source.kind) {
        case 'set-by-extension':
          return { mode: access.mode, certainty: 'known', label, source: localize('Set by this extension {0}.', humanAgo(source.at, now, localize)) };
        case 'registry-answer':
          return { mode: access.mode, certainty: 'known', label, source: localize('Learned {0} from a registry answer: {1}.', humanAgo(source.at, now, localize), source.what) };
        case 'declared':
          return { mode: access.mode, certainty: 'known', label, source: localize('Declared in your settings.') };
      }
    }
  }
}
