type Loose = Record<string, unknown>;

/** Finds a component by custom id anywhere in a message: action rows, and v2 containers, sections and labels. */
export function findComponent(components: unknown, customId: string): Loose | undefined {
  if (!Array.isArray(components)) return undefined;
  for (const component of components as Loose[]) {
    if (component.custom_id === customId) return component;
    const nested =
      findComponent(component.components, customId) ??
      findComponent([component.accessory, component.component].filter(Boolean), customId);
    if (nested) return nested;
  }
  return undefined;
}

export function listCustomIds(components: unknown): string[] {
  if (!Array.isArray(components)) return [];
  return (components as Loose[]).flatMap((component) => [
    ...(typeof component.custom_id === 'string' ? [component.custom_id] : []),
    ...listCustomIds(component.components),
    ...listCustomIds([component.accessory, component.component].filter(Boolean)),
  ]);
}
