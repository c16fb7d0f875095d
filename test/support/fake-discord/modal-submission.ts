import { ComponentType, type APIModalSubmissionComponent } from 'discord-api-types/v10';

export type ModalFieldValues = Record<string, string | string[]>;

type Loose = Record<string, unknown>;

function fail(message: string): never {
  throw new Error(`fake-discord: ${message}`);
}

function submittedComponent(
  component: Loose,
  fields: ModalFieldValues,
  customId: string,
  used: Set<string>,
): Loose {
  const id = String(component.custom_id);
  const value = fields[id];
  used.add(id);
  if (component.type === ComponentType.TextInput) {
    // Text inputs are required unless the modal says otherwise; the Discord client refuses to submit an empty one.
    if (value === undefined && component.required !== false)
      fail(`modal "${customId}" needs a value for required field "${id}"`);
    return {
      type: ComponentType.TextInput,
      id: component.id,
      custom_id: id,
      value: Array.isArray(value) ? value.join('') : (value ?? ''),
    };
  }
  const values = value === undefined ? [] : ([] as string[]).concat(value);
  return { type: component.type, id: component.id, custom_id: id, values };
}

/**
 * Mirrors the layout of the modal the bot showed (legacy action rows or Label components), the way the
 * Discord client answers it. Without a shown modal, each field goes into its own action row.
 */
export function modalSubmission(
  customId: string,
  shownModal: unknown,
  fields: ModalFieldValues,
): APIModalSubmissionComponent[] {
  if (shownModal === undefined) {
    return Object.entries(fields).map(([id, value]) => ({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.TextInput,
          custom_id: id,
          value: Array.isArray(value) ? value.join('') : value,
        },
      ],
    }));
  }
  const used = new Set<string>();
  const rows = (((shownModal as Loose).components ?? []) as Loose[]).map((top): Loose => {
    if (top.type === ComponentType.ActionRow) {
      const inner = (top.components ?? []) as Loose[];
      return {
        type: ComponentType.ActionRow,
        id: top.id,
        components: inner.map((c) => submittedComponent(c, fields, customId, used)),
      };
    }
    if (top.type === ComponentType.Label) {
      return {
        type: ComponentType.Label,
        id: top.id,
        component: submittedComponent((top.component ?? {}) as Loose, fields, customId, used),
      };
    }
    return { type: top.type, id: top.id };
  });
  const unknown = Object.keys(fields).filter((id) => !used.has(id));
  if (unknown.length > 0)
    fail(
      `modal "${customId}" has no field(s) ${unknown.join(', ')}; it has ${[...used].join(', ') || 'none'}`,
    );
  return rows as unknown as APIModalSubmissionComponent[];
}
