/**
 * Issue 16, part 1: a reading page needs no React in the browser. Its HTML is complete as rendered, the header's few
 * live parts are done by one small script (public/islands.js), and everything a reader does works without
 * JavaScript. So the server (lib/next/light-response.ts) takes Next's runtime out of the HTML of those pages: the
 * chunk scripts and their preloads, the Turbopack bootstrap and the inline RSC payload hydration would read.
 *
 * Only Next's own tags are removed, found by walking the markup tag by tag (attribute values and the text of script,
 * style, textarea and title elements are skipped as a whole), so a `<script` that is part of an attribute, a JSON-LD
 * block or escaped table text is never cut. The result depends on the input alone, so a validator computed over it is
 * as good as one over Next's bytes.
 */

/** What reading pages load instead of Next's runtime. */
export const ISLANDS_SCRIPT_PATH = '/islands.js';
export const ISLANDS_SCRIPT_TAG = `<script src="${ISLANDS_SCRIPT_PATH}" defer=""></script>`;

const NEXT_ASSET_PREFIX = '/_next/static/';
const NEXT_ERROR_SHELL_ID = '__next_error__';
/** Inline scripts Next writes: the RSC payload (both forms) and the Turbopack chunk bootstrap. */
const NEXT_INLINE_SCRIPT_STARTS = [
  'self.__next_f.push(',
  '(self.__next_f=self.__next_f||[]).push(',
  '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push(',
];
/** Elements whose content is not markup: a `<` inside them starts no tag. */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript', 'iframe', 'noembed']);

const TAG_NAME = /<([a-zA-Z][a-zA-Z0-9-]*)/y;
const TAG_END_OR_QUOTE = /[>"']/g;
const ATTRIBUTE = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/** The end tag of each raw text element, searched from where its content starts. */
const RAW_TEXT_CLOSERS = new Map([...RAW_TEXT_ELEMENTS].map((name) => [name, new RegExp(`</${name}[\\s/>]`, 'gi')]));

interface Tag {
  name: string;
  /** The text between the name and `>`; read into attributes only for the tags that may be Next's. */
  attributeText: string;
  /** Index just past the tag's `>`. */
  end: number;
}

/**
 * The start tag at `start`: its name, then everything up to the first `>` outside a quoted value. (The tokenizer of
 * the HTML standard takes a quote only after `=`; React writes no tag where that differs.)
 */
function readTag(html: string, start: number): Tag | null {
  TAG_NAME.lastIndex = start;
  const name = TAG_NAME.exec(html);
  if (!name) return null;
  const attributesStart = start + name[0].length;
  TAG_END_OR_QUOTE.lastIndex = attributesStart;
  for (;;) {
    const found = TAG_END_OR_QUOTE.exec(html);
    if (!found) return null;
    if (found[0] === '>')
      return {
        name: name[1]!.toLowerCase(),
        attributeText: html.slice(attributesStart, found.index),
        end: found.index + 1,
      };
    const close = html.indexOf(found[0], found.index + 1);
    if (close === -1) return null;
    TAG_END_OR_QUOTE.lastIndex = close + 1;
  }
}

function attributesOf(tag: Tag): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const [, name, doubleQuoted, singleQuoted, bare] of tag.attributeText.matchAll(ATTRIBUTE)) {
    const key = name!.toLowerCase();
    if (!attributes.has(key)) attributes.set(key, doubleQuoted ?? singleQuoted ?? bare ?? '');
  }
  return attributes;
}

function isNextScript(tag: Tag, content: string): boolean {
  const src = attributesOf(tag).get('src');
  if (src !== undefined) return src.startsWith(NEXT_ASSET_PREFIX);
  return NEXT_INLINE_SCRIPT_STARTS.some((start) => content.startsWith(start));
}

function isNextScriptPreload(tag: Tag): boolean {
  const attributes = attributesOf(tag);
  const rel = (attributes.get('rel') ?? '').toLowerCase().split(/\s+/);
  if (!(attributes.get('href') ?? '').startsWith(NEXT_ASSET_PREFIX)) return false;
  return rel.includes('modulepreload') || (rel.includes('preload') && attributes.get('as') === 'script');
}

/**
 * The page without Next's client runtime, loading public/islands.js instead. Markup with nothing of Next's in it comes
 * back unchanged, so a page that was never Next's gains no script; so does Next's error shell, which only the runtime
 * can fill.
 */
export function stripNextRuntime(html: string): string {
  const kept: string[] = [];
  let keptLength = 0;
  let copiedUpTo = 0;
  let removedAny = false;
  /** Where `</head>` lands in the result: the islands script goes just before it. */
  let headEndInResult = -1;
  const cut = (from: number, to: number) => {
    kept.push(html.slice(copiedUpTo, from));
    keptLength += from - copiedUpTo;
    copiedUpTo = to;
    removedAny = true;
  };
  let i = 0;
  while (i < html.length) {
    const open = html.indexOf('<', i);
    if (open === -1) break;
    if (html.startsWith('<!--', open)) {
      const close = html.indexOf('-->', open + 4);
      i = close === -1 ? html.length : close + 3;
      continue;
    }
    if (html.startsWith('<!', open) || html.startsWith('<?', open) || html.startsWith('</', open)) {
      if (headEndInResult === -1 && html.slice(open, open + 7).toLowerCase() === '</head>')
        headEndInResult = keptLength + (open - copiedUpTo);
      const close = html.indexOf('>', open);
      i = close === -1 ? html.length : close + 1;
      continue;
    }
    const tag = readTag(html, open);
    if (!tag) {
      i = open + 1;
      continue;
    }
    i = tag.end;
    // Next's error shell (a notFound() thrown while rendering) is empty: the not-found page comes with the payload.
    if (tag.name === 'html' && attributesOf(tag).get('id') === NEXT_ERROR_SHELL_ID) return html;
    if (RAW_TEXT_ELEMENTS.has(tag.name)) {
      const closerPattern = RAW_TEXT_CLOSERS.get(tag.name)!;
      closerPattern.lastIndex = tag.end;
      const closer = closerPattern.exec(html);
      const contentEnd = closer ? closer.index : html.length;
      const elementEnd = closer ? html.indexOf('>', contentEnd) + 1 : html.length;
      if (tag.name === 'script' && isNextScript(tag, html.slice(tag.end, contentEnd))) cut(open, elementEnd);
      i = elementEnd;
      continue;
    }
    if (tag.name === 'link' && isNextScriptPreload(tag)) cut(open, tag.end);
  }
  if (!removedAny) return html;
  kept.push(html.slice(copiedUpTo));
  const stripped = kept.join('');
  // A document without a head still gets the script, at its end, where it cannot change how the page is parsed.
  if (headEndInResult === -1) return stripped + ISLANDS_SCRIPT_TAG;
  return stripped.slice(0, headEndInResult) + ISLANDS_SCRIPT_TAG + stripped.slice(headEndInResult);
}
