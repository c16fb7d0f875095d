import { z } from 'zod';

/** Who a message would ping, by Discord's allowed-mentions rules. */
export interface Pings {
  everyone: boolean;
  users: string[];
  roles: string[];
}

const allowedMentionsSchema = z
  .looseObject({
    parse: z.array(z.enum(['users', 'roles', 'everyone'])).optional(),
    users: z.array(z.string()).max(100).optional(),
    roles: z.array(z.string()).max(100).optional(),
    replied_user: z.boolean().optional(),
  })
  .refine((a) => !(a.parse?.includes('users') && a.users !== undefined), {
    message: 'parse "users" and a users list are mutually exclusive (Discord answers 400)',
  })
  .refine((a) => !(a.parse?.includes('roles') && a.roles !== undefined), {
    message: 'parse "roles" and a roles list are mutually exclusive (Discord answers 400)',
  });

/**
 * Pings come from the content only (never embeds). Without `allowed_mentions` every mention in it pings; with
 * it, a user or role pings only when its type is in `parse` or its id is listed, @everyone/@here only with
 * `parse: ['everyone']`. Throws on a body Discord would refuse, so a test notices.
 */
export function pingsOf(body: unknown): Pings {
  const message = (body ?? {}) as { content?: unknown; allowed_mentions?: unknown };
  const content = typeof message.content === 'string' ? message.content : '';
  const users = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!);
  const roles = [...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1]!);
  const everyone = /@everyone|@here/.test(content);
  if (message.allowed_mentions === undefined || message.allowed_mentions === null)
    return { everyone, users: [...new Set(users)], roles: [...new Set(roles)] };
  const allowed = allowedMentionsSchema.parse(message.allowed_mentions);
  const parse = allowed.parse ?? [];
  return {
    everyone: everyone && parse.includes('everyone'),
    users: [...new Set(users.filter((id) => parse.includes('users') || (allowed.users ?? []).includes(id)))],
    roles: [...new Set(roles.filter((id) => parse.includes('roles') || (allowed.roles ?? []).includes(id)))],
  };
}
