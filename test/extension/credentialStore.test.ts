// The SecretStorage keys of credentials: the VS Code layer's business (the core knows no storage key), so they
// are tested here, where `vscode` can be loaded.
import * as assert from 'node:assert/strict';
import { credentialKey, environmentIdOfKey } from '../../src/vscode/shared/credentialStore';

describe('credential keys', () => {
  it('derives the key from the environment id and back', () => {
    assert.equal(environmentIdOfKey(credentialKey('env-1')), 'env-1');
    assert.equal(environmentIdOfKey('other.key'), undefined);
  });
});
