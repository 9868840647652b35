// The API's error replies: always `{class, message}` (plus `details` for IAM denials), the way
// OVHcloud's API v6 answers. Handlers throw these; the API layer turns them into responses.

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  /** OVHcloud's `class` field, e.g. `Client::NotFound`. */
  readonly errorClass: string;
  readonly details: Readonly<Record<string, string>> | undefined;
  /** Extra response headers (`Retry-After` on a 429). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    errorClass: string,
    message: string,
    details?: Readonly<Record<string, string>>,
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.status = status;
    this.errorClass = errorClass;
    this.details = details;
    this.headers = headers;
  }

  toBody(): { class: string; message: string; details?: Readonly<Record<string, string>> } {
    return this.details === undefined
      ? { class: this.errorClass, message: this.message }
      : { class: this.errorClass, message: this.message, details: this.details };
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof Error && value.name === 'ApiError';
}

export const badRequest = (message: string) => new ApiError(400, 'Client::BadRequest', message);
export const forbidden = (message: string) => new ApiError(403, 'Client::Forbidden', message);
export const notFound = (message: string) => new ApiError(404, 'Client::NotFound', message);
export const conflict = (message: string) => new ApiError(409, 'Client::Conflict', message);

/** What the real API answers for a path (or a path + method) it does not have. */
export const invalidUrl = () => notFound('Got an invalid (or empty) URL');

/** The object named in the path does not exist (OVHcloud's wording for objects). */
export const objectNotFound = (what: string, id: string) =>
  notFound(`The requested object (${what} = ${id}) does not exist`);
