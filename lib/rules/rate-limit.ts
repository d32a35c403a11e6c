export interface RateLimitDecision {
  allowed: boolean;
  /** Whole seconds until this key may try again (0 when allowed). */
  retryAfterSeconds: number;
}

/**
 * A fixed-window counter per key (a client address, an account): at most
 * `limit` takes per window. It holds at most `maxKeys` keys, dropping the
 * oldest windows first, so a flood of made-up keys cannot grow it without
 * bound. One process holds one SQLite primary (see the README), so one
 * process-wide counter is the whole truth.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  take(key: string, now = Date.now()): RateLimitDecision {
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      this.windows.delete(key);
      this.prune(now);
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    if (window.count >= this.limit)
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) };
    window.count += 1;
    return { allowed: true, retryAfterSeconds: 0 };
  }

  private prune(now: number) {
    if (this.windows.size < this.maxKeys) return;
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
    // Insertion order is the order windows opened: the oldest go first.
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}
