/*
 * Keys that come from a request (`__proto__`, `constructor`) must become own
 * keys of the object built from them, never find or reach Object.prototype.
 */

export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Adds a message to a `{field: [messages]}` record under a field name that came from the request. */
export function addFieldError(errors: Record<string, string[]>, field: string, message: string): void {
  if (!Object.hasOwn(errors, field)) setOwn<string[]>(errors, field, []);
  errors[field]!.push(message);
}
