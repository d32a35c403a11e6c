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
 * Markers around server-built markup (app/_components/html-once.tsx). Everything between them is our own escaped
 * markup, with no element of Next's and no raw text element, so the walk jumps over it: on a release diff that is nine
 * tenths of the page. Only a comment the walk itself reaches counts, so the same characters inside an attribute or a
 * script mark nothing; and since escaped text cannot hold a `<`, no stored string can end the region early.
 */
export const RAW_MARKUP_START = '<!--mm-raw-->';
export const RAW_MARKUP_END = '<!--/mm-raw-->';

/** What stripping a page takes out (ranges of the input, in order) and where the islands script goes in. */
interface StripPlan {
  cuts: [number, number][];
  /** Index in the input just before `</head>`, or the input's length for a document without a head. */
  insertAt: number;
}

/** Null when nothing is to change: markup with nothing of Next's in it, or Next's error shell, which only the runtime can fill. */
function planStrip(html: string): StripPlan | null {
  const cuts: [number, number][] = [];
  let headEnd = -1;
  let i = 0;
  while (i < html.length) {
    const open = html.indexOf('<', i);
    if (open === -1) break;
    if (html.startsWith('<!--', open)) {
      if (html.startsWith(RAW_MARKUP_START, open)) {
        const end = html.indexOf(RAW_MARKUP_END, open + RAW_MARKUP_START.length);
        if (end !== -1) {
          i = end + RAW_MARKUP_END.length;
          continue;
        }
      }
      const close = html.indexOf('-->', open + 4);
      i = close === -1 ? html.length : close + 3;
      continue;
    }
    if (html.startsWith('<!', open) || html.startsWith('<?', open) || html.startsWith('</', open)) {
      if (headEnd === -1 && html.slice(open, open + 7).toLowerCase() === '</head>') headEnd = open;
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
    if (tag.name === 'html' && attributesOf(tag).get('id') === NEXT_ERROR_SHELL_ID) return null;
    if (RAW_TEXT_ELEMENTS.has(tag.name)) {
      const closerPattern = RAW_TEXT_CLOSERS.get(tag.name)!;
      closerPattern.lastIndex = tag.end;
      const closer = closerPattern.exec(html);
      const contentEnd = closer ? closer.index : html.length;
      const elementEnd = closer ? html.indexOf('>', contentEnd) + 1 : html.length;
      if (tag.name === 'script' && isNextScript(tag, html.slice(tag.end, contentEnd))) cuts.push([open, elementEnd]);
      i = elementEnd;
      continue;
    }
    if (tag.name === 'link' && isNextScriptPreload(tag)) cuts.push([open, tag.end]);
  }
  if (cuts.length === 0) return null;
  // A document without a head still gets the script, at its end, where it cannot change how the page is parsed.
  return { cuts, insertAt: headEnd === -1 ? html.length : headEnd };
}

/** The kept pieces of the input, in order, with the islands script between the two around `insertAt`. */
function piecesOf<T>(plan: StripPlan, length: number, slice: (from: number, to: number) => T, tag: T): T[] {
  const pieces: T[] = [];
  let from = 0;
  let inserted = false;
  const keep = (to: number) => {
    if (!inserted && plan.insertAt <= to) {
      if (from < plan.insertAt) pieces.push(slice(from, plan.insertAt));
      pieces.push(tag);
      inserted = true;
      from = Math.max(from, plan.insertAt);
    }
    if (from < to) pieces.push(slice(from, to));
  };
  for (const [start, end] of plan.cuts) {
    keep(start);
    from = Math.max(from, end);
  }
  keep(length);
  return pieces;
}

/**
 * The page without Next's client runtime, loading public/islands.js instead. Markup with nothing of Next's in it comes
 * back unchanged, so a page that was never Next's gains no script; so does Next's error shell, which only the runtime
 * can fill.
 */
export function stripNextRuntime(html: string): string {
  const plan = planStrip(html);
  if (!plan) return html;
  return piecesOf(plan, html.length, (from, to) => html.slice(from, to), ISLANDS_SCRIPT_TAG).join('');
}

const ISLANDS_SCRIPT_BYTES = Buffer.from(ISLANDS_SCRIPT_TAG, 'latin1');

/**
 * The same for a page's bytes. They are read as latin1, one character per byte: everything the walk looks for is
 * ASCII, and no byte of a multi-byte UTF-8 character is, so an index in the text is an index in the bytes, and the
 * kept bytes are copied as they are, never decoded and encoded again.
 */
export function stripNextRuntimeBytes(html: Buffer): Buffer {
  const plan = planStrip(html.toString('latin1'));
  if (!plan) return html;
  return Buffer.concat(piecesOf(plan, html.length, (from, to) => html.subarray(from, to), ISLANDS_SCRIPT_BYTES));
}
