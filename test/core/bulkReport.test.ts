// The bulk report: its summary line and the plain object saved and shown.
import * as assert from 'node:assert/strict';
import { withMarkedTranslation } from '../support/markedTranslation';
import { BulkDeletionReport, formatBulkReport, summariseBulkReport } from '../../src/core/bulk/report';

describe('formatBulkReport', () => {
  const report: BulkDeletionReport = {
    total: 16,
    succeeded: Array.from({ length: 12 }, (_, i) => ({ id: `cl-${i}`, serverMessage: `Contact list ${i} deleted successfully`, attempts: 1 })),
    failed: [{ id: 'cl-x', reason: 'Not found (HTTP 404).', status: 404, attempts: 1 }],
    unknown: [],
    notAttempted: ['cl-p', 'cl-q', 'cl-r'],
    cancelled: true,
    durationMs: 12_345,
  };

  it('gives the short summary line', () => {
    assert.equal(summariseBulkReport(report), '12 succeeded, 1 failed, 0 unknown, 3 not attempted');
    assert.equal(formatBulkReport(report).summary, '12 succeeded, 1 failed, 0 unknown, 3 not attempted');
  });

  it('gives a plain object that survives JSON unchanged', () => {
    const { json } = formatBulkReport(report);
    assert.deepEqual(JSON.parse(JSON.stringify(json)), json);
    assert.deepEqual(json.counts, { succeeded: 12, failed: 1, unknown: 0, notAttempted: 3 });
    assert.equal(json.summary, '12 succeeded, 1 failed, 0 unknown, 3 not attempted');
    assert.equal(json.cancelled, true);
    assert.equal(json.failed[0].status, 404);
    assert.equal('stoppedEarly' in json, false);
    assert.notEqual(json.succeeded, report.succeeded, 'a copy, not the report itself');
  });

  it('words the summary through l10n.t, in the display language', () => {
    assert.equal(withMarkedTranslation('[de]', () => summariseBulkReport(report)), '[de] 12 succeeded, 1 failed, 0 unknown, 3 not attempted');
  });
});
