// What the confirmation says about the list about to be deleted, from the Get Contact List Details answer:
// users confirm a name and a record count far more reliably than an opaque id.
import * as l10n from '@vscode/l10n';
import { ContactListRecord } from './api/contactList';
import { oneLine, serverText } from './text/textSafety';

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

/** A campaign's label in a dialog: short, so that many of them cannot push the facts out of sight. */
const MAX_CAMPAIGN_LABEL = 80;
/** Campaigns named in a confirmation; the rest are counted. */
const MAX_CAMPAIGNS_SHOWN = 5;
/** The name in a dialog's title. */
const MAX_TITLE_NAME = 80;

/**
 * Campaign ids (or names) using the list, each one safe line. The API documents ids; objects are tolerated for
 * other variants, and anything else is shown as a short JSON text (which JSON.stringify cannot fail on here:
 * such values come from JSON.parse, and a deeply nested one is cut by the length cap after a shallow look).
 */
export function campaignsInUse(list: ContactListRecord): string[] {
  return (list.campaignInUse ?? []).map((campaign) => oneLine(campaignLabel(campaign), MAX_CAMPAIGN_LABEL));
}

function campaignLabel(campaign: unknown): string {
  if (typeof campaign === 'string') return campaign;
  if (typeof campaign === 'object' && campaign !== null) {
    const record = campaign as Record<string, unknown>;
    const label = [record.name, record._id, record.id].find((value) => typeof value === 'string');
    if (typeof label === 'string') return label;
    return Array.isArray(campaign) ? `[${campaign.length} item(s)]` : `{${Object.keys(record).slice(0, 5).join(', ')}}`;
  }
  return String(campaign);
}

export function isInUse(list: ContactListRecord): boolean {
  return list.isListInUse === true || (list.campaignInUse ?? []).length > 0;
}

/**
 * The modal's title and body. `list` is undefined when the preview could not be had and the user chose to go on.
 * The facts the user decides on (records, campaigns in use, status) come first, from typed fields; free text
 * from the server (the name) comes after them and is one line, so it cannot forge or push away a fact.
 */
export function confirmationText(target: PreviewTarget, list: ContactListRecord | undefined): ConfirmationText {
  // serverText: the name's own quotes are neutralised, so it cannot close the title's quotes and speak in its voice.
  const shownName = list?.name ? serverText(list.name, MAX_TITLE_NAME) : '';
  const where = target.production
    ? l10n.t('Delete contact list "{0}" from PRODUCTION environment "{1}"?', shownName || target.contactListId, target.environmentName)
    : l10n.t('Delete contact list "{0}" from "{1}"?', shownName || target.contactListId, target.environmentName);
  const lines: string[] = [];
  if (list) {
    lines.push(l10n.t('Records: {0}', list.totalRecordCount ?? l10n.t('unknown')));
    if (isInUse(list)) {
      const campaigns = campaignsInUse(list);
      const shown = campaigns.slice(0, MAX_CAMPAIGNS_SHOWN).join(', ');
      const more = campaigns.length > MAX_CAMPAIGNS_SHOWN ? l10n.t(' and {0} more', campaigns.length - MAX_CAMPAIGNS_SHOWN) : '';
      lines.push(campaigns.length > 0 ? l10n.t('IN USE by {0} campaign(s): {1}{2}', campaigns.length, shown, more) : l10n.t('IN USE by a campaign.'));
    } else {
      lines.push(l10n.t('Not in use by any campaign.'));
    }
    lines.push(l10n.t('Status: {0} · Type: {1}', oneLine(list.status ?? '') || l10n.t('unknown'), oneLine(list.listType ?? '') || l10n.t('unknown')));
    lines.push(l10n.t('Contact list: {0}', target.contactListId));
    lines.push(l10n.t('Name: {0}', serverText(list.name ?? '') || l10n.t('(none)')));
  } else {
    lines.push(l10n.t('Contact list: {0}', target.contactListId));
    lines.push(l10n.t('Its details could not be looked up, so its name and size are unknown.'));
  }
  lines.push('');
  lines.push(l10n.t('Environment: {0}{1}', target.environmentName, target.production ? l10n.t(' (production)') : ''));
  lines.push(l10n.t('Host: {0}', target.host));
  lines.push(l10n.t('App ID (IID): {0} · Account ID: {1}', target.iid, target.accountId));
  lines.push('');
  lines.push(l10n.t('The list and its contacts are deleted on the server. This cannot be undone.'));
  return { message: where, detail: lines.join('\n') };
}
