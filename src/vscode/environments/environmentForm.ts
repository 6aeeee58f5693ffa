// The environment form of Add and Edit Environment: name, region or host, App ID, Account ID and whether it is
// production, each validated as the user types. Undefined means the user cancelled; nothing is saved then.
import * as vscode from 'vscode';
import { Environment } from '../../core/environment';
import { parseEnvironmentFields } from '../../core/environmentFields';
import { normaliseHost, validateAccountId, validateIid, validateUniqueName } from '../../core/validation';
import type { KoreServices } from '../services';
import { askDialect } from './dialectPick';

export class EnvironmentForm {
  constructor(private readonly services: Pick<KoreServices, 'environments' | 'ui'>) {}

  /** Asks name, host, App ID and Account ID in turn, validating as the user types. Undefined when cancelled. */
  async ask(title: string, current: Environment | undefined): Promise<Omit<Environment, 'id'> | undefined> {
    const otherNames = this.services.environments.list().filter((environment) => environment.id !== current?.id).map((environment) => environment.name);
    const ask = (step: number, options: vscode.InputBoxOptions) =>
      this.services.ui.current.showInputBox({ ...options, title: `${title} (${step}/6)`, ignoreFocusOut: true });
    const name = await ask(1, {
      prompt: vscode.l10n.t('Environment name: a unique name you will recognise, for example "Production US".'),
      value: current?.name,
      validateInput: (value) => validateUniqueName(value, otherNames, vscode.l10n.t),
    });
    if (name === undefined) return undefined;
    const host = await this.askHost(`${title} (2/6)`, current);
    if (host === undefined) return undefined;
    const iid = await ask(3, {
      prompt: vscode.l10n.t('App ID (IID): the application id from the Kore.ai app, for example st-0603182c-7ffb-53c3-b307-47ca14b9xxxx.'),
      value: current?.iid,
      validateInput: (value) => validateIid(value, vscode.l10n.t),
    });
    if (iid === undefined) return undefined;
    const accountId = await ask(4, {
      prompt: vscode.l10n.t('Account ID: the Kore.ai account id, for example 67777ce93e25326494e9xxxx.'),
      value: current?.accountId,
      validateInput: (value) => validateAccountId(value, vscode.l10n.t),
    });
    if (accountId === undefined) return undefined;
    const no = { label: vscode.l10n.t('No: a test or sandbox environment'), production: false };
    const yes = { label: vscode.l10n.t('Yes: production (deleting asks you to type the id)'), production: true };
    const kind = await this.services.ui.current.showQuickPick(current?.production ? [yes, no] : [no, yes], {
      title: `${title} (5/6)`,
      placeHolder: vscode.l10n.t('Is this a production environment?'),
      ignoreFocusOut: true,
    });
    if (kind === undefined) return undefined;
    const dialect = await askDialect(this.services.ui.current, `${title} (6/6)`, current?.dialect);
    if (dialect === undefined) return undefined;
    // Every answer was validated as typed; the same one check that settings and imports use normalises them.
    const parsed = parseEnvironmentFields({ name, host, iid, accountId, production: kind.production, dialect }, vscode.l10n.t);
    if (!parsed.ok) {
      void this.services.ui.current.showErrorMessage(vscode.l10n.t('The environment was not saved: field "{0}" is invalid ({1}).', parsed.field, parsed.problem));
      return undefined;
    }
    return parsed.fields;
  }

  /** A new environment starts from a region; an on-premises host (or an edit) is typed, validated as typed. */
  private async askHost(title: string, current: Environment | undefined): Promise<string | undefined> {
    if (!current) {
      const regions = [
        { label: vscode.l10n.t('United States'), description: 'platform.kore.ai', host: 'https://platform.kore.ai' },
        { label: vscode.l10n.t('Germany'), description: 'de-platform.kore.ai', host: 'https://de-platform.kore.ai' },
        { label: vscode.l10n.t('Japan'), description: 'jp-platform.kore.ai', host: 'https://jp-platform.kore.ai' },
        { label: vscode.l10n.t('Custom host (on-premises)…'), description: vscode.l10n.t('type the host'), host: undefined },
      ];
      const region = await this.services.ui.current.showQuickPick(regions, { title, placeHolder: vscode.l10n.t('Which Kore.ai region or host?'), ignoreFocusOut: true });
      if (!region) return undefined;
      if (region.host) return region.host;
    }
    return this.services.ui.current.showInputBox({
      title,
      ignoreFocusOut: true,
      prompt: vscode.l10n.t('Host: the Kore.ai host, for example platform.kore.ai (US), de-platform.kore.ai or jp-platform.kore.ai.'),
      value: current?.host ?? '',
      validateInput: (value) => normaliseHost(value, vscode.l10n.t).error,
    });
  }

}
