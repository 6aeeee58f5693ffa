// The name of a response editor's tab: which list, on which environment, and (in the user's language) how the
// call ended, e.g. "Renewal Due · cl-… · Production US (outcome unknown).json". The list's name comes from a
// server and the rest from settings, so each part is one-lined, capped and made safe for a URI path segment.
import { oneLine } from './textSafety';

/** The longest list name shown in a title; the id and the environment follow it, so it must not crowd them out. */
export const MAX_TITLE_NAME_LENGTH = 60;
/** The longest whole path segment, well within what editors and file systems (Save As) accept. */
export const MAX_PATH_SEGMENT_LENGTH = 200;

/**
 * Text for one URI path segment: one line without invisible characters, no `/` or `\` (which would make
 * directories), no `?`, `#` or `%` (which URIs give a meaning), and not `.` or `..`.
 */
export function pathSegment(text: string, maxLength: number = MAX_PATH_SEGMENT_LENGTH): string {
  const safe = oneLine(text, maxLength).replace(/[/\\?#%]/g, '_');
  return safe === '' || /^\.+$/.test(safe) ? '_' : safe;
}

export interface ResponseTitleParts {
  readonly contactListId: string;
  /** The list's name when known (from the server: hostile). */
  readonly listName?: string;
  readonly environmentName: string;
  /** Already in the user's language: "outcome unknown", "failed"… or a time. */
  readonly note?: string;
}

/** "<list name> · <id> · <environment> (<note>)", the name left out when unknown, blank or the id itself. */
export function responseTitle(parts: ResponseTitleParts): string {
  const name = parts.listName === undefined ? '' : oneLine(parts.listName, MAX_TITLE_NAME_LENGTH);
  const title = [name === '' || name === parts.contactListId ? undefined : name, oneLine(parts.contactListId), oneLine(parts.environmentName)]
    .filter((part): part is string => part !== undefined && part !== '')
    .join(' · ');
  const note = parts.note === undefined ? '' : oneLine(parts.note, MAX_TITLE_NAME_LENGTH);
  return pathSegment(note === '' ? title : `${title} (${note})`);
}
