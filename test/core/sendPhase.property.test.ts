// Properties of "never sent": for any error code in any phase, a DELETE is failed (nothing left) exactly when
// the request never had a ready connection, and every reader of the result (the outcome, the bulk verdict, the
// sentence, the network-settings offer) agrees. Any redirect after a DELETE is unknown, never failed.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { judge } from '../../src/core/bulk/verdict';
import { deleteOutcomeOf } from '../../src/core/failures/deleteOutcome';
import { SEND_PHASES, neverSentIn } from '../../src/core/failures/networkFailure';
import { describeDeleteResult, pointsAtNetworkSettings } from '../../src/core/failures/resultMessages';
import { propertyParameters, propertyTimeoutMs } from '../support/propertyRuns';
import { resultOf } from '../support/koreResults';

const request = { method: 'DELETE', url: 'https://platform.kore.ai/agentassist/api/v1/public/st-1/campaign/contactList/cl-1', headers: { auth: '<redacted>' } };
const context = { contactListId: 'cl-1', environmentName: 'Prod US', host: 'https://platform.kore.ai', timeoutSeconds: 30 };

/** Codes Node and OpenSSL give, and any other code-shaped word. */
const KNOWN_CODES = [
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EPIPE', 'EPROTO', 'ECONNABORTED',
  'ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_STREAM_PREMATURE_CLOSE', 'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNKNOWN', 'ESYSTEM',
];
const code = fc.oneof(fc.constantFrom(...KNOWN_CODES), fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789'), minLength: 1, maxLength: 40 }));
const phase = fc.constantFrom(...SEND_PHASES);

describe('properties: "never sent" follows the phase, never the code', function () {
  this.timeout(propertyTimeoutMs());

  it('a failed connection is failed exactly when it ended before the request was written, and every reader agrees', () => {
    fc.assert(
      fc.property(code, phase, (failedWith, reached) => {
        const result = resultOf({ kind: 'network', code: failedWith, detail: `reason: ${failedWith}`, phase: reached, durationMs: 1 }, { request });
        const before = neverSentIn(reached);
        assert.equal(before, reached === 'connecting' || reached === 'securing');
        assert.equal(deleteOutcomeOf(result), before ? 'failed' : 'unknown');
        const verdict = judge(result);
        const sentence = describeDeleteResult(result, context);
        if (before) {
          assert.ok(verdict.kind === 'failed', JSON.stringify(verdict));
          assert.doesNotMatch(sentence, /unknown/);
        } else {
          // Retried after a look-up (a connection that broke) or left unknown: never failed, never "not sent".
          assert.ok(verdict.kind === 'unknown' || (verdict.kind === 'retry' && verdict.ambiguous), JSON.stringify(verdict));
          assert.match(sentence, /whether contact list cl-1 was deleted is unknown/);
          assert.doesNotMatch(sentence, /nothing was sent|was not deleted|certificate|NODE_EXTRA_CA_CERTS/i);
          assert.equal(pointsAtNetworkSettings(result), false);
        }
      }),
      propertyParameters(),
    );
  });

  it('a redirect after a DELETE is unknown, never failed, and says so', () => {
    fc.assert(
      fc.property(fc.integer({ min: 300, max: 399 }), fc.option(fc.webUrl(), { nil: undefined }), (status, location) => {
        const result = resultOf({ kind: 'redirect', status, location, durationMs: 1 }, { request });
        assert.equal(deleteOutcomeOf(result), 'unknown');
        const verdict = judge(result);
        assert.ok(verdict.kind === 'unknown' && /unknown/.test(verdict.reason), JSON.stringify(verdict));
        assert.match(describeDeleteResult(result, context), /whether contact list cl-1 was deleted is unknown/);
      }),
      propertyParameters(),
    );
  });
});
