/**
 * Next decides whether a page a write revalidated has expired by comparing the revalidation's time, from Date.now(),
 * with performance.timeOrigin + performance.now(): a monotonic clock counted from the process start. When the wall
 * clock is stepped forward (time sync on a busy virtual machine), the monotonic one lags behind it by the step, and for
 * that long every page a write revalidates is still served as fresh; the light server (lib/next/light-response.ts)
 * then keeps that old copy until the next write. Deriving timeOrigin from the wall clock makes both sides one clock.
 */
export function alignPerformanceClock(): void {
  Object.defineProperty(performance, 'timeOrigin', {
    configurable: true,
    enumerable: true,
    get: () => Date.now() - performance.now(),
  });
}
