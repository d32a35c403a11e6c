/**
 * A column or row heading split into the name to match and what the table adds
 * to it: a parenthetical ("formerly Maesh", "OSM", "beta") and footnote markers.
 * A release number stays in the name; the mapper splits it off itself.
 */
import { collapseWhitespace, decodeEntities, splitTrailingMarkers } from './inline-text';

export interface Heading {
  name: string;
  qualifier: string | null;
  markers: string[];
}

const versionOnly = /^v?\d+(?:\.\d+)*[A-Za-z0-9.+_-]*$/;
const imageFile = /\.(?:svg|png|jpe?g|gif|webp)$/i;
/** Words that logo alt texts and file names put around the mesh's name: `istio-blue-logo`, `Istio logo`, `logo-kuma`. */
const logoWord = String.raw`(?:logo|logotype|icon|wordmark|mark|blue|white|black|dark|light|colou?r|horizontal|vertical|stacked|full|mono)`;
const leadingLogoWords = new RegExp(String.raw`^(?:${logoWord}[\s_-]+)+`, 'i');
const trailingLogoWords = new RegExp(String.raw`(?:[\s_-]+${logoWord})+$`, 'i');
const namesALogo = /(?:^|[\s_-])(?:logo|logotype|icon|wordmark)(?:$|[\s_-])/i;
/** `Traefik Mesh, formerly Maesh`: a former name written without parentheses. */
const trailingFormerName = /^(.*?\S)\s*(?:[,;–—]|\s-)\s*((?:formerly|previously|aka|a\.k\.a\.|née|ex)\s+\S.*)$/i;

function stripMarkup(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<img\b[^>]*\balt\s*=\s*(?:"([^"]*)"|'([^']*)')[^>]*>/gi, ' $1$2 ')
    .replace(/<\/?[a-zA-Z][^>]*>/g, ' ')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*\\])\*(?=\S)([^*]*?\S)\*(?![\w*])/g, '$1$2')
    .replace(/(^|[^\w\\])_(?=[^\s_])([^_]*?[^\s_])_(?!\w)/g, '$1$2')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1');
}

/** "istio-blue-logo" -> "Istio", "Istio logo" -> "Istio"; anything without a logo word stays as it is. */
function withoutLogoWords(name: string): string {
  const bare = name.replace(imageFile, '');
  if (!namesALogo.test(bare)) return name;
  const kept = bare.replace(trailingLogoWords, '').replace(leadingLogoWords, '').trim();
  if (!kept) return name;
  // A file-name style alt text ("aws-app-mesh") has lost its capitals; give them back so it reads as a name.
  if (kept !== kept.toLowerCase()) return kept;
  return kept
    .split(/[\s_-]+/)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
}

/** The last balanced parenthetical ending the text: `Consul (beta)` -> [`Consul`, `beta`]. */
function trailingParenthetical(text: string): [string, string] | null {
  if (!text.endsWith(')')) return null;
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] === ')') depth++;
    else if (text[i] === '(' && --depth === 0) {
      const before = text.slice(0, i).trim();
      return before ? [before, text.slice(i + 1, -1).trim()] : null;
    }
  }
  return null;
}

/**
 * "Traefik Mesh (formerly Maesh)" -> {name: "Traefik Mesh", qualifier: "formerly Maesh"}; "Open Service Mesh (OSM)"
 * -> qualifier "OSM"; "Istio*" -> markers ["*"]; "Kuma [1]" -> markers ["[1]"]; "**Linkerd**" -> "Linkerd";
 * "istio-logo" and "Istio logo" -> "Istio"; "Consul (beta)" -> qualifier "beta". "Istio 1.9" and "Istio (1.9)" keep
 * the version in the name.
 */
export function readHeading(heading: string): Heading {
  let name = collapseWhitespace(decodeEntities(stripMarkup(heading)));
  const markers: string[] = [];
  const takeMarkers = () => {
    const split = splitTrailingMarkers(name);
    if (split.body === '') return;
    markers.unshift(...split.markers);
    name = split.body;
  };
  takeMarkers();
  name = withoutLogoWords(name);
  let qualifier: string | null = null;
  const parenthetical = trailingParenthetical(name);
  if (parenthetical && parenthetical[1] && !versionOnly.test(parenthetical[1])) {
    [name, qualifier] = parenthetical;
  } else {
    const former = trailingFormerName.exec(name);
    if (former) {
      name = former[1]!;
      qualifier = former[2]!;
    }
  }
  takeMarkers();
  return { name, qualifier, markers };
}
