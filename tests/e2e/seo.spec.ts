import { expect, test, type APIRequestContext } from '@playwright/test';
import { baseURL } from './env';

/** The layout's description: a page that shows it has said nothing of its own. */
const siteDescription = /^The community-maintained comparison of service meshes/;

interface PageKind {
  name: string;
  path: string;
  /** Words the description must contain, so it is this page's own. */
  mentions: RegExp[];
  /** The preview image the page names. */
  image: RegExp;
  canonical: string;
}

/** Istio's newest release and the cell the matrix shows for mTLS, from the JSON API. */
async function findIstio(request: APIRequestContext): Promise<{ label: string }> {
  const matrix = (await (await request.get('/api/v1/matrix')).json()) as {
    meshes: { slug: string; version: { label: string } }[];
  };
  const istio = matrix.meshes.find((m) => m.slug === 'istio');
  if (!istio) throw new Error('the seeded matrix has no istio');
  return { label: istio.version.label };
}

function pageKinds(label: string): PageKind[] {
  const release = encodeURIComponent(label);
  const meshImage = /\/og\/meshes\/istio\.png$/;
  const matrixImage = /\/og\/matrix\.png$/;
  return [
    {
      name: 'matrix',
      path: '/',
      mentions: [/Istio/, /Linkerd/, /\d+ service meshes/],
      image: matrixImage,
      canonical: '/',
    },
    { name: 'filtered matrix', path: '/?q=tls', mentions: [/Istio/], image: matrixImage, canonical: '/' },
    { name: 'meshes', path: '/meshes', mentions: [/archived/], image: matrixImage, canonical: '/meshes' },
    { name: 'changes', path: '/changes', mentions: [/Approved changes/], image: matrixImage, canonical: '/changes' },
    {
      name: 'filtered changes',
      path: '/changes?mesh=istio',
      mentions: [/Approved changes/],
      image: matrixImage,
      canonical: '/changes',
    },
    { name: 'about', path: '/about', mentions: [/servicemesh\.es/], image: matrixImage, canonical: '/about' },
    { name: 'data quality', path: '/about/data', mentions: [/coverage/], image: matrixImage, canonical: '/about/data' },
    {
      name: 'needs checking',
      path: '/needs-checking',
      mentions: [/carried over/],
      image: matrixImage,
      canonical: '/needs-checking',
    },
    {
      name: 'compare',
      path: '/compare?meshes=istio,linkerd',
      mentions: [/side by side/],
      image: matrixImage,
      canonical: '/compare',
    },
    {
      name: 'mesh',
      path: '/meshes/istio',
      mentions: [new RegExp(`Istio ${label.replace(/\./g, '\\.')} across \\d+ features: \\d+ supported`)],
      image: meshImage,
      canonical: '/meshes/istio',
    },
    {
      name: 'release (query form)',
      path: `/meshes/istio?version=${release}`,
      mentions: [/Istio/],
      image: meshImage,
      canonical: `/meshes/istio/${release}`,
    },
    {
      name: 'cell',
      path: `/meshes/istio/${release}/mtls`,
      mentions: [new RegExp(`in Istio ${label.replace(/\./g, '\\.')}: (yes|partial|no|unknown)`), /What counts:/],
      image: meshImage,
      canonical: `/meshes/istio/${release}/mtls`,
    },
    {
      name: 'cell talk',
      path: `/meshes/istio/${release}/mtls/talk`,
      mentions: [/Discussion of/, /Istio/],
      image: meshImage,
      canonical: `/meshes/istio/${release}/mtls/talk`,
    },
    {
      name: 'release diff',
      path: '/meshes/istio/compare',
      mentions: [/What changed in Istio from/],
      image: meshImage,
      canonical: '/meshes/istio/compare',
    },
    {
      name: 'row',
      path: '/rows/mtls',
      mentions: [/service meshes: \d+ support it/],
      image: matrixImage,
      canonical: '/rows/mtls',
    },
  ];
}

test('every public page kind describes itself, names a canonical URL and a preview image that answers PNG', async ({
  page,
  request,
}) => {
  const { label } = await findIstio(request);
  const images = new Set<string>();
  for (const kind of pageKinds(label)) {
    await page.goto(kind.path);
    const description = (await page.locator('meta[name="description"]').getAttribute('content')) ?? '';
    expect.soft(description, `${kind.name}: a description of its own`).not.toMatch(siteDescription);
    for (const mention of kind.mentions) expect.soft(description, `${kind.name}: ${mention}`).toMatch(mention);
    expect
      .soft(await page.locator('meta[property="og:description"]').getAttribute('content'), kind.name)
      .toBe(description);
    const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
    // Next writes the root as `http://host` without its slash: compared as URLs, they are the same.
    expect
      .soft(canonical && new URL(canonical).href, `${kind.name}: canonical`)
      .toBe(new URL(kind.canonical, baseURL).href);
    const image = (await page.locator('meta[property="og:image"]').first().getAttribute('content')) ?? '';
    expect.soft(image, `${kind.name}: og:image`).toMatch(kind.image);
    expect.soft(new URL(image).origin, `${kind.name}: og:image is absolute`).toBe(baseURL);
    expect
      .soft(await page.locator('meta[name="twitter:card"]').getAttribute('content'), kind.name)
      .toBe('summary_large_image');
    images.add(image);
  }
  for (const image of images) {
    const response = await request.get(image);
    expect.soft(response.status(), image).toBe(200);
    expect.soft(response.headers()['content-type'], image).toBe('image/png');
    const body = await response.body();
    expect.soft(body.subarray(1, 4).toString('latin1'), image).toBe('PNG');
    // 1200 × 630, from the PNG header's width and height.
    expect.soft([body.readUInt32BE(16), body.readUInt32BE(20)], image).toEqual([1200, 630]);
  }
});

test('a preview image is cached: an unchanged one answers 304 to its ETag', async ({ request }) => {
  const first = await request.get('/og/meshes/istio.png');
  const etag = first.headers().etag;
  expect(etag).toMatch(/^"/);
  const again = await request.get('/og/meshes/istio.png', { headers: { 'If-None-Match': etag! } });
  expect(again.status()).toBe(304);
  expect((await request.get('/og/meshes/no-such-mesh.png')).status()).toBe(404);
});

test('robots.txt disallows the private areas and names the sitemap', async ({ request }) => {
  const response = await request.get('/robots.txt');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^text\/plain/);
  const text = await response.text();
  for (const path of ['/admin', '/review', '/api/auth', '/proposals', '/watchlist', '/signin'])
    expect(text).toContain(`Disallow: ${path}\n`);
  expect(text).toContain(`Sitemap: ${baseURL}/sitemap.xml`);
  expect(text).not.toMatch(/Disallow: \/\n/);
});

test('the sitemap index lists sitemap files of absolute URLs to the public pages', async ({ request }) => {
  const index = await request.get('/sitemap.xml');
  expect(index.status()).toBe(200);
  expect(index.headers()['content-type']).toMatch(/^application\/xml/);
  const files = [...(await index.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
  expect(files).toContain(`${baseURL}/sitemap/0.xml`);
  const { label } = await findIstio(request);
  const urls: string[] = [];
  for (const file of files) {
    const response = await request.get(file);
    expect(response.status(), file).toBe(200);
    urls.push(...[...(await response.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!));
  }
  expect(urls).toContain(`${baseURL}/`);
  expect(urls).toContain(`${baseURL}/meshes/istio`);
  expect(urls).toContain(`${baseURL}/meshes/istio/${encodeURIComponent(label)}/mtls`);
  for (const url of urls) {
    expect(url.startsWith(`${baseURL}/`), url).toBe(true);
    expect(new URL(url).pathname, url).not.toMatch(/^\/(admin|review|proposals|watchlist|signin|api\/auth)/);
  }
  const etag = index.headers().etag;
  expect((await request.get('/sitemap.xml', { headers: { 'If-None-Match': etag! } })).status()).toBe(304);
});

test('the icons and the web manifest answer', async ({ request }) => {
  for (const [path, type] of [
    ['/favicon.ico', /^image\/(x-icon|vnd\.microsoft\.icon)/],
    ['/favicon.svg', /^image\/svg\+xml/],
    ['/apple-touch-icon.png', /^image\/png/],
    ['/icon-192.png', /^image\/png/],
    ['/manifest.webmanifest', /^application\/manifest\+json/],
  ] as const) {
    const response = await request.get(path);
    expect.soft(response.status(), path).toBe(200);
    expect.soft(response.headers()['content-type'], path).toMatch(type);
  }
});
