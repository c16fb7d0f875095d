import { apiErrors, invalidFormBody } from '../api-error';
import type { UploadedFile } from '../http-body';
import type { MessageBody } from '../message-body';
import { isEmptyMessage, messageViolations } from '../payload-limits';
import type { FakeDiscordState } from '../state';

/** Discord always refuses an empty new message; the size limits are checked when the fake validates payloads. */
export function checkOutgoingMessage(
  state: FakeDiscordState,
  body: MessageBody,
  files: UploadedFile[],
  mode: 'create' | 'edit',
): void {
  if (mode === 'create' && isEmptyMessage(body, files.length)) throw apiErrors.emptyMessage();
  if (!state.settings.validatePayloads) return;
  const violations = messageViolations(body);
  if (violations.length > 0) throw invalidFormBody(violations);
}
