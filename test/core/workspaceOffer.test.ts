// What a workspace's `.vscode/kore-environments.json` offers: the importer's verdict, minus what the user has.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Environment } from '../../src/core/environments/environment';
import { TRANSFER_FORMAT, importEnvironments } from '../../src/core/environments/environmentTransfer';
import { hasUnsafeCharacter } from '../../src/core/text/textSafety';
import { offerImportText, readWorkspaceOffer } from '../../src/core/environments/workspaceOffer';
import { propertyParameters } from '../support/propertyRuns';

const fileWith = (environments: unknown) => JSON.stringify({ format: TRANSFER_FORMAT, version: 1, environments });
const us = { name: 'Production US', host: 'https://platform.kore.ai', iid: 'st-0603182c-7ffb-53c3-b307-47ca14b90001', accountId: '67777ce93e25326494e90001', production: true };
const de = { name: 'Staging DE', host: 'de-platform.kore.ai', iid: 'st-2', accountId: 'acc2' };
const mine: Environment = { id: 'mine-1', name: 'Production US', host: 'https://platform.kore.ai', iid: us.iid, accountId: us.accountId, production: true };

describe('workspaceOffer', () => {
  it('offers every valid environment of the file when the user has none, normalised as the importer does', () => {
    const offer = readWorkspaceOffer(fileWith([us, de]), []);
    assert.deepEqual(
      offer.offered.map(({ id: _id, ...fields }) => fields),
      [
        { name: 'Production US', host: 'https://platform.kore.ai', iid: us.iid, accountId: us.accountId, production: true },
        { name: 'Staging DE', host: 'https://de-platform.kore.ai', iid: 'st-2', accountId: 'acc2' },
      ],
    );
    assert.equal(offer.alreadyPresent, 0);
    assert.deepEqual(offer.problems, []);
  });

  it('does not offer an environment the user already has (same name, whatever its case, host and ids), and says nothing about it', () => {
    const offer = readWorkspaceOffer(fileWith([{ ...us, name: 'production us' }, de]), [mine]);
    assert.deepEqual(offer.offered.map((environment) => environment.name), ['Staging DE']);
    assert.equal(offer.alreadyPresent, 1);
    assert.deepEqual(offer.problems, [], 'an environment already present is not a problem');
  });

  it('offers nothing when every environment is present', () => {
    const offer = readWorkspaceOffer(fileWith([us]), [mine]);
    assert.deepEqual(offer.offered, []);
    assert.equal(offer.alreadyPresent, 1);
  });

  it('does not offer, and reports, an entry whose name is taken by another environment of the user (other host)', () => {
    const offer = readWorkspaceOffer(fileWith([{ ...us, host: 'https://attacker.example' }]), [mine]);
    assert.deepEqual(offer.offered, []);
    assert.equal(offer.alreadyPresent, 0);
    assert.equal(offer.problems.length, 1);
    assert.match(offer.problems[0], /^"Production US": /);
  });

  it('offers issue 18\'s look-alike "Prօduction US" (Armenian օ) at platform-kore.ai only with a warning naming the environment it imitates', () => {
    const offer = readWorkspaceOffer(fileWith([{ ...us, name: 'Prօduction US', host: 'platform-kore.ai' }]), [mine]);
    assert.equal(offer.warnings.length, 1, 'never offered silently');
    assert.match(offer.warnings[0], /^"Prօduction US" mixes letters of (Latin, Armenian|Armenian, Latin) and reads like your environment "Production US" \(https:\/\/platform\.kore\.ai\): it is another environment, at https:\/\/platform-kore\.ai\.$/);
  });

  it('warns about every look-alike of the issue, and about an internationalised (xn--) host, but not about plain names', () => {
    for (const name of ['Prodսction US', 'Productioո US', 'Production UՍ', 'Proгuction US', 'Production UᏚ']) {
      const offer = readWorkspaceOffer(fileWith([{ ...us, name, host: 'platform-kore.ai' }]), [mine]);
      assert.equal(offer.offered.length + offer.problems.length, 1, name);
      if (offer.offered.length === 1) assert.equal(offer.warnings.length, 1, `${name} was offered silently`);
    }
    assert.deepEqual(readWorkspaceOffer(fileWith([de]), [mine]).warnings, []);
    const punycode = readWorkspaceOffer(fileWith([{ ...de, host: 'xn--pltform-kore-bkb.ai' }]), [mine]);
    assert.equal(punycode.warnings.length, 1);
    assert.match(punycode.warnings[0], /xn--pltform-kore-bkb\.ai, an internationalised host name/);
  });

  it('reports a secret-carrying or invalid entry and offers the rest', () => {
    const offer = readWorkspaceOffer(fileWith([{ ...de, clientSecret: 'shh-do-not-repeat' }, { name: 'No host', iid: 'st-9', accountId: 'a9' }, us]), []);
    assert.deepEqual(offer.offered.map((environment) => environment.name), ['Production US']);
    assert.equal(offer.problems.length, 2);
    assert.match(offer.problems[0], /"Staging DE": .*clientSecret/);
    assert.ok(!offer.problems.join('\n').includes('shh-do-not-repeat'), 'a secret value is never repeated');
    assert.match(offer.problems[1], /"No host": .*host/);
  });

  it('turns a file that cannot be read into one problem and no offer', () => {
    for (const text of ['{', '{"format":"something else"}', 'x'.repeat(1024 * 1024 + 1)]) {
      const offer = readWorkspaceOffer(text, []);
      assert.deepEqual(offer.offered, []);
      assert.equal(offer.problems.length, 1, text.slice(0, 20));
    }
  });

  it('hands the importer exactly the offered environments, which it accepts as they were listed', () => {
    const offer = readWorkspaceOffer(fileWith([us, de]), [{ ...mine, name: 'Other', host: 'https://jp-platform.kore.ai' }]);
    const imported = importEnvironments(offerImportText(offer), [], () => 'fresh');
    assert.deepEqual(imported.rejected, []);
    assert.deepEqual(
      imported.accepted.map(({ id: _id, ...fields }) => fields),
      offer.offered.map(({ id: _id, ...fields }) => fields),
    );
  });

  describe('properties', () => {
    const environment = fc.record({
      name: fc.constantFrom('Production US', 'Sandbox', 'Staging DE', 'QA', 'Prоduction US', 'sandbox'),
      host: fc.constantFrom('https://platform.kore.ai', 'https://de-platform.kore.ai', 'http://127.0.0.1:4010'),
      iid: fc.constantFrom('st-1', 'st-2'),
      accountId: fc.constantFrom('a1', 'a2'),
      production: fc.boolean(),
    });
    const hostileText = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('\u202e', '\n', '\u2028', '\u200b'));
    const hostileEntry = fc.record({ name: hostileText, host: hostileText, iid: hostileText, accountId: hostileText, token: hostileText }, { requiredKeys: ['name'] });

    it('never offers what the user has or what the importer would refuse; every problem is one clean line', () => {
      fc.assert(
        fc.property(fc.array(fc.oneof(environment, hostileEntry), { maxLength: 6 }), fc.array(environment, { maxLength: 3 }), (entries, owned) => {
          const existing: Environment[] = [];
          for (const [index, candidate] of owned.entries()) {
            const accepted = importEnvironments(fileWith([candidate]), existing, () => `own-${index}`).accepted;
            existing.push(...accepted);
          }
          const offer = readWorkspaceOffer(fileWith(entries), existing);
          // Accepting the offer imports every offered environment and nothing else, against the user's list.
          const imported = importEnvironments(offerImportText(offer), existing, () => 'fresh');
          assert.deepEqual(imported.rejected, []);
          assert.equal(imported.accepted.length, offer.offered.length);
          for (const offered of offer.offered) {
            assert.ok(!existing.some((own) => own.host === offered.host && own.iid === offered.iid && own.accountId === offered.accountId && own.name.toLowerCase() === offered.name.toLowerCase()));
          }
          for (const problem of offer.problems) assert.ok(problem.trim() !== '' && !/[\r\n]/.test(problem) && !hasUnsafeCharacter(problem), JSON.stringify(problem));
          // Every valid entry of the file is offered, already present, or a reported problem: none vanishes.
          const validAlone = importEnvironments(fileWith(entries), [], () => 'x').accepted.length;
          assert.ok(offer.offered.length + offer.alreadyPresent <= validAlone);
          assert.equal(offer.offered.length + offer.alreadyPresent + offer.problems.length >= validAlone, true);
        }),
        propertyParameters(),
      );
    });
  });
});
