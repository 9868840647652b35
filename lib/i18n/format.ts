/** Sizes, durations, dates, numbers and rates in the panel's locale, through Intl. */

export interface Formatters {
  bytes(bytes: number): string;
  /** A duration in seconds: "2 h 5 min", "45 s". */
  duration(seconds: number): string;
  date(iso: string | Date): string;
  time(iso: string | Date): string;
  number(value: number): string;
  percent(ratio: number): string;
  /** Bytes per second. */
  rate(bytesPerSecond: number): string;
}

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

export function createFormatters(locale: string): Formatters {
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'medium' });
  const unit = UNITS.map(
    (u) =>
      new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: u,
        unitDisplay: 'short',
        maximumFractionDigits: u === 'byte' || u === 'kilobyte' ? 0 : 1,
      }),
  );
  const smallKb = new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: 'kilobyte',
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  });
  const bytes = (value: number) => {
    // "507 byte" reads oddly in both languages: small sizes in kB.
    if (value > 0 && value < 1000) return smallKb.format(Math.max(0.1, value / 1000));
    let index = 0;
    let scaled = Math.max(0, value);
    while (scaled >= 1000 && index < UNITS.length - 1) {
      scaled /= 1000;
      index++;
    }
    return (unit[index] ?? number).format(scaled);
  };
  const part = (value: number, u: 'hour' | 'minute' | 'second') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short' }).format(value);
  return {
    bytes,
    duration(seconds) {
      const total = Math.max(0, Math.round(seconds));
      const h = Math.floor(total / 3600);
      const m = Math.floor((total % 3600) / 60);
      const s = total % 60;
      if (h > 0) return m > 0 ? `${part(h, 'hour')} ${part(m, 'minute')}` : part(h, 'hour');
      if (m > 0)
        return s > 0 && m < 10 ? `${part(m, 'minute')} ${part(s, 'second')}` : part(m, 'minute');
      return part(s, 'second');
    },
    date: (iso) => dateTime.format(typeof iso === 'string' ? new Date(iso) : iso),
    time: (iso) => time.format(typeof iso === 'string' ? new Date(iso) : iso),
    number: (value) => number.format(value),
    percent: (ratio) => percent.format(Math.min(1, Math.max(0, ratio))),
    rate: (bytesPerSecond) => `${bytes(bytesPerSecond)}/s`,
  };
}
