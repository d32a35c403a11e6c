import { describe, expect, it } from 'vitest';
import { linkifyText } from '@/lib/rules/linkify';

const links = (text: string) => linkifyText(text).filter((p) => p.kind === 'link');

describe('linkifyText', () => {
  it('keeps plain text as one text part', () => {
    expect(linkifyText('What does this row mean?')).toEqual([{ kind: 'text', text: 'What does this row mean?' }]);
    expect(linkifyText('')).toEqual([]);
  });

  it('makes http and https addresses links and keeps the text around them', () => {
    expect(linkifyText('See https://istio.io/docs and http://a.example/x?y=1#z now')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://istio.io/docs', href: 'https://istio.io/docs' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'http://a.example/x?y=1#z', href: 'http://a.example/x?y=1#z' },
      { kind: 'text', text: ' now' },
    ]);
  });

  it('leaves trailing punctuation out of the link', () => {
    expect(links('Read https://a.example/b.')[0]).toMatchObject({ href: 'https://a.example/b' });
    expect(links('(see https://a.example/b), then')[0]).toMatchObject({ href: 'https://a.example/b' });
    expect(links('really? https://a.example/b?!')[0]).toMatchObject({ href: 'https://a.example/b' });
    expect(links('https://en.wikipedia.org/wiki/Mesh_(networking).')[0]).toMatchObject({
      href: 'https://en.wikipedia.org/wiki/Mesh_(networking)',
    });
    expect(linkifyText('x https://a.example/b.').at(-1)).toEqual({ kind: 'text', text: '.' });
  });

  it('never links other schemes', () => {
    for (const hostile of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(document.cookie)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'ftp://a.example/x',
      '//a.example/x',
    ]) {
      expect(links(hostile)).toEqual([]);
      expect(
        linkifyText(hostile)
          .map((p) => p.text)
          .join(''),
      ).toBe(hostile);
    }
  });

  it('keeps markup as text and stops a link at markup or quotes', () => {
    const hostile =
      '<a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)>https://a.example/"onmouseover="alert(1)';
    const parts = linkifyText(hostile);
    expect(parts.map((p) => p.text).join('')).toBe(hostile);
    expect(parts.filter((p) => p.kind === 'link')).toEqual([
      { kind: 'link', text: 'https://a.example/', href: 'https://a.example/' },
    ]);
    expect(links('https://a.example/<script>alert(1)</script>')[0]).toMatchObject({ href: 'https://a.example/' });
  });

  it('does not link a bare scheme or an address with no host', () => {
    expect(links('https:// and http://')).toEqual([]);
    expect(links('https://.')).toEqual([]);
  });

  it('hides no text: the parts always join back to the input', () => {
    const input = 'a https://x.example/(y)) b http://z.example, c https://q.example/a?b=c&d=<e> javascript:x';
    expect(
      linkifyText(input)
        .map((p) => p.text)
        .join(''),
    ).toBe(input);
  });
});
