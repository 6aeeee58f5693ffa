// The extension's settings other than the environments: how long to wait, how long a signed JWT lives, and how
// fast a bulk run may go. Each is kept within the bounds its schema declares, whatever settings.json holds.
import * as vscode from 'vscode';

export const SettingKeys = {
  section: 'koreContactLists',
  environments: 'environments',
  requestTimeoutSeconds: 'requestTimeoutSeconds',
  jwtLifetimeSeconds: 'jwtLifetimeSeconds',
  rateLimitPerMinute: 'rateLimitPerMinute',
} as const;

export class Settings {
  requestTimeoutSeconds(): number {
    return this.number(SettingKeys.requestTimeoutSeconds, 30, 1, 600);
  }

  jwtLifetimeSeconds(): number {
    return Math.round(this.number(SettingKeys.jwtLifetimeSeconds, 300, 30, 86_400));
  }

  rateLimitPerMinute(): number {
    return this.number(SettingKeys.rateLimitPerMinute, 60, 1, 6000);
  }

  /** A number setting kept within the bounds its schema declares, or its default when it is not a number. */
  private number(key: string, fallback: number, min: number, max: number): number {
    const value = vscode.workspace.getConfiguration(SettingKeys.section).get<number>(key, fallback);
    return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
  }
}
