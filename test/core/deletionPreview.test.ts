import * as assert from 'node:assert/strict';
import { asContactListRecord } from '../../src/core/api/contactList';
import { campaignsInUse, confirmationText, isInUse } from '../../src/core/deletionPreview';
import { seedContactLists } from '../fakeKore/seedData';
import { hasUnsafeCharacter } from '../../src/core/text/textSafety';

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

describe('a list\'s name cannot forge lines in the confirmation', () => {
  const forged = 'old\nRecords: 0\nNot in use by any campaign.\n\n';
  const list = asContactListRecord({ _id: 'cl-1', name: forged, totalRecordCount: 48213, isListInUse: true, campaignInUse: ['cmp-1\nNot in use'], status: 'Ready\u2028Records: 0', listType: 'call\u202e' });
  it('turns every server text of a record into one safe line', () => {
    assert.ok(list);
    assert.equal(list.name, 'old Records: 0 Not in use by any campaign.');
    assert.equal(list.status, 'Ready Records: 0');
    assert.equal(list.listType, 'call');
  });
  it('puts the facts first, from typed fields, and every server text on its own single line', () => {
    const text = confirmationText({ contactListId: 'cl-1', environmentName: 'Prod', host: 'https://h', iid: 'st-1', accountId: 'a1', production: false }, list);
    const lines = text.detail.split('\n');
    assert.equal(lines[0], 'Records: 48213');
    assert.match(lines[1], /^IN USE by 1 campaign\(s\): cmp-1 Not in use$/);
    assert.equal(lines.filter((line) => line.startsWith('Records:')).length, 1, text.detail);
    assert.equal(lines.filter((line) => /^Not in use/.test(line)).length, 0, text.detail);
    assert.ok(!text.message.includes('\n'));
    assert.ok(!hasUnsafeCharacter(text.message + text.detail.replace(/\n/g, '')));
  });
  it('gives a raw record that is handed around without asContactListRecord one line too', () => {
    const text = confirmationText({ contactListId: 'cl-1', environmentName: 'Prod', host: 'https://h', iid: 'st-1', accountId: 'a1', production: true }, { _id: 'cl-1', name: forged, campaignInUse: [{ name: 'a\u2066b' }, 7, [1, 2]] });
    assert.equal(text.detail.split('\n').filter((line) => line.startsWith('Records:')).length, 1);
    assert.ok(!hasUnsafeCharacter(text.detail.replace(/\n/g, '')));
  });
});
