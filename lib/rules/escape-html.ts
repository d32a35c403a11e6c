import { stripXmlInvalid } from './text-policy';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text made safe for HTML and XML content and quoted attributes: the one escaping rule for markup built as strings.
 * Characters no XML document may hold (controls, lone surrogates, stored before the text policy) are dropped, so no
 * stored string can make the feed or the HTML-string matrix invalid.
 */
export function escapeHtml(text: string): string {
  return stripXmlInvalid(text).replace(/[&<>"']/g, (c) => entities[c]!);
}
