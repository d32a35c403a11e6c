import type { FormField } from './structure-form';

/** The fields of a row, for adding one (with slug and kind, fixed once set) or editing it. */
export function featureFields(current?: {
  name: string;
  definition: string;
  referenceUrl: string | null;
}): FormField[] {
  const words: FormField[] = [
    { name: 'name', label: 'Name', required: true, defaultValue: current?.name },
    {
      name: 'definition',
      label: 'Definition',
      kind: 'textarea',
      hint: 'One sentence: what counts as support (or, for a text row, what the value names).',
      required: true,
      defaultValue: current?.definition,
    },
    {
      name: 'referenceUrl',
      label: 'Reference link (optional)',
      hint: 'For example the spec the row is about; https://',
      plain: true,
      defaultValue: current?.referenceUrl ?? undefined,
    },
  ];
  if (current) return words;
  return [
    words[0]!,
    {
      name: 'slug',
      label: 'Slug (optional)',
      hint: 'Used in every cell address and cannot change later; derived from the name when left blank.',
      plain: true,
    },
    ...words.slice(1),
    {
      name: 'kind',
      label: 'Kind',
      kind: 'select',
      options: [
        { value: 'support', label: 'Support level (yes, partial, no, unknown)' },
        { value: 'text', label: 'Text (a name, a list, a short answer)' },
      ],
    },
  ];
}
