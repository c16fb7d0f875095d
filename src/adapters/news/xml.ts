import { decodeEntities } from './entities';

export interface XmlElement {
  /** Lower-cased local name: `atom:link` → `link`. */
  name: string;
  /** The qualified name as written, lower-cased: `atom:link`. */
  qualifiedName: string;
  attributes: Readonly<Record<string, string>>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

export interface XmlLimits {
  maxDepth: number;
  maxElements: number;
}

const DEFAULT_LIMITS: XmlLimits = { maxDepth: 64, maxElements: 100_000 };
const NAME = /^[A-Za-z_][\w.:-]*/;
const ATTRIBUTE = /([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)'|([^\s"'>]+))/g;

/**
 * A small, tolerant XML reader for feeds: it never throws, closes what is left open, skips what it does not
 * understand, and expands no custom entities (no DOCTYPE is honoured, so no entity expansion attacks).
 * Returns a synthetic `#document` element whose children are the top-level nodes.
 */
export function parseXmlTolerant(text: string, limits: XmlLimits = DEFAULT_LIMITS): XmlElement {
  const root: XmlElement = { name: '#document', qualifiedName: '#document', attributes: {}, children: [] };
  const stack: XmlElement[] = [root];
  let elements = 0;
  let i = 0;
  const top = (): XmlElement => stack[stack.length - 1] ?? root;
  const skipTo = (marker: string, from: number): number => {
    const end = text.indexOf(marker, from);
    return end === -1 ? text.length : end + marker.length;
  };
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt === -1) {
      appendText(top(), decodeEntities(text.slice(i)));
      break;
    }
    if (lt > i) appendText(top(), decodeEntities(text.slice(i, lt)));
    if (text.startsWith('<!--', lt)) {
      i = skipTo('-->', lt + 4);
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      appendText(top(), text.slice(lt + 9, end === -1 ? text.length : end));
      i = end === -1 ? text.length : end + 3;
    } else if (text.startsWith('<?', lt)) {
      i = skipTo('?>', lt + 2);
    } else if (text.startsWith('<!', lt)) {
      i = skipDeclaration(text, lt);
    } else if (text.startsWith('</', lt)) {
      const end = skipTo('>', lt + 2);
      const name = (NAME.exec(text.slice(lt + 2, end)) ?? [''])[0].toLowerCase();
      const at = stack.findLastIndex((el, k) => k > 0 && el.qualifiedName === name);
      if (at > 0) stack.length = at;
      i = end;
    } else {
      const match = NAME.exec(text.slice(lt + 1, lt + 200));
      if (match === null) {
        appendText(top(), '<');
        i = lt + 1;
        continue;
      }
      const end = tagEnd(text, lt + 1);
      const inner = text.slice(lt + 1 + match[0].length, end);
      const selfClosing = inner.trimEnd().endsWith('/');
      const qualifiedName = match[0].toLowerCase();
      const element: XmlElement = {
        name: qualifiedName.slice(qualifiedName.lastIndexOf(':') + 1),
        qualifiedName,
        attributes: parseAttributes(inner),
        children: [],
      };
      i = end + 1;
      elements += 1;
      if (elements > limits.maxElements) break;
      top().children.push(element);
      if (!selfClosing && stack.length <= limits.maxDepth) stack.push(element);
    }
  }
  return root;
}

function appendText(parent: XmlElement, text: string): void {
  if (text === '') return;
  const last = parent.children.length - 1;
  const previous = parent.children[last];
  if (typeof previous === 'string') parent.children[last] = previous + text;
  else parent.children.push(text);
}

/** The index of the `>` closing a start tag, skipping quoted attribute values. */
function tagEnd(text: string, from: number): number {
  let quote: string | null = null;
  for (let k = from; k < text.length; k += 1) {
    const c = text[k];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return k;
    }
  }
  return text.length;
}

/** `<!DOCTYPE …>` possibly with an internal subset `[ … ]`. */
function skipDeclaration(text: string, from: number): number {
  const bracket = text.indexOf('[', from);
  const close = text.indexOf('>', from);
  if (close === -1) return text.length;
  if (bracket !== -1 && bracket < close) {
    const end = text.indexOf(']>', bracket);
    return end === -1 ? text.length : end + 2;
  }
  return close + 1;
}

function parseAttributes(inner: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const m of inner.matchAll(ATTRIBUTE)) {
    const name = m[1]!.toLowerCase();
    if (name === '__proto__' || name === 'constructor' || name === 'prototype') continue;
    attributes[name] = decodeEntities(m[3] ?? m[4] ?? m[5] ?? '');
  }
  return attributes;
}

export function childElements(parent: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of parent.children) {
    if (typeof child !== 'string' && (name === undefined || child.name === name)) out.push(child);
  }
  return out;
}

export function firstChild(parent: XmlElement, ...names: string[]): XmlElement | undefined {
  for (const name of names) {
    const found = parent.children.find(
      (c): c is XmlElement => typeof c !== 'string' && (c.name === name || c.qualifiedName === name),
    );
    if (found) return found;
  }
  return undefined;
}

/** Every element with the local name anywhere below `parent`, in document order. */
export function descendants(parent: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (el: XmlElement): void => {
    for (const child of el.children) {
      if (typeof child === 'string') continue;
      if (child.name === name) out.push(child);
      else walk(child);
    }
  };
  walk(parent);
  return out;
}

const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  'p',
  'div',
  'br',
  'li',
  'tr',
  'td',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);

/** The concatenated text below an element; inline XHTML blocks (<p>, <br>) become spaces, other markup is dropped. */
export function textOf(element: XmlElement | undefined): string {
  if (element === undefined) return '';
  let out = '';
  for (const child of element.children) {
    if (typeof child === 'string') out += child;
    else out += BLOCK_ELEMENTS.has(child.name) ? ` ${textOf(child)} ` : textOf(child);
  }
  return out;
}
