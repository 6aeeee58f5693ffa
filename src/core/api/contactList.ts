// The contact list record as the Delete/Get Contact List Details APIs return it in `data`.
// Only what the extension reads is typed strictly; everything else is kept as received.
// The typed text fields are shown in dialogs, labels and tooltips, so they are made one safe line here, where
// every record enters the extension; the server's answer itself is kept untouched for the response editor.
import { oneLine } from '../text/textSafety';
import { validateContactListId } from '../input/validation';

export interface ContactListRecord {
  readonly _id: string;
  readonly name?: string;
  readonly description?: string;
  readonly totalRecordCount?: number;
  readonly status?: string;
  readonly listType?: string;
  readonly isListInUse?: boolean;
  readonly campaignInUse?: readonly unknown[];
  readonly iId?: string;
  readonly accountId?: string;
  readonly createdAt?: string;
  readonly updatedAt?: string;
  readonly [field: string]: unknown;
}

/** The envelope every API of the family answers with. `status` is `"success"` or `"failure"`. */
export interface KoreEnvelope {
  readonly status?: unknown;
  readonly message?: unknown;
  readonly data?: unknown;
  readonly [field: string]: unknown;
}

const OPTIONAL_TYPES: Record<string, 'string' | 'number' | 'boolean'> = {
  name: 'string',
  description: 'string',
  totalRecordCount: 'number',
  status: 'string',
  listType: 'string',
  isListInUse: 'boolean',
  iId: 'string',
  accountId: 'string',
  createdAt: 'string',
  updatedAt: 'string',
};

/** A name longer than this is cut in dialogs and labels; the full record stays in the response editor. */
const MAX_SHOWN_FIELD = 200;

/**
 * Returns `data` as a record when it has the documented shape; otherwise undefined (older API variants send
 * none). The `_id` must be an id the extension would accept from a user (it may be sent back in a DELETE), and
 * every typed text field is one safe line.
 */
export function asContactListRecord(data: unknown): ContactListRecord | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const record = data as Record<string, unknown>;
  if (typeof record._id !== 'string' || validateContactListId(record._id) !== undefined) return undefined;
  // One field of an unexpected type (a null description, say) must not hide the whole list: it is dropped.
  const cleaned: Record<string, unknown> = { ...record };
  for (const [field, type] of Object.entries(OPTIONAL_TYPES)) {
    const value = cleaned[field];
    if (value === undefined) continue;
    if (typeof value !== type || (type === 'number' && !Number.isFinite(value))) delete cleaned[field];
    else if (typeof value === 'string') cleaned[field] = oneLine(value, MAX_SHOWN_FIELD);
  }
  if (cleaned.campaignInUse !== undefined && !Array.isArray(cleaned.campaignInUse)) delete cleaned.campaignInUse;
  return cleaned as ContactListRecord;
}
