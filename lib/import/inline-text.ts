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

/**
 * Reduces an HTML fragment to its text: links are kept as text and collected,
 * images become their alt text, line breaks become spaces, Wikipedia-style
 * reference markers (`<sup class="reference">[1]</sup>`) and hidden sort keys
 * are dropped, entities are decoded.
 */
export function htmlFragmentToCell(html: string, links: TableLink[] = []): TableCell {
  let text = html
    .replace(/<sup\b[^>]*class\s*=\s*["'][^"']*\breference\b[^"']*["'][^>]*>[\s\S]*?<\/sup>/gi, ' ')
    .replace(/<(span|div)\b[^>]*style\s*=\s*["'][^"']*display\s*:\s*none[^"']*["'][^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\b[^>]*>/gi, ' ')
    .replace(/<\/(p|div|li|ul|ol|tr|h[1-6])\s*>/gi, ' ')
    .replace(/<img\b([^>]*)>/gi, (_whole, attrs: string) => ` ${parseAttributes(attrs).alt ?? ''} `);
  text = text.replace(/<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi, (_whole, attrs: string, inner: string) => {
    const label = collapseWhitespace(decodeEntities(inner.replace(/<\/?[a-zA-Z][^>]*>/g, ' ')));
    const href = parseAttributes(attrs).href?.trim();
    if (href) links.push({ url: href, title: label || null });
    return inner;
  });
  text = text.replace(/<\/?[a-zA-Z][^>]*>/g, '');
  return { text: collapseWhitespace(decodeEntities(text)), links };
}
