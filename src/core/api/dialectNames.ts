// The dialects' names as users read them, in the core's sentences and the UI's pick, tooltip and messages alike.
import * as l10n from '@vscode/l10n';
import { ApiDialect, dialectOf } from './koreApiPaths';

export function dialectName(dialect: ApiDialect | undefined): string {
  switch (dialectOf({ dialect })) {
    case 'v1':
      return l10n.t('v1');
    case 'v1-legacy':
      return l10n.t('v1 legacy');
    case 'v2':
      return l10n.t('v2 (AI for Service)');
  }
}
