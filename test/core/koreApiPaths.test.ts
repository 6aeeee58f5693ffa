// The documented contact-list URL, built from host, App ID and id.
import * as assert from 'node:assert/strict';
import { contactListPath, contactListUrl } from '../../src/core/koreApiPaths';

describe('koreApiPaths', () => {
  it('builds the documented delete URL', () => {
    assert.equal(
      contactListUrl('https://platform.kore.ai', 'st-1', 'cl-2'),
      'https://platform.kore.ai/agentassist/api/v1/public/st-1/campaign/contactList/cl-2',
    );
  });
  it('encodes the id and tolerates a trailing slash on the host', () => {
    assert.equal(contactListUrl('https://h/', 'st-1', 'a b'), 'https://h/agentassist/api/v1/public/st-1/campaign/contactList/a%20b');
    assert.equal(contactListPath('st-1', 'x?y'), '/agentassist/api/v1/public/st-1/campaign/contactList/x%3Fy');
  });
});
