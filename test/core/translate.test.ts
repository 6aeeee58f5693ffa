// formatTemplate fills placeholders as vscode.l10n.t does without a translation.
import * as assert from 'node:assert/strict';
import { formatTemplate } from '../../src/core/translate';

describe('formatTemplate', () => {
  it('fills numbered placeholders and leaves unknown ones', () => {
    assert.equal(formatTemplate('{0} and {1} and {2}', 'a', 3), 'a and 3 and {2}');
  });
});
