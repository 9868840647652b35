// The kit's icons as SVG path data (20×20 viewBox): plain data, so the launcher can draw one
// without Preact.

export type IconName =
  | 'info'
  | 'success'
  | 'warning'
  | 'critical'
  | 'close'
  | 'pending'
  | 'running'
  | 'skipped'
  | 'migrate'
  | 'check'
  | 'cross';

export const ICON_PATHS: Record<IconName, string> = {
  info: 'M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm1 12H9V9h2v5Zm0-7H9V5h2v2Z',
  success:
    'M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm-1.2 11.4L5 9.6l1.4-1.4 2.4 2.4 4.8-4.8L15 7.2l-6.2 6.2Z',
  warning: 'M10 2 1 18h18L10 2Zm1 13H9v-2h2v2Zm0-4H9V7h2v4Z',
  critical:
    'M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm3.5 10.1-1.4 1.4L10 11.4l-2.1 2.1-1.4-1.4L8.6 10 6.5 7.9l1.4-1.4L10 8.6l2.1-2.1 1.4 1.4-2.1 2.1 2.1 2.1Z',
  close:
    'm15.7 5.7-1.4-1.4L10 8.6 5.7 4.3 4.3 5.7 8.6 10l-4.3 4.3 1.4 1.4 4.3-4.3 4.3 4.3 1.4-1.4-4.3-4.3 4.3-4.3Z',
  pending: 'M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm0 14a6 6 0 1 1 0-12 6 6 0 0 1 0 12Z',
  running: 'M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm0 14a6 6 0 1 1 0-12v6l4.2 4.2A6 6 0 0 1 10 16Z',
  skipped: 'M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16ZM5 9h10v2H5V9Z',
  migrate:
    'M3 6h10.2l-2.6-2.6L12 2l5 5-5 5-1.4-1.4L13.2 8H3V6Zm14 8H6.8l2.6 2.6L8 18l-5-5 5-5 1.4 1.4L6.8 12H17v2Z',
  check: 'm8 13.2-3.6-3.6L3 11l5 5 9-9-1.4-1.4L8 13.2Z',
  cross:
    'm15.7 5.7-1.4-1.4L10 8.6 5.7 4.3 4.3 5.7 8.6 10l-4.3 4.3 1.4 1.4 4.3-4.3 4.3 4.3 1.4-1.4-4.3-4.3 4.3-4.3Z',
};
