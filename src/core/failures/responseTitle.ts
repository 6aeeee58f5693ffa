// The name of a response editor's tab: which list, on which environment, and (in the user's language) how the
// call ended, e.g. "Renewal Due · cl-… · Production US (outcome unknown).json". The list's name comes from a
// server and the rest from settings, so each part is one-lined, capped and made safe for a URI path segment.
import { oneLine } from '../text/textSafety';

/** The longest list name shown in a title; the id and the environment follow it, so it must not crowd them out. */
const MAX_TITLE_NAME_LENGTH = 60;
/** The longest whole path segment, well within what editors and file systems (Save As) accept. */
export const MAX_PATH_SEGMENT_LENGTH = 200;

/**
 * Characters that have a meaning in a URI path (`/ ? # %`) or that Windows refuses in a file name (`\ < > : " | *`):
 * a segment becomes Save As's default file name.
 */
const RESERVED_CHARACTERS = /[/\\?#%<>:"|*]/g;
/** Windows' device names, refused as a file name's stem whatever its case or extension (`CON.json`, `nul`). */
const DEVICE_NAME = /^(?:CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])$/i;

/**
 * Text for one URI path segment that is also a file name on every system: one line without invisible characters,
 * none of RESERVED_CHARACTERS, not `.` or `..`, no trailing dot or space (which Windows drops), and no device name.
 */
export function pathSegment(text: string, maxLength: number = MAX_PATH_SEGMENT_LENGTH): string {
  let safe = oneLine(text, maxLength).replace(RESERVED_CHARACTERS, '_');
  if (safe === '' || /^\.+$/.test(safe)) return '_';
  // Windows reads the stem up to the first dot, trailing spaces dropped.
  if (DEVICE_NAME.test(safe.split('.')[0].replace(/ +$/, ''))) safe = Array.from(`_${safe}`).slice(0, Math.max(1, maxLength)).join('');
  return safe.replace(/[. ]+$/, (tail) => '_'.repeat(tail.length));
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
