/** The colour of error text under a field or a form, light and dark. */
export const errorTextClass = 'text-sm text-rose-700 dark:text-rose-300';

/**
 * The error under one input, always rendered so the input's `aria-describedby` resolves and the
 * message is announced when a `useActionState` submit brings one back.
 */
export function FieldError({
  id,
  messages,
  className = 'mt-1',
}: {
  id: string;
  messages: readonly string[] | string | null | undefined;
  className?: string;
}) {
  return (
    <p id={id} aria-live="polite" className={`${className} ${errorTextClass}`}>
      {typeof messages === 'string' ? messages : messages?.join(' ')}
    </p>
  );
}
