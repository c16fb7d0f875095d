/** A Discord-shaped error reply: discord.js turns `{ code, message, errors }` into a DiscordAPIError. */
export class FakeApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'FakeApiError';
  }

  toBody(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...(this.errors ? { errors: this.errors } : {}) };
  }
}

export interface FormBodyViolation {
  path: (string | number)[];
  code: string;
  message: string;
}

/** Nests violations the way Discord does: `{ embeds: { 0: { title: { _errors: [...] } } } }`. */
export function invalidFormBody(violations: FormBodyViolation[]): FakeApiError {
  const errors: Record<string, unknown> = {};
  for (const violation of violations) {
    let node = errors;
    for (const key of violation.path) {
      const next = (node[String(key)] ??= {}) as Record<string, unknown>;
      node = next;
    }
    const list = (node._errors ??= []) as { code: string; message: string }[];
    list.push({ code: violation.code, message: violation.message });
  }
  const first = violations[0];
  const summary = first ? ` (${first.path.join('.')}: ${first.message})` : '';
  return new FakeApiError(400, 50035, `Invalid Form Body${summary}`, errors);
}

export const apiErrors = {
  noRoute: (method: string, path: string) => new FakeApiError(404, 0, `fake: no route for ${method} ${path}`),
  unauthorized: () => new FakeApiError(401, 0, '401: Unauthorized'),
  invalidJson: () => new FakeApiError(400, 50109, 'The request body contains invalid JSON.'),
  unknownApplication: () => new FakeApiError(404, 10002, 'Unknown Application'),
  unknownChannel: () => new FakeApiError(404, 10003, 'Unknown Channel'),
  unknownGuild: () => new FakeApiError(404, 10004, 'Unknown Guild'),
  unknownMember: () => new FakeApiError(404, 10007, 'Unknown Member'),
  unknownMessage: () => new FakeApiError(404, 10008, 'Unknown Message'),
  unknownWebhook: () => new FakeApiError(404, 10015, 'Unknown Webhook'),
  unknownInteraction: () => new FakeApiError(404, 10062, 'Unknown interaction'),
  cannotEditOthersMessage: () =>
    new FakeApiError(403, 50005, 'Cannot edit a message authored by another user'),
  emptyMessage: () => new FakeApiError(400, 50006, 'Cannot send an empty message'),
  wrongChannelType: () => new FakeApiError(400, 50024, 'Cannot execute action on this channel type'),
  invalidWebhookToken: () => new FakeApiError(401, 50027, 'Invalid Webhook Token'),
  entityTooLarge: () => new FakeApiError(413, 40005, 'Request entity too large'),
  threadLocked: () => new FakeApiError(400, 50083, 'Thread is archived'),
  threadArchived: () => new FakeApiError(400, 50083, 'Thread is archived'),
  missingPermissions: () => new FakeApiError(403, 50013, 'Missing Permissions'),
  alreadyAcknowledged: () => new FakeApiError(400, 40060, 'Interaction has already been acknowledged.'),
  threadAlreadyCreated: () =>
    new FakeApiError(400, 160004, 'A thread has already been created for this message'),
};
