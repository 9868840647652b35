// Splits what an IMAP server sends into whole responses: a line, and any literal it announces
// (`{n}` at a line's end) with the rest of the response after it. Our own APPEND connection only
// needs each response's first line, so literal bytes are counted and dropped, never buffered.

/** A response line longer than this is a broken or hostile server. */
export const MAX_RESPONSE_LINE = 1024 * 1024;

const LITERAL_AT_END = /~?\{(\d{1,10})\+?\}$/;

export class ResponseFramingError extends Error {
  override readonly name = 'ResponseFramingError';
}

export class ResponseReader {
  readonly #onResponse: (firstLine: string) => void;
  #pending: Buffer[] = [];
  #pendingLength = 0;
  /** Literal bytes still to skip before the response goes on. */
  #skip = 0;
  /** The first line of the response being read, while its literals are skipped. */
  #first: string | undefined;

  constructor(onResponse: (firstLine: string) => void) {
    this.#onResponse = onResponse;
  }

  /** Feeds bytes; calls back once per complete response. Throws ResponseFramingError. */
  push(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.#skip > 0) {
        const take = Math.min(this.#skip, chunk.length - offset);
        this.#skip -= take;
        offset += take;
        continue;
      }
      const newline = chunk.indexOf(0x0a, offset);
      if (newline < 0) {
        this.#pending.push(chunk.subarray(offset));
        this.#pendingLength += chunk.length - offset;
        if (this.#pendingLength > MAX_RESPONSE_LINE) {
          throw new ResponseFramingError('the server sent an over-long response line');
        }
        return;
      }
      const piece = chunk.subarray(offset, newline + 1);
      const whole =
        this.#pendingLength > 0 ? Buffer.concat([...this.#pending, piece]) : Buffer.from(piece);
      this.#pending = [];
      this.#pendingLength = 0;
      offset = newline + 1;
      const line = whole.toString('utf8').replace(/\r?\n$/, '');
      this.#first ??= line;
      const literal = LITERAL_AT_END.exec(line);
      if (literal?.[1] !== undefined) {
        this.#skip = Number(literal[1]);
        continue;
      }
      const first = this.#first;
      this.#first = undefined;
      this.#onResponse(first);
    }
  }
}
