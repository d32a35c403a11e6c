/** Next's searchParams as flat strings: repeated keys (checkbox groups) become one comma-separated value. */
export function flattenSearchParams(params: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    flat[key] = Array.isArray(value) ? value.join(',') : value;
  }
  return flat;
}
