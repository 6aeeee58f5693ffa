// What a DELETE's result means for the list, in one place for single and bulk deletes, the audit trail and
// the messages: deleted, failed (not deleted, as far as anyone can know), or unknown (it may have been). Which
// failure is which is a column of failureTable.
import { isRouteNotFound } from '../api/dialectDetection';
import { failureOf } from './failureTable';
import { KoreCallResult } from '../api/koreResult';

/** The one outcome type: single and bulk deletes, the audit trail, the report and the messages all use it. */
export const DELETE_OUTCOMES = ['deleted', 'failed', 'unknown'] as const;
export type DeleteOutcome = (typeof DELETE_OUTCOMES)[number];

/** For values read back from a file (the audit trail): anything else is not an outcome. */
export function isDeleteOutcome(value: unknown): value is DeleteOutcome {
  return (DELETE_OUTCOMES as readonly unknown[]).includes(value);
}

/** Deleted when the call succeeded; otherwise the outcome of its row in failureTable. */
export function deleteOutcomeOf(result: KoreCallResult): DeleteOutcome {
  return failureOf(result)?.row.outcome ?? 'deleted';
}

/**
 * What a look-up (GET) of a list says: the API's own 404 is gone, a success is still there, anything else tells
 * nothing. A 404 for the address itself (an HTML page, an empty body, a gateway's JSON) means this form of the API
 * is not served there (the wrong dialect, a wrong host): it says nothing about the list, so it is never "gone".
 */
export type LookUpOutcome = 'gone' | 'exists' | 'unknown';

/**
 * Before a DELETE whose earlier outcome is unknown is sent again, the list is looked up: gone means the earlier
 * DELETE (or someone) removed it, and it must not be sent again; only a list that still exists may be.
 */
export function lookUpOutcomeOf(result: KoreCallResult): LookUpOutcome {
  if (result.exchange.kind === 'response' && result.exchange.status === 404) return isRouteNotFound(result) ? 'unknown' : 'gone';
  return result.ok ? 'exists' : 'unknown';
}
