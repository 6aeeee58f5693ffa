// The HTTP layer under every Kore call: how a failed request becomes an exchange, by how far it had got.
// Exchanges over real sockets are tested where their meaning is decided (sendPhase, networkFailures,
// contactListClient.faults); these pin the classification itself.
import * as assert from 'node:assert/strict';
import { deleteOutcomeOf } from '../../src/core/failures/deleteOutcome';
import { failureExchange } from '../../src/core/api/koreHttp';
import { resultOf } from '../support/koreResults';

describe('koreHttp', () => {
  describe('a proxy agent\'s own error', () => {
    const tunnelRefused = () => new Error('request to https://kore.example.test/x failed, reason: Proxy connection ended before receiving CONNECT response');
    it('is the proxy refusing the tunnel (nothing sent) only before the request had a ready connection', () => {
      for (const phase of ['unobserved', 'connecting', 'securing'] as const) {
        const exchange = failureExchange(tunnelRefused(), 1, phase);
        assert.equal(exchange.kind, 'proxy', phase);
        assert.equal(deleteOutcomeOf(resultOf(exchange, { request: { method: 'DELETE', url: 'https://kore.example.test/x', headers: {} } })), 'failed');
      }
      for (const phase of ['writing', 'written', 'answered'] as const) {
        const exchange = failureExchange(tunnelRefused(), 1, phase);
        assert.equal(exchange.kind === 'network' && exchange.phase, phase);
        assert.equal(deleteOutcomeOf(resultOf(exchange, { request: { method: 'DELETE', url: 'https://kore.example.test/x', headers: {} } })), 'unknown');
      }
    });
  });
});
