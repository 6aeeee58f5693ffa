// Where a run starts from what an earlier run decided: which ids keep their earlier outcome, which must be looked
// up before any DELETE (only ever those an earlier run left unknown, or never decided), and which to send.
import { BulkDeletionOptions } from './options';
import { IdOutcome } from './report';

export interface StartingPoint {
  /** Every unique id, in the order given: a repeated id would be deleted and then answer 404. */
  readonly order: readonly string[];
  /** Ids an earlier run decided, with that outcome: not sent again. */
  readonly earlier: ReadonlyMap<string, IdOutcome>;
  /** Ids to look up before any DELETE, with the outcome the earlier run left them with. */
  readonly lookUpFirst: ReadonlyMap<string, IdOutcome>;
  /** The ids this run works on, in order; workers take them from the front. */
  readonly queue: string[];
}

export function startingPoint(options: Pick<BulkDeletionOptions, 'ids' | 'completed' | 'lookUpFirst'>): StartingPoint {
  const order = [...new Set(options.ids)];
  const earlier = new Map<string, IdOutcome>();
  const lookUpFirst = new Map<string, IdOutcome>();
  for (const id of order) {
    const decided = earlierOutcome(options.completed, id);
    const toLookUp = options.lookUpFirst?.get(id);
    if (toLookUp !== undefined && (decided === undefined || decided.kind === 'unknown' || decided.kind === 'notAttempted')) {
      lookUpFirst.set(id, decided?.kind === 'unknown' ? decided : toLookUp);
    } else if (decided && decided.kind !== 'notAttempted') {
      earlier.set(id, decided);
    }
  }
  return { order, earlier, lookUpFirst, queue: order.filter((id) => !earlier.has(id)) };
}

function earlierOutcome(completed: BulkDeletionOptions['completed'], id: string): IdOutcome | undefined {
  if (!completed) return undefined;
  if (completed instanceof Map) return (completed as ReadonlyMap<string, IdOutcome>).get(id);
  return completed.has(id) ? { kind: 'succeeded', attempts: 0 } : undefined;
}
