// The HTTP layer under every Kore call: which failures are the proxy's own (nothing reached Kore.ai), and how
// far a failed request had got. Exchanges over real sockets are tested where their meaning is decided
// (sendPhase, networkFailures, contactListClient.faults); these pin the classification itself.
import * as assert from 'node:assert/strict';
import { deleteOutcomeOf } from '../../src/core/deleteOutcome';
import { failureExchange, isProxyFailure } from '../../src/core/koreHttp';
import { resultOf } from '../support/koreResults';

describe('koreHttp', () => {
  it('recognises the proxy agents\' own errors, and only those', () => {
    // https-proxy-agent 7 (under @vscode/proxy-agent) and @vscode/proxy-agent itself, as node-fetch wraps them.
    assert.ok(isProxyFailure('request to https://h/x failed, reason: Proxy connection ended before receiving CONNECT response'));
    assert.ok(isProxyFailure('request to https://h/x failed, reason: No header received from proxy CONNECT response'));
    assert.ok(isProxyFailure('request to https://h/x failed, reason: Invalid header from proxy CONNECT response: "x"'));
    assert.ok(isProxyFailure('Failed to establish a socket connection to proxies: ["PROXY 127.0.0.1:1"]'));
    assert.ok(!isProxyFailure('request to https://h/x failed, reason: connect ECONNREFUSED 127.0.0.1:443'));
    assert.ok(!isProxyFailure('request to https://h/x failed, reason: socket hang up'));
  });

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
