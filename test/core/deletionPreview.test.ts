import * as assert from 'node:assert/strict';
import { asContactListRecord } from '../../src/core/contactList';
import { campaignsInUse, confirmationText, isInUse } from '../../src/core/deletionPreview';
import { seedContactLists } from '../fakeKore/seedData';

const [renewal, , winBack] = seedContactLists().map((list) => asContactListRecord(list)!);
const target = { contactListId: renewal._id, environmentName: 'Prod US', host: 'https://platform.kore.ai', iid: 'st-1', accountId: 'a1', production: false };

describe('confirmationText', () => {
  it('names the list, its size, status, type and where it lives', () => {
    const text = confirmationText(target, renewal);
    assert.equal(text.message, 'Delete contact list "Renewal Due - August 2025" from "Prod US"?');
    for (const line of ['Name: Renewal Due - August 2025', `Contact list: ${renewal._id}`, 'Records: 0', 'Status: Ready · Type: call', 'Not in use by any campaign.', 'Environment: Prod US', 'Host: https://platform.kore.ai', 'App ID (IID): st-1 · Account ID: a1', 'This cannot be undone.']) {
      assert.ok(text.detail.includes(line), line);
    }
  });
  it('says plainly when the list is in use, and by which campaigns', () => {
    assert.equal(isInUse(winBack), true);
    assert.match(confirmationText({ ...target, contactListId: winBack._id }, winBack).detail, /IN USE by 1 campaign\(s\): cmp-2f0c7e1/);
    assert.deepEqual(campaignsInUse({ _id: 'x', campaignInUse: [{ name: 'Spring' }, { _id: 'cmp-2' }, 'cmp-3'] }), ['Spring', 'cmp-2', 'cmp-3']);
    assert.equal(isInUse({ _id: 'x', isListInUse: true }), true);
  });
  it('marks production and works without details', () => {
    const text = confirmationText({ ...target, production: true }, undefined);
    assert.equal(text.message, `Delete contact list "${renewal._id}" from PRODUCTION environment "Prod US"?`);
    assert.match(text.detail, /could not be looked up/);
    assert.match(text.detail, /Environment: Prod US \(production\)/);
  });
});
