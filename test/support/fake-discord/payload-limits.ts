import { ButtonStyle, ComponentType, MessageFlags } from 'discord-api-types/v10';
import type { FormBodyViolation } from './api-error';
import type { MessageBody } from './message-body';

// Discord's documented limits (developers/resources/message.mdx "Embed Limits", components/reference.mdx,
// interactions/receiving-and-responding.mdx). Checked only when the fake runs with `validatePayloads`.
export const discordLimits = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooterText: 2048,
  embedAuthorName: 256,
  embedTotalCharacters: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  modalTitle: 45,
  modalComponents: 5,
  textInputLabel: 45,
  textInputPlaceholder: 100,
  textInputValue: 4000,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

type Path = (string | number)[];
type Loose = Record<string, unknown>;

const SELECT_TYPES: number[] = [
  ComponentType.StringSelect,
  ComponentType.UserSelect,
  ComponentType.RoleSelect,
  ComponentType.MentionableSelect,
  ComponentType.ChannelSelect,
];

class Violations {
  readonly list: FormBodyViolation[] = [];

  maxLength(value: unknown, max: number, path: Path): void {
    if (typeof value === 'string' && value.length > max) {
      this.list.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
    }
  }

  maxItems(value: unknown, max: number, path: Path): void {
    if (Array.isArray(value) && value.length > max) {
      this.list.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
    }
  }

  required(value: unknown, path: Path): void {
    if (value === undefined || value === null || value === '') {
      this.list.push({ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    }
  }

  add(path: Path, code: string, message: string): void {
    this.list.push({ path, code, message });
  }
}

function asObjects(value: unknown): Loose[] {
  return Array.isArray(value) ? value.filter((v): v is Loose => typeof v === 'object' && v !== null) : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function checkEmbeds(embeds: unknown, v: Violations): void {
  v.maxItems(embeds, discordLimits.embedsPerMessage, ['embeds']);
  let total = 0;
  asObjects(embeds).forEach((embed, i) => {
    const footer = (embed.footer ?? {}) as Loose;
    const author = (embed.author ?? {}) as Loose;
    v.maxLength(embed.title, discordLimits.embedTitle, ['embeds', i, 'title']);
    v.maxLength(embed.description, discordLimits.embedDescription, ['embeds', i, 'description']);
    v.maxLength(footer.text, discordLimits.embedFooterText, ['embeds', i, 'footer', 'text']);
    v.maxLength(author.name, discordLimits.embedAuthorName, ['embeds', i, 'author', 'name']);
    v.maxItems(embed.fields, discordLimits.embedFields, ['embeds', i, 'fields']);
    total += text(embed.title).length + text(embed.description).length;
    total += text(footer.text).length + text(author.name).length;
    asObjects(embed.fields).forEach((field, j) => {
      v.required(field.name, ['embeds', i, 'fields', j, 'name']);
      v.required(field.value, ['embeds', i, 'fields', j, 'value']);
      v.maxLength(field.name, discordLimits.embedFieldName, ['embeds', i, 'fields', j, 'name']);
      v.maxLength(field.value, discordLimits.embedFieldValue, ['embeds', i, 'fields', j, 'value']);
      total += text(field.name).length + text(field.value).length;
    });
  });
  if (total > discordLimits.embedTotalCharacters) {
    v.add(
      ['embeds'],
      'MAX_EMBED_SIZE_EXCEEDED',
      `Embed size exceeds maximum size of ${discordLimits.embedTotalCharacters}`,
    );
  }
}

function checkCustomIds(components: unknown, path: Path, seen: Set<string>, v: Violations): void {
  asObjects(components).forEach((component, i) => {
    const here = [...path, i];
    if (typeof component.custom_id === 'string') {
      v.maxLength(component.custom_id, discordLimits.customId, [...here, 'custom_id']);
      if (seen.has(component.custom_id)) {
        v.add(
          [...here, 'custom_id'],
          'COMPONENT_CUSTOM_ID_DUPLICATED',
          'Component custom id cannot be duplicated',
        );
      }
      seen.add(component.custom_id);
    }
    if (component.components) checkCustomIds(component.components, [...here, 'components'], seen, v);
    if (component.component) checkCustomIds([component.component], [...here, 'component'], seen, v);
    if (component.accessory) checkCustomIds([component.accessory], [...here, 'accessory'], seen, v);
  });
}

function checkButton(button: Loose, path: Path, v: Violations): void {
  v.maxLength(button.label, discordLimits.buttonLabel, [...path, 'label']);
  const style = button.style;
  if (style === ButtonStyle.Link) {
    v.required(button.url, [...path, 'url']);
    if (button.custom_id !== undefined)
      v.add(
        [...path, 'custom_id'],
        'BUTTON_COMPONENT_CUSTOM_ID_DISALLOWED',
        'A link button cannot have a custom id',
      );
  } else if (style !== ButtonStyle.Premium) {
    v.required(button.custom_id, [...path, 'custom_id']);
  }
}

function checkActionRows(components: unknown, v: Violations): void {
  v.maxItems(components, discordLimits.actionRows, ['components']);
  asObjects(components).forEach((row, i) => {
    const path: Path = ['components', i];
    if (row.type !== ComponentType.ActionRow) {
      v.add(
        [...path, 'type'],
        'UNION_TYPE_CHOICES',
        'Top-level components must be action rows without the components v2 flag',
      );
      return;
    }
    const children = asObjects(row.components);
    if (children.length === 0)
      v.add([...path, 'components'], 'BASE_TYPE_MIN_LENGTH', 'Must be 1 or more in length.');
    v.maxItems(row.components, discordLimits.buttonsPerRow, [...path, 'components']);
    const hasSelect = children.some((child) => SELECT_TYPES.includes(Number(child.type)));
    if (hasSelect && children.length > 1) {
      v.add(
        [...path, 'components'],
        'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
        'A select menu must be alone in its action row',
      );
    }
    children.forEach((child, j) => {
      if (child.type === ComponentType.Button) checkButton(child, [...path, 'components', j], v);
    });
  });
}

export function messageViolations(body: MessageBody): FormBodyViolation[] {
  const v = new Violations();
  v.maxLength(body.content, discordLimits.content, ['content']);
  checkEmbeds(body.embeds, v);
  const componentsV2 = ((body.flags ?? 0) & MessageFlags.IsComponentsV2) !== 0;
  if (!componentsV2) checkActionRows(body.components, v);
  checkCustomIds(body.components, ['components'], new Set(), v);
  return v.list;
}

export function isEmptyMessage(body: MessageBody, files: number): boolean {
  return (
    !body.content &&
    (body.embeds ?? []).length === 0 &&
    (body.components ?? []).length === 0 &&
    (body.attachments ?? []).length === 0 &&
    files === 0
  );
}

function checkTextInput(input: Loose, path: Path, v: Violations, labelled: boolean): void {
  v.required(input.custom_id, [...path, 'custom_id']);
  if (!labelled) v.maxLength(input.label, discordLimits.textInputLabel, [...path, 'label']);
  v.maxLength(input.placeholder, discordLimits.textInputPlaceholder, [...path, 'placeholder']);
  v.maxLength(input.value, discordLimits.textInputValue, [...path, 'value']);
  for (const key of ['min_length', 'max_length'] as const) {
    const value = input[key];
    if (typeof value === 'number' && value > discordLimits.textInputValue) {
      v.add(
        [...path, key],
        'NUMBER_TYPE_MAX',
        `int value should be less than or equal to ${discordLimits.textInputValue}.`,
      );
    }
  }
}

export function modalViolations(data: unknown): FormBodyViolation[] {
  const v = new Violations();
  const modal = (data ?? {}) as Loose;
  v.required(modal.custom_id, ['data', 'custom_id']);
  v.required(modal.title, ['data', 'title']);
  v.maxLength(modal.title, discordLimits.modalTitle, ['data', 'title']);
  const components = asObjects(modal.components);
  if (components.length === 0)
    v.add(['data', 'components'], 'BASE_TYPE_MIN_LENGTH', 'Must be 1 or more in length.');
  v.maxItems(modal.components, discordLimits.modalComponents, ['data', 'components']);
  components.forEach((component, i) => {
    const path: Path = ['data', 'components', i];
    if (component.type === ComponentType.ActionRow) {
      asObjects(component.components).forEach((input, j) =>
        checkTextInput(input, [...path, 'components', j], v, false),
      );
    } else if (component.type === ComponentType.Label) {
      v.maxLength(component.label, discordLimits.textInputLabel, [...path, 'label']);
      const inner = (component.component ?? {}) as Loose;
      if (inner.type === ComponentType.TextInput) checkTextInput(inner, [...path, 'component'], v, true);
    }
  });
  checkCustomIds(modal.components, ['data', 'components'], new Set(), v);
  v.maxLength(modal.custom_id, discordLimits.customId, ['data', 'custom_id']);
  return v.list;
}

export function autocompleteViolations(data: unknown): FormBodyViolation[] {
  const v = new Violations();
  const choices = ((data ?? {}) as Loose).choices;
  v.maxItems(choices, discordLimits.autocompleteChoices, ['data', 'choices']);
  asObjects(choices).forEach((choice, i) => {
    v.required(choice.name, ['data', 'choices', i, 'name']);
    v.maxLength(choice.name, discordLimits.choiceName, ['data', 'choices', i, 'name']);
    v.maxLength(choice.value, discordLimits.choiceValue, ['data', 'choices', i, 'value']);
  });
  return v.list;
}
