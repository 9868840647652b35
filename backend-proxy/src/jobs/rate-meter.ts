/** Bytes and messages per second over a sliding window, for the progress rate and the ETA. */
export class RateMeter {
  readonly #windowMs: number;
  readonly #samples: { at: number; bytes: number }[] = [];
  readonly #startedAt = Date.now();

  constructor(windowMs = 10_000) {
    this.#windowMs = windowMs;
  }

  /** One message handled; `bytes` is 0 when it was skipped (already on the destination). */
  add(bytes: number, at = Date.now()): void {
    if (bytes <= 0) return;
    this.#samples.push({ at, bytes });
    this.#trim(at);
  }

  rates(at = Date.now()): { bytesPerSecond: number; messagesPerSecond: number } {
    this.#trim(at);
    if (this.#samples.length === 0) return { bytesPerSecond: 0, messagesPerSecond: 0 };
    // Until a full window has passed, divide by the time since the run began, not the window.
    const span = Math.max(1000, Math.min(this.#windowMs, at - this.#startedAt));
    const bytes = this.#samples.reduce((sum, s) => sum + s.bytes, 0);
    return {
      bytesPerSecond: (bytes * 1000) / span,
      messagesPerSecond: (this.#samples.length * 1000) / span,
    };
  }

  #trim(now: number): void {
    while (this.#samples[0] && now - this.#samples[0].at > this.#windowMs) this.#samples.shift();
  }
}
