import { z } from 'zod';
import { invalidFormBody } from '../api-error';

export const autoArchiveDurationSchema = z.union([
  z.literal(60),
  z.literal(1440),
  z.literal(4320),
  z.literal(10080),
]);

/** zod at the fake's own boundary: a malformed body gets Discord's 400 50035, not a crash. */
export function parseOrFormError<T>(schema: z.ZodType<T>, json: unknown): T {
  const parsed = schema.safeParse(json ?? {});
  if (parsed.success) return parsed.data;
  throw invalidFormBody(
    parsed.error.issues.map((issue) => ({
      path: issue.path.map(String),
      code: 'BASE_TYPE_INVALID',
      message: issue.message,
    })),
  );
}
