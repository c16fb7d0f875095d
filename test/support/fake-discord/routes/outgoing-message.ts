import { apiErrors, invalidFormBody } from '../api-error';
import type { UploadedFile } from '../http-body';
import type { MessageBody } from '../message-body';
import { isEmptyMessage, messageViolations } from '../payload-limits';
import { MAX_ATTACHMENTS, type FakeDiscordState } from '../state';

/** Discord always refuses an empty new message; the size limits are checked when the fake validates payloads. */
export function checkOutgoingMessage(
  state: FakeDiscordState,
  body: MessageBody,
  files: UploadedFile[],
  mode: 'create' | 'edit',
): void {
  if (mode === 'create' && isEmptyMessage(body, files.length)) throw apiErrors.emptyMessage();
  checkAttachments(state, files);
  if (!state.settings.validatePayloads) return;
  const violations = messageViolations(body);
  if (violations.length > 0) throw invalidFormBody(violations);
}

/**
 * Uploads: at most 10 files a message, and together within the guild's upload limit (the interaction's
 * `attachment_size_limit`; 10 MiB by default). Discord refuses a larger upload with 413 40005.
 */
export function checkAttachments(state: FakeDiscordState, files: UploadedFile[]): void {
  if (files.length > MAX_ATTACHMENTS)
    throw invalidFormBody([
      {
        path: ['files'],
        code: 'BASE_TYPE_MAX_LENGTH',
        message: `Must be ${MAX_ATTACHMENTS} or fewer in length.`,
      },
    ]);
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (total > state.settings.attachmentSizeLimit) throw apiErrors.entityTooLarge();
}
