// What the confirmation says about the list about to be deleted, from the Get Contact List Details answer:
// users confirm a name and a record count far more reliably than an opaque id.
import { ContactListRecord } from './contactList';
import { Translate, formatTemplate } from './translate';

export interface PreviewTarget {
  readonly contactListId: string;
  readonly environmentName: string;
  readonly host: string;
  readonly iid: string;
  readonly accountId: string;
  readonly production: boolean;
}

export interface ConfirmationText {
  readonly message: string;
  readonly detail: string;
}

/** Campaign ids (or names) using the list. The API documents ids; objects are tolerated for other variants. */
export function campaignsInUse(list: ContactListRecord): string[] {
  return (list.campaignInUse ?? []).map((campaign) => {
    if (typeof campaign === 'string') return campaign;
    if (typeof campaign === 'object' && campaign !== null) {
      const record = campaign as Record<string, unknown>;
      const label = [record.name, record._id, record.id].find((value) => typeof value === 'string');
      return typeof label === 'string' ? label : JSON.stringify(campaign);
    }
    return JSON.stringify(campaign);
  });
}

export function isInUse(list: ContactListRecord): boolean {
  return list.isListInUse === true || campaignsInUse(list).length > 0;
}

/**
 * The modal's title and body. `list` is undefined when the preview could not be had and the user chose to go on.
 */
export function confirmationText(target: PreviewTarget, list: ContactListRecord | undefined, t: Translate = formatTemplate): ConfirmationText {
  const where = target.production
    ? t('Delete contact list "{0}" from PRODUCTION environment "{1}"?', list?.name ?? target.contactListId, target.environmentName)
    : t('Delete contact list "{0}" from "{1}"?', list?.name ?? target.contactListId, target.environmentName);
  const lines: string[] = [];
  if (list) {
    lines.push(t('Name: {0}', list.name ?? t('(none)')));
    lines.push(t('Contact list: {0}', target.contactListId));
    lines.push(t('Records: {0}', list.totalRecordCount ?? t('unknown')));
    lines.push(t('Status: {0} · Type: {1}', list.status ?? t('unknown'), list.listType ?? t('unknown')));
    if (isInUse(list)) {
      const campaigns = campaignsInUse(list);
      lines.push(
        campaigns.length > 0
          ? t('IN USE by {0} campaign(s): {1}', campaigns.length, campaigns.join(', '))
          : t('IN USE by a campaign.'),
      );
    } else {
      lines.push(t('Not in use by any campaign.'));
    }
  } else {
    lines.push(t('Contact list: {0}', target.contactListId));
    lines.push(t('Its details could not be looked up, so its name and size are unknown.'));
  }
  lines.push('');
  lines.push(t('Environment: {0}{1}', target.environmentName, target.production ? t(' (production)') : ''));
  lines.push(t('Host: {0}', target.host));
  lines.push(t('App ID (IID): {0} · Account ID: {1}', target.iid, target.accountId));
  lines.push('');
  lines.push(t('The list and its contacts are deleted on the server. This cannot be undone.'));
  return { message: where, detail: lines.join('\n') };
}
