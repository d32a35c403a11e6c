/**
 * A strict well-formedness check for the Atom feed, because no XML parser is installed and adding one for a single
 * check is not worth a dependency. It checks what a feed reader would choke on: one root element, balanced and
 * matching tags, quoted and unique attributes, only the five predefined entities and character references, no stray
 * `<` or `&`, no `]]>` in text, no `--` in comments, no characters XML 1.0 forbids. DTDs are refused outright (a feed
 * has none). Returns the first problem with its offset, or null.
 */
const NAME = /^[A-Za-z_:\p{L}][-A-Za-z0-9_:.\p{L}\p{N}]*/u;
const REFERENCE = /^&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/;
// XML 1.0 Char: tab, newline, carriage return and everything from U+0020 except surrogates and U+FFFE/U+FFFF.
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function referenceProblem(text: string, offset: number): string | null {
  for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
    const ref = REFERENCE.exec(text.slice(i, i + 12));
    if (!ref) return `bare or unknown entity "${text.slice(i, i + 10)}" at ${offset + i}`;
    const code = ref[0].startsWith('&#x')
      ? parseInt(ref[0].slice(3, -1), 16)
      : ref[0].startsWith('&#')
        ? Number(ref[0].slice(2, -1))
        : 0x20;
    if (code > 0x10ffff || (code < 0x20 && ![0x9, 0xa, 0xd].includes(code)) || (code >= 0xd800 && code <= 0xdfff))
      return `character reference ${ref[0]} names a character XML forbids, at ${offset + i}`;
  }
  return null;
}

export function xmlWellFormedProblem(xml: string): string | null {
  const bad = FORBIDDEN_CHAR.exec(xml);
  if (bad) return `character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${bad.index}`;
  let i = 0;
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) return 'unterminated XML declaration';
    if (
      !/^<\?xml\s+version=(["'])1\.[0-9]\1(\s+encoding=(["'])[A-Za-z][-A-Za-z0-9._]*\3)?(\s+standalone=(["'])(yes|no)\5)?\s*\?>$/.test(
        xml.slice(0, end + 2),
      )
    )
      return `malformed XML declaration: ${xml.slice(0, end + 2)}`;
    i = end + 2;
  }
  const open: string[] = [];
  let roots = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (text) {
      if (open.length === 0 && text.trim()) return `text outside the root element at ${i}`;
      if (text.includes(']]>')) return `"]]>" in text at ${i + text.indexOf(']]>')}`;
      const problem = referenceProblem(text, i);
      if (problem) return problem;
    }
    if (lt < 0) break;
    i = lt;
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end < 0) return `unterminated comment at ${i}`;
      if (xml.slice(i + 4, end).includes('--') || xml[end - 1] === '-') return `"--" inside a comment at ${i}`;
      i = end + 3;
    } else if (xml.startsWith('<![CDATA[', i)) {
      if (open.length === 0) return `CDATA outside the root element at ${i}`;
      const end = xml.indexOf(']]>', i + 9);
      if (end < 0) return `unterminated CDATA section at ${i}`;
      i = end + 3;
    } else if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i + 2);
      const target = NAME.exec(xml.slice(i + 2));
      if (end < 0 || !target || target[0].toLowerCase() === 'xml') return `malformed processing instruction at ${i}`;
      i = end + 2;
    } else if (xml.startsWith('<!', i)) {
      return `unexpected markup declaration (DOCTYPE or similar) at ${i}`;
    } else if (xml.startsWith('</', i)) {
      const name = NAME.exec(xml.slice(i + 2));
      if (!name) return `malformed end tag at ${i}`;
      const close = /^\s*>/.exec(xml.slice(i + 2 + name[0].length));
      if (!close) return `malformed end tag </${name[0]} at ${i}`;
      const expected = open.pop();
      if (expected !== name[0]) return `end tag </${name[0]}> at ${i} closes <${expected ?? 'nothing'}>`;
      i += 2 + name[0].length + close[0].length;
    } else {
      const name = NAME.exec(xml.slice(i + 1));
      if (!name) return `"<" that starts no tag at ${i}`;
      if (open.length === 0 && ++roots > 1) return `second root element <${name[0]}> at ${i}`;
      let j = i + 1 + name[0].length;
      const seen = new Set<string>();
      for (;;) {
        const space = /^\s*/.exec(xml.slice(j))![0];
        j += space.length;
        if (xml.startsWith('/>', j)) {
          j += 2;
          break;
        }
        if (xml[j] === '>') {
          open.push(name[0]);
          j += 1;
          break;
        }
        if (!space) return `attributes of <${name[0]}> not separated by whitespace at ${j}`;
        const attr = /^([A-Za-z_:\p{L}][-A-Za-z0-9_:.\p{L}\p{N}]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/u.exec(xml.slice(j));
        if (!attr) return `malformed attribute in <${name[0]}> at ${j}`;
        if (seen.has(attr[1]!)) return `duplicate attribute ${attr[1]} in <${name[0]}> at ${j}`;
        seen.add(attr[1]!);
        const problem = referenceProblem(attr[2] ?? attr[3] ?? '', j);
        if (problem) return problem;
        j += attr[0].length;
      }
      i = j;
    }
  }
  if (open.length) return `unclosed <${open.at(-1)}> at the end of the document`;
  if (roots === 0) return 'no root element';
  return null;
}
