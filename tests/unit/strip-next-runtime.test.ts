import { describe, expect, it } from 'vitest';
import {
  ISLANDS_SCRIPT_TAG,
  RAW_MARKUP_END,
  RAW_MARKUP_START,
  stripNextRuntime,
  stripNextRuntimeBytes,
} from '@/lib/rules/strip-next-runtime';

/** The shape of a page as Next 16 (Turbopack) writes it, with `body` in the middle. */
function nextPage(body: string, head = ''): string {
  return [
    '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>',
    '<link rel="stylesheet" href="/_next/static/chunks/site.css" data-precedence="next"/>',
    '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/turbopack-a.js"/>',
    '<script src="/_next/static/chunks/a.js" async=""></script>',
    '<script src="/_next/static/chunks/b.js" async=""></script>',
    head,
    '<title>A page</title>',
    '<script src="/_next/static/chunks/polyfills.js" noModule=""></script>',
    '</head><body>',
    body,
    '<script id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":[]});</script>',
    '<script>(self.__next_f=self.__next_f||[]).push([0])</script>',
    '<script>self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n"])</script>',
    '</body></html>',
  ].join('');
}

/** The same page as a reader gets it. */
function lightPage(body: string, head = ''): string {
  return [
    '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>',
    '<link rel="stylesheet" href="/_next/static/chunks/site.css" data-precedence="next"/>',
    head,
    '<title>A page</title>',
    ISLANDS_SCRIPT_TAG,
    '</head><body>',
    body,
    '</body></html>',
  ].join('');
}

describe('stripNextRuntime', () => {
  it("removes Next's scripts, preloads and payload, keeps the stylesheet, and loads the islands script in the head", () => {
    const body = '<main><table><tr><td>yes</td></tr></table></main>';
    expect(stripNextRuntime(nextPage(body))).toBe(lightPage(body));
  });

  it('leaves markup with nothing of Next in it alone, adding no script', () => {
    const embed = '<!DOCTYPE html><html><head><title>Embed</title></head><body><p>yes</p></body></html>';
    expect(stripNextRuntime(embed)).toBe(embed);
  });

  it('keeps scripts that are not Next’s: other sources, JSON-LD, React’s own inline scripts', () => {
    const head =
      '<script src="/islands-other.js" defer=""></script><script type="application/ld+json">{"a":"b"}</script>';
    const body =
      '<div hidden id="S:0">late</div><script>$RC("B:0","S:0")</script><script src="https://cdn.example/x.js"></script>';
    expect(stripNextRuntime(nextPage(body, head))).toBe(lightPage(body, head));
  });

  it('never cuts a `<script` that is only text: in an attribute, in escaped table text, or inside another raw element', () => {
    const body = [
      `<a title="<script src='/_next/static/chunks/a.js'></script>" href="/x">x</a>`,
      '<td data-note=\'<script>self.__next_f.push([1,"x"])</script>\'>&lt;script src=&quot;/_next/static/chunks/a.js&quot;&gt;&lt;/script&gt;</td>',
      '<textarea><script src="/_next/static/chunks/a.js"></script></textarea>',
      '<!-- <script src="/_next/static/chunks/a.js"></script> -->',
      '<style>a::after { content: "<script src=\\"/_next/static/chunks/a.js\\"></script>" }</style>',
    ].join('');
    expect(stripNextRuntime(nextPage(body))).toBe(lightPage(body));
  });

  it('does not take a JSON-LD block that quotes a Next script tag for one, nor a `</head>` in it for the head’s end', () => {
    // A script's text cannot hold `</script`, so the quoted tag is an opening one.
    const head =
      '<script type="application/ld+json">{"x":"<script src=\\"/_next/static/chunks/a.js\\" async>","y":"</head>"}</script>';
    expect(stripNextRuntime(nextPage('<p>x</p>', head))).toBe(lightPage('<p>x</p>', head));
  });

  it('removes a Next chunk script whatever its attribute order or quoting, and module preloads of chunks', () => {
    const head =
      "<script async src='/_next/static/chunks/c.js'></script><link href=/_next/static/chunks/d.js rel=modulepreload>";
    expect(stripNextRuntime(nextPage('<p>x</p>', head))).toBe(lightPage('<p>x</p>'));
  });

  it('keeps preloads that are not Next’s scripts (fonts, images, other scripts)', () => {
    const head =
      '<link rel="preload" as="font" href="/_next/static/media/f.woff2"/><link rel="preload" as="script" href="/islands.js"/>';
    expect(stripNextRuntime(nextPage('<p>x</p>', head))).toBe(lightPage('<p>x</p>', head));
  });

  it('leaves Next’s error shell whole: its not-found page is drawn from the payload', () => {
    const shell = nextPage('<div hidden=""><!--$--><!--/$--></div>').replace(
      '<html lang="en">',
      '<html id="__next_error__">',
    );
    expect(stripNextRuntime(shell)).toBe(shell);
  });

  it('is deterministic, and stripping twice changes nothing more', () => {
    const page = nextPage('<p>x</p>');
    const once = stripNextRuntime(page);
    expect(stripNextRuntime(page)).toBe(once);
    expect(stripNextRuntime(once)).toBe(once);
  });

  it('puts the islands script at the end of a document without a head', () => {
    expect(stripNextRuntime('<p>x</p><script src="/_next/static/chunks/a.js"></script>')).toBe(
      `<p>x</p>${ISLANDS_SCRIPT_TAG}`,
    );
  });

  it('puts the islands script in the head when a removed script ends just before </head>', () => {
    expect(
      stripNextRuntime('<head><title>t</title><script src="/_next/static/chunks/a.js"></script></head><p>x</p>'),
    ).toBe(`<head><title>t</title>${ISLANDS_SCRIPT_TAG}</head><p>x</p>`);
  });

  it('jumps over server-built markup between the markers, and only where the walk meets them as a comment', () => {
    // Nothing between the markers is read, so even a tag of Next's there stays: the walk never looked at it.
    const table = '<table><tr><td><script src="/_next/static/chunks/x.js"></script></td></tr></table>';
    const block = `<div>${RAW_MARKUP_START}${table}${RAW_MARKUP_END}</div>`;
    expect(stripNextRuntime(nextPage(block))).toBe(lightPage(block));
    // The start marker inside an attribute value or a script's text marks nothing: Next's script after it still goes.
    const quoted = `<p title="${RAW_MARKUP_START}">a</p><script src="/_next/static/chunks/c.js"></script><p>${RAW_MARKUP_END}</p>`;
    expect(stripNextRuntime(nextPage(quoted))).toBe(
      lightPage(`<p title="${RAW_MARKUP_START}">a</p><p>${RAW_MARKUP_END}</p>`),
    );
    // A start marker with no end is an ordinary comment.
    const open = `${RAW_MARKUP_START}<script src="/_next/static/chunks/c.js"></script><p>b</p>`;
    expect(stripNextRuntime(nextPage(open))).toBe(lightPage(`${RAW_MARKUP_START}<p>b</p>`));
  });
});

describe('stripNextRuntimeBytes', () => {
  it('gives the bytes of what stripNextRuntime gives, multi-byte characters untouched', () => {
    const pages = [
      nextPage('<p>Ünïcödé ✓ 日本語 🙂</p>'),
      nextPage(`<div>${RAW_MARKUP_START}<table><tr><td>≈ ◷</td></tr></table>${RAW_MARKUP_END}</div>`),
      '<p>x</p><script src="/_next/static/chunks/a.js"></script>',
      '<p>nothing of Next’s</p>',
    ];
    for (const page of pages) {
      const bytes = Buffer.from(page, 'utf8');
      expect(stripNextRuntimeBytes(bytes).toString('utf8')).toBe(stripNextRuntime(page));
    }
  });

  it('hands back the same buffer when there is nothing to take out', () => {
    const bytes = Buffer.from('<p>plain</p>');
    expect(stripNextRuntimeBytes(bytes)).toBe(bytes);
  });
});
