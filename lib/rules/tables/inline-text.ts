import type { TableCell, TableLink } from './table';

const namedEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  ndash: '–',
  mdash: '—',
  minus: '−',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  bull: '•',
  middot: '·',
  times: '×',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  check: '✓',
  checkmark: '✓',
  cross: '✗',
  aelig: 'æ',
  AElig: 'Æ',
  oelig: 'œ',
  szlig: 'ß',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  eacute: 'é',
  egrave: 'è',
  aacute: 'á',
  iacute: 'í',
  oacute: 'ó',
  uacute: 'ú',
  ccedil: 'ç',
  ntilde: 'ñ',
  dagger: '†',
  Dagger: '‡',
  sup1: '¹',
  sup2: '²',
  sup3: '³',
};

/** Named (the common ones) and numeric character references; unknown names stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return namedEntities[ref] ?? namedEntities[ref.toLowerCase()] ?? whole;
  });
}

/** `name="value"`, `name='value'`, `name=value` and bare `name`, names lowercased, values decoded. */
export function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of source.matchAll(/([^\s"'=<>/`]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    attributes[match[1]!.toLowerCase()] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u200b\ufeff]+/g, ' ').trim();
}

/** Footnote markers as tables write them: `*`, `**`, `†`, `‡`, superscript digits, `[1]`, `[^1]`, `[note 1]`, `[a]`. */
const markerSource = String.raw`\*{1,3}|†{1,3}|‡{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]|\[\^?\d{1,3}\]|\[note \d{1,3}\]|\[[a-z]\]`;
const anyMarker = new RegExp(markerSource, 'gu');
const startsWithMarker = new RegExp(`^(?:${markerSource})`, 'u');
const trailingMarker = new RegExp(`(?<=\\S)\\s?(${markerSource})$`, 'u');
const superscriptDigits = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** Removing the markers rather than matching runs of them: `\\*{1,3}` repeated would backtrack exponentially on `*****…x`. */
export const isOnlyMarkers = (text: string) => text.trim() !== '' && text.replace(anyMarker, '').trim() === '';

/**
 * The footnote markers a text carries, in order: a marker counts when it ends
 * a word (`no*`, `yes¹`, `Istio[1]`) or follows one after a space at the end
 * of a phrase (`partial [1]`), so `5 * 3` and a leading `*` are not markers.
 */
export function findMarkers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(anyMarker)) {
    const before = text.slice(Math.max(0, match.index - 2), match.index);
    const end = match.index + match[0].length;
    // Two markers in a row (`no*†`) need only the next characters; the longest marker is short.
    const after = text.slice(end, end + 12);
    const endsPhrase = end === text.length || /^[,;:.)!?]/.test(after) || startsWithMarker.test(after);
    const attached = /\S$/.test(before);
    if (attached ? endsPhrase || /^\s/.test(after) : /\S\s$/.test(before) && endsPhrase) found.push(match[0]);
  }
  return found;
}

/** `Istio*` -> `Istio` and [`*`]; `yes¹²` -> `yes` and [`¹`, `²`]; a text of markers alone -> `` and its markers. */
export function splitTrailingMarkers(text: string): { body: string; markers: string[] } {
  const whole = text.trim();
  const found: string[] = [];
  let end = whole.length;
  // A marker is short, so only the end of the text is searched, however long the text.
  const tailMarker = () => trailingMarker.exec(whole.slice(Math.max(0, end - 16), end));
  for (let match = tailMarker(); match; match = tailMarker()) {
    found.push(match[1]!);
    end -= Math.min(end, 16) - match.index;
    while (end > 0 && /\s/.test(whole[end - 1]!)) end--;
  }
  const body = whole.slice(0, end);
  const markers = found.reverse();
  if (body && isOnlyMarkers(body)) return { body: '', markers: [...(body.match(anyMarker) ?? []), ...markers] };
  return { body, markers };
}

const footnoteMarker = String.raw`\*{1,3}|†{1,3}|‡{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3}|\[\^?\d{1,3}\]|\[note \d{1,3}\]|\[[a-z]\]`;
const footnoteStart = new RegExp(String.raw`^\\?(${footnoteMarker})(\s*[=:]\s*|\s+|)(?=\S)([\s\S]*\S)\s*$`, 'u');

/**
 * A footnote line: `*= text`, `*: text`, `* text`, `*text`, `¹ text`, `[1]: text`.
 * `separated` tells a `=`/`:` sign from bare spacing, which a bullet list shares.
 */
export function readFootnoteLine(
  line: string,
): { marker: string; text: string; separated: 'sign' | 'space' | 'none' } | null {
  const match = footnoteStart.exec(line.trim());
  if (!match) return null;
  const separator = match[2]!;
  return {
    marker: match[1]!,
    text: match[3]!,
    separated: /[=:]/.test(separator) ? 'sign' : separator ? 'space' : 'none',
  };
}

interface ElementNode {
  tag: string;
  attributes: Record<string, string>;
  children: FragmentNode[];
}
/** Text nodes are already decoded. */
type FragmentNode = string | ElementNode;

const voidElements = new Set('area base br col embed hr img input link meta param source track wbr'.split(' '));
const blockElements = new Set(
  [
    'address article aside blockquote caption dd details dialog div dl dt fieldset figcaption figure footer form',
    'h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead tr ul',
  ]
    .join(' ')
    .split(' '),
);
const invisibleElements = new Set(['script', 'style', 'template', 'head', 'noscript']);
/** Classes that only style a span, so the span is part of the name rather than an explanation after it. */
const presentationalClass = /^(nowrap|nobr|text-nowrap|flagicon|mw-.*|sortkey)$/;

const MAX_DEPTH = 64;

/** A forgiving reading of an HTML fragment: stray closing tags are ignored, unclosed elements end with the fragment. */
function parseFragment(html: string): ElementNode {
  const root: ElementNode = { tag: '#fragment', attributes: {}, children: [] };
  const stack: ElementNode[] = [root];
  const tag = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
  let position = 0;
  for (const match of html.matchAll(tag)) {
    if (match.index > position) stack.at(-1)!.children.push(decodeEntities(html.slice(position, match.index)));
    position = match.index + match[0].length;
    if (!match[2]) continue;
    const name = match[2].toLowerCase();
    if (match[1]) {
      const open = stack.findLastIndex((element) => element.tag === name);
      if (open > 0) stack.length = open;
      continue;
    }
    const source = match[3] ?? '';
    const selfClosing = /(^|[\s"'])\/\s*$/.test(source);
    const attributes = parseAttributes(selfClosing ? source.replace(/\/\s*$/, '') : source);
    const element: ElementNode = { tag: name, attributes, children: [] };
    stack.at(-1)!.children.push(element);
    // Nesting deeper than any table cell needs is read flat, so a hostile paste cannot exhaust the stack.
    if (!voidElements.has(name) && !selfClosing && stack.length < MAX_DEPTH) stack.push(element);
  }
  if (position < html.length) stack.at(-1)!.children.push(decodeEntities(html.slice(position)));
  return root;
}

type Item =
  | { kind: 'text'; text: string }
  | { kind: 'image'; alt: string }
  | { kind: 'break' }
  /** Around a classed span after the name: a break only if nothing follows the span. */
  | { kind: 'soft'; end: boolean }
  /** A Wikipedia-style reference marker: a marker of the cell, but not part of its text. */
  | { kind: 'marker'; marker: string };

interface Walk {
  items: Item[];
  /** Some text or image came before: an element that starts an explanation needs a name before it. */
  hasContent: boolean;
  links: TableLink[];
  titled: { title: string; from: number; to: number }[];
}

const classesOf = (element: ElementNode) => (element.attributes.class ?? '').split(/\s+/).filter(Boolean);

function plainText(node: FragmentNode): string {
  return typeof node === 'string' ? node : node.children.map(plainText).join('');
}

function isHidden(element: ElementNode): boolean {
  return (
    invisibleElements.has(element.tag) ||
    'hidden' in element.attributes ||
    /display\s*:\s*none/i.test(element.attributes.style ?? '') ||
    classesOf(element).includes('sortkey')
  );
}

function walk(nodes: FragmentNode[], state: Walk): void {
  for (const node of nodes) {
    if (typeof node !== 'string') visit(node, state);
    else {
      state.items.push({ kind: 'text', text: node });
      if (node.trim() !== '') state.hasContent = true;
    }
  }
}

function visit(element: ElementNode, state: Walk): void {
  const { tag, attributes } = element;
  if (isHidden(element)) return;
  const from = state.items.length;
  const title = collapseWhitespace(attributes.title ?? '');
  if (tag === 'br') {
    state.items.push({ kind: 'break' });
    return;
  }
  if (tag === 'img') {
    state.items.push({ kind: 'image', alt: collapseWhitespace(attributes.alt ?? '') });
    state.hasContent = true;
    if (title) state.titled.push({ title, from, to: from + 1 });
    return;
  }
  const inner = () => collapseWhitespace(plainText(element));
  if (tag === 'sup' && classesOf(element).includes('reference')) {
    // Wikipedia citations point at sources, not at the table's footnotes: markers of the cell, but no part of its value.
    const markers = inner();
    if (isOnlyMarkers(markers))
      for (const marker of markers.match(anyMarker) ?? []) state.items.push({ kind: 'marker', marker });
    return;
  }
  const number = tag === 'sup' ? inner() : '';
  if (/^\d{1,3}$/.test(number)) {
    state.items.push({ kind: 'text', text: [...number].map((digit) => superscriptDigits[Number(digit)]).join('') });
    return;
  }
  const block = blockElements.has(tag);
  const explains = (tag === 'small' || tag === 'sub') && state.hasContent && !isOnlyMarkers(inner());
  const classedSpan =
    tag === 'span' &&
    state.hasContent &&
    classesOf(element).some((c) => !presentationalClass.test(c)) &&
    !isOnlyMarkers(inner());
  if (block || explains) state.items.push({ kind: 'break' });
  if (classedSpan) state.items.push({ kind: 'soft', end: false });
  let link: TableLink | null = null;
  const href = tag === 'a' ? attributes.href?.trim() : undefined;
  if (href) state.links.push((link = { url: href, title: null }));
  walk(element.children, state);
  if (link) link.title = collapseWhitespace(render(state.items.slice(from), false)) || null;
  if (classedSpan) state.items.push({ kind: 'soft', end: true });
  if (block || explains) state.items.push({ kind: 'break' });
  if (title) state.titled.push({ title, from, to: state.items.length });
}

function render(items: Item[], withMarkers: boolean, breakAs = ' '): string {
  return items
    .map((item) => {
      if (item.kind === 'text') return item.text;
      if (item.kind === 'image') return ` ${item.alt} `;
      if (item.kind === 'break') return breakAs;
      if (item.kind === 'marker') return withMarkers ? item.marker : '';
      return '';
    })
    .join('');
}

/** A classed span after the name explains it only when it ends the cell; inside the name (`Retry <span>&</span> Timeout`) it does not. */
function settleSoftBreaks(items: Item[]): Item[] {
  const visibleFrom = new Array<boolean>(items.length + 1).fill(false);
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i]!;
    const visible = item.kind === 'image' || (item.kind === 'text' && !isBlankOrMarkers(item.text));
    visibleFrom[i] = visible || visibleFrom[i + 1]!;
  }
  const starts: number[] = [];
  const breaks = new Set<number>();
  items.forEach((item, i) => {
    if (item.kind !== 'soft') return;
    if (!item.end) starts.push(i);
    else if (starts.length && !visibleFrom[i + 1]) breaks.add(starts.pop()!);
    else starts.pop();
  });
  return items.flatMap((item, i): Item[] => (item.kind !== 'soft' ? [item] : breaks.has(i) ? [{ kind: 'break' }] : []));
}

const isBlankOrMarkers = (text: string) => text.trim() === '' || isOnlyMarkers(text);
const sameWords = (a: string, b: string) => collapseWhitespace(a).toLowerCase() === collapseWhitespace(b).toLowerCase();

function readFragment(html: string): Walk {
  const state: Walk = { items: [], hasContent: false, links: [], titled: [] };
  walk(parseFragment(html).children, state);
  state.items = settleSoftBreaks(state.items);
  return state;
}

/**
 * Reads an HTML fragment (a cell, or a Markdown cell turned into HTML) the way
 * a browser shows it: links are kept as text and collected, images become their
 * alt text, block elements and line breaks become spaces, Wikipedia-style
 * reference markers (`<sup class="reference">[1]</sup>`) and hidden sort keys
 * are dropped from the text, entities are decoded. Read as a heading, the first
 * line is the name and what follows it (after a `<br>`, in a `<small>`, `<sub>`
 * or a classed `<span>`, or in a block of its own) is its explanation.
 */
export function htmlFragmentToCell(html: string, links: TableLink[] = [], cellTitle: string | null = null): TableCell {
  const { items, links: found, titled } = readFragment(html);
  links.push(...found);
  const text = collapseWhitespace(render(items, false));
  const markers = findMarkers(collapseWhitespace(render(items, true)));

  const segments: Item[][] = [[]];
  for (const item of items) {
    if (item.kind === 'break') segments.push([]);
    else segments.at(-1)!.push(item);
  }
  const words = segments.map((segment) =>
    collapseWhitespace(segment.map((item) => (item.kind === 'text' ? item.text : '')).join('')),
  );
  const hasWords = words.some((w) => !isBlankOrMarkers(w));
  let name = '';
  const explanationParts: string[] = [];
  if (hasWords) {
    const first = words.findIndex((w) => !isBlankOrMarkers(w));
    name = splitTrailingMarkers(words[first]!).body;
    for (const w of words.slice(first + 1)) if (!isBlankOrMarkers(w)) explanationParts.push(w);
  } else {
    name = collapseWhitespace(items.flatMap((item) => (item.kind === 'image' ? [item.alt] : [])).join(' '));
  }
  let explanation = explanationParts.length ? explanationParts.join(' ') : null;
  if (!explanation && name) {
    const wrapped = (t: Walk['titled'][number]) =>
      splitTrailingMarkers(collapseWhitespace(render(items.slice(t.from, t.to), false))).body;
    const wrapper = titled.find((t) => sameWords(wrapped(t), name));
    explanation =
      [cellTitle ? collapseWhitespace(cellTitle) : '', wrapper?.title ?? ''].find((t) => t && !sameWords(t, name)) ??
      null;
  }
  return { text, links, name, explanation, markers };
}

/** The lines of an HTML fragment as a browser breaks them (block elements, `<br>`), for footnotes. */
export function htmlFragmentToLines(html: string): string[] {
  return render(readFragment(html).items, true, '\n').split('\n').map(collapseWhitespace).filter(Boolean);
}

export const emptyCell = (): TableCell => ({ text: '', links: [], name: '', explanation: null, markers: [] });
