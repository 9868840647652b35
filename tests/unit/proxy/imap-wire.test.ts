import { describe, expect, it } from 'vitest';
import {
  MAX_RESPONSE_LINE,
  ResponseReader,
} from '../../../backend-proxy/src/imap/response-reader.ts';
import {
  encodeMailboxName,
  expandUidSet,
  flagListArgument,
  internalDateArgument,
  mailboxArgument,
  parseStatusLine,
  quoted,
} from '../../../backend-proxy/src/imap/wire.ts';
import { encodeModifiedUtf7 } from '../../fixtures/maildir.ts';

describe('IMAP syntax our APPEND connection writes', () => {
  it('quotes strings, escaping quote and backslash, and asks for a literal for 8-bit or CRLF', () => {
    expect(quoted('pa"ss\\word')).toBe('"pa\\"ss\\\\word"');
    expect(quoted('mot de passé')).toBeUndefined();
    expect(quoted('two\r\nlines')).toBeUndefined();
  });

  it('encodes mailbox names in modified UTF-7, as RFC 3501 and Dovecot spell them', () => {
    expect(encodeMailboxName('Éléments envoyés')).toBe('&AMk-l&AOk-ments envoy&AOk-s');
    expect(encodeMailboxName('日本語')).toBe('&ZeVnLIqe-');
    expect(encodeMailboxName('R&D')).toBe('R&-D');
    for (const name of ['Projets/Été 2024', 'Ünïcödé ☕ 会議', 'a&b&c']) {
      expect(encodeMailboxName(name)).toBe(encodeModifiedUtf7(name));
    }
    expect(mailboxArgument('inbox')).toBe('"INBOX"');
    expect(mailboxArgument('Dupont "& Fils"')).toBe('"Dupont \\"&- Fils\\""');
  });

  it('writes INTERNALDATE in UTC with whole seconds', () => {
    expect(internalDateArgument(new Date(Date.UTC(1985, 2, 1, 9, 5, 7, 900)))).toBe(
      '"01-Mar-1985 09:05:07 +0000"',
    );
  });

  it('lists flags and keywords, leaves out \\Recent, and refuses what is not an atom', () => {
    expect(flagListArgument(['\\Seen', '\\Recent', '$Label1'])).toBe('(\\Seen $Label1)');
    expect(flagListArgument([])).toBe('()');
    expect(() => flagListArgument(['two words'])).toThrow(TypeError);
    expect(() => flagListArgument(['a)b'])).toThrow(TypeError);
  });
});

describe('IMAP responses our APPEND connection reads', () => {
  it('parses tagged, untagged and continuation lines with their response codes', () => {
    expect(parseStatusLine('P7 OK [APPENDUID 1796 4:6] Append completed.')).toEqual({
      tag: 'P7',
      status: 'OK',
      code: 'APPENDUID',
      codeArguments: '1796 4:6',
      text: 'Append completed.',
    });
    expect(parseStatusLine('P8 NO [OVERQUOTA] Quota exceeded')).toMatchObject({
      status: 'NO',
      code: 'OVERQUOTA',
      text: 'Quota exceeded',
    });
    expect(parseStatusLine('P9 no Request is throttled.')).toMatchObject({
      status: 'NO',
      code: undefined,
      text: 'Request is throttled.',
    });
    expect(parseStatusLine('+ OK')).toMatchObject({ tag: '+', status: '+' });
    expect(parseStatusLine('* 12 EXISTS')).toMatchObject({
      tag: '*',
      status: '12',
      text: 'EXISTS',
    });
  });

  it('expands UID sets and refuses what is not one', () => {
    expect(expandUidSet('4:6,9,12:11')).toEqual([4, 5, 6, 9, 11, 12]);
    expect(expandUidSet('0')).toBeUndefined();
    expect(expandUidSet('4:*')).toBeUndefined();
    expect(expandUidSet('1:4294967295')).toBeUndefined();
  });

  it('frames responses across chunks and skips literal bytes, whatever they contain', () => {
    const lines: string[] = [];
    const reader = new ResponseReader((line) => lines.push(line));
    const stream = Buffer.from(
      '* OK [CAPABILITY IMAP4rev1] ready\r\n* 1 FETCH (BODY[] {12}\r\nP1 OK fake\r\n)\r\nP1 OK done\r\n+ go\r\n',
    );
    for (let i = 0; i < stream.length; i += 5) reader.push(stream.subarray(i, i + 5));
    expect(lines).toEqual([
      '* OK [CAPABILITY IMAP4rev1] ready',
      '* 1 FETCH (BODY[] {12}',
      'P1 OK done',
      '+ go',
    ]);
  });

  it('refuses an endless line instead of buffering it', () => {
    const reader = new ResponseReader(() => {});
    expect(() => reader.push(Buffer.alloc(MAX_RESPONSE_LINE + 1, 0x41))).toThrow(
      /over-long response line/,
    );
  });
});
