/**
 * API paths with their parameters URL-encoded. E-mail addresses carry `@` and `+` (a raw `+` may be
 * read as a space), and a service name could in principle carry `/` or `,` (the batch separator).
 */

/** ``ovhPath`/email/pro/${service}/account/${email}` `` encodes every interpolated value. */
export function ovhPath(strings: TemplateStringsArray, ...values: (string | number)[]): string {
  return strings.reduce(
    (path, literal, index) =>
      index === 0 ? literal : `${path}${encodeURIComponent(String(values[index - 1]))}${literal}`,
    '',
  );
}

/**
 * Fills a path template as written in OvhCloud's schemas: `fillPath('/email/pro/{service}', {service})`.
 * Throws on a missing parameter rather than sending `{service}` to the API.
 */
export function fillPath(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`fillPath: no value for {${name}} in ${template}`);
    return encodeURIComponent(String(value));
  });
}
