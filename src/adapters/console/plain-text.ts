/**
 * Untrusted text (model answers, news, memories) printed to a terminal: escape sequences could move the
 * cursor, rewrite earlier lines or set the window title, so they are removed, as are other control characters.
 */
/* eslint-disable no-control-regex -- matching control characters is the point of these two patterns */
// CSI (ESC [ … final), OSC (ESC ] … BEL | ESC \), other two-byte ESC sequences, and 8-bit CSI/OSC.
const ESCAPE_SEQUENCES =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]|\u009d[^\u0007]*\u0007?/g;
// C0 controls except tab and newline, DEL, C1 controls, and bidi overrides that reorder what is shown.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/* eslint-enable no-control-regex */

export function plainText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(ESCAPE_SEQUENCES, '').replace(CONTROL_CHARACTERS, '');
}
