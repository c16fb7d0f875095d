import type { APIEmbed, APIMessageReference, APIMessageTopLevelComponent } from 'discord-api-types/v10';
import { z } from 'zod';
import { invalidFormBody } from './api-error';

const attachmentReference = z.looseObject({
  id: z.union([z.string(), z.number()]),
  filename: z.string().optional(),
  description: z.string().optional(),
});

/** What discord.js sends for create/edit message, reply, update and followup. Unknown keys are kept. */
const messageBodySchema = z.looseObject({
  content: z.string().nullish(),
  tts: z.boolean().optional(),
  flags: z.number().int().nullish(),
  embeds: z.array(z.looseObject({})).nullish(),
  components: z.array(z.looseObject({ type: z.number().int() })).nullish(),
  attachments: z.array(attachmentReference).nullish(),
  message_reference: z.looseObject({}).nullish(),
});

export interface MessageBody {
  content?: string | null;
  tts?: boolean;
  flags?: number | null;
  embeds?: APIEmbed[] | null;
  components?: APIMessageTopLevelComponent[] | null;
  attachments?: { id: string | number; filename?: string; description?: string }[] | null;
  message_reference?: APIMessageReference | null;
}

export function parseMessageBody(json: unknown): MessageBody {
  const parsed = messageBodySchema.safeParse(json ?? {});
  if (!parsed.success) {
    throw invalidFormBody(
      parsed.error.issues.map((issue) => ({
        path: issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)),
        code: 'BASE_TYPE_INVALID',
        message: issue.message,
      })),
    );
  }
  // The schema checked the outer shape; the inner shapes are Discord's and checked by payload-limits.
  return parsed.data as MessageBody;
}
