import { describe, expect, it } from 'vitest';
import { xmlWellFormedProblem } from '@/tests/support/xml-well-formed';

// The soak's verdict on the Atom feed rests on this check, so it must refuse what a real parser refuses.
describe('xmlWellFormedProblem', () => {
  it('accepts a feed-like document with references, comments, CDATA and both quote styles', () => {
    const xml =
      '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">a &amp; b &#x41; 1 > 0</title>' +
      "<link href='x?a=1&amp;b=2' /><!-- c --><![CDATA[<x>]]></feed>\n";
    expect(xmlWellFormedProblem(xml)).toBeNull();
  });

  it.each([
    ['crossed tags', '<a><b></a></b>'],
    ['a bare ampersand', '<a>x & y</a>'],
    ['an HTML entity', '<a>x &nbsp; y</a>'],
    ['a duplicate attribute', '<a b="1" b="2"/>'],
    ['an unquoted attribute', '<a b=1/>'],
    ['attributes run together', '<a x="1"y="2"/>'],
    ['two roots', '<a/><b/>'],
    ['an unclosed element', '<a>'],
    ['text before the root', 'text<a/>'],
    ['a stray <', '<a>1 < 2</a>'],
    [']]> in text', '<a>]]></a>'],
    ['-- in a comment', '<a><!-- a -- b --></a>'],
    ['a control character', '<a>\u0001</a>'],
    ['a reference to a control character', '<a>&#1;</a>'],
    ['a DOCTYPE', '<!DOCTYPE a><a/>'],
  ])('refuses %s', (_, xml) => {
    expect(xmlWellFormedProblem(xml)).not.toBeNull();
  });
});
