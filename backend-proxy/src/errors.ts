import {
  ERROR_SENTENCES,
  type ErrorCode,
  type ProxyError,
} from '../../lib/proxy-contract/index.ts';

/** The proxy's one error type: a stable code from the contract, a plain sentence, the cause. */
export class ProxyFailure extends Error {
  override readonly name = 'ProxyFailure';
  readonly code: ErrorCode;
  readonly details: Omit<ProxyError, 'code' | 'message'>;

  constructor(
    code: ErrorCode,
    message: string = ERROR_SENTENCES[code],
    options: { cause?: unknown; details?: Omit<ProxyError, 'code' | 'message'> } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }

  toJSON(): ProxyError {
    return { code: this.code, message: this.message, ...this.details };
  }
}

export function isProxyFailure(value: unknown): value is ProxyFailure {
  return value instanceof Error && value.name === 'ProxyFailure' && 'code' in value;
}
