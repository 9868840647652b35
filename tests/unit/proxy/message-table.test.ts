// The verification's compact index (backend-proxy/src/copy/message-table.ts): what goes in comes
// back out exactly, keys compare as the copy's string keys do, and the pairing counts missing,
// duplicate, flag-different and destination-only messages as the verification did with objects.

import { describe, expect, it } from 'vitest';
import {
  cleanFlags,
  type MessageMeta,
  metaKey,
} from '../../../backend-proxy/src/copy/message-index.ts';
import { KeyGroups, MessageTable } from '../../../backend-proxy/src/copy/message-table.ts';
import { pair } from '../../../backend-proxy/src/copy/verify.ts';

const meta = (uid: number, messageId: string | undefined, extra: Partial<MessageMeta> = {}) => ({
  uid,
  size: 1000 + (extra.size ?? 0),
  internalDate: 1_700_000_000,
  flags: cleanFlags(new Set(['\\Seen'])),
  messageId,
  ...extra,
});

function tableOf(metas: MessageMeta[], contentKeys: Record<number, string> = {}): MessageTable {
  // A small capacity, so that growing is exercised too.
  const table = new MessageTable(2);
  for (const m of metas) table.push(m);
  for (const [i, key] of Object.entries(contentKeys)) table.setContentKey(Number(i), key);
  return table;
}

describe('MessageTable', () => {
  it('gives back every field as pushed, Message-IDs of any text included', () => {
    const metas: MessageMeta[] = [
      meta(3, '<a@example.test>', { flags: [] }),
      meta(7, undefined, { size: 5_000_000_000, internalDate: -86_400 }),
      // Latin-1 as the header is read, and text beyond it: both come back the same.
      meta(9, '<caf\u00e9\u00ff@example.test>', {
        flags: cleanFlags(new Set(['$Label1', '\\Flagged'])),
      }),
      meta(12, '<\u65e5\u672c@example.test>'),
      meta(4_294_967_295, ''.padEnd(300, 'x')),
    ];
    const table = tableOf(metas);
    expect(table.length).toBe(metas.length);
    for (const [i, m] of metas.entries()) expect(table.meta(i)).toEqual(m);
    expect(table.bytes()).toBe(metas.reduce((sum, m) => sum + m.size, 0));
    expect(table.unnamed()).toEqual([1]);
    // One shared list per distinct flag set.
    expect(table.flags(3)).toBe(table.flags(4));
  });

  it('compares keys exactly as the string keys of metaKey do', () => {
    const a = tableOf([
      meta(1, '<x@y>'),
      meta(2, '<x@y>', { size: 1 }),
      meta(3, '<x@y>', { internalDate: 5 }),
      meta(4, '<x@z>'),
      meta(5, undefined),
      meta(6, undefined),
    ]);
    const b = tableOf([meta(10, '<x@y>'), meta(11, undefined), meta(12, undefined)], {
      1: 'h:same|1700000000|1000',
    });
    a.setContentKey(4, 'h:same|1700000000|1000');
    for (let i = 0; i < a.length; i++) {
      for (let j = 0; j < b.length; j++) {
        // Only these pairs share a key: <x@y> with its date and size, and one content key.
        const expected = (i === 0 && j === 0) || (i === 4 && j === 1);
        if (metaKey(a.meta(i)) !== undefined && metaKey(b.meta(j)) !== undefined) {
          expect(metaKey(a.meta(i)) === metaKey(b.meta(j))).toBe(expected);
        }
        expect(a.sameKey(i, b, j), `${i} vs ${j}`).toBe(expected);
        if (expected) expect(a.keyHash(i)).toBe(b.keyHash(j));
      }
    }
    // Without a key (not hashed: gone from the server), a message equals none, itself included.
    expect(a.sameKey(5, a, 5)).toBe(false);
  });

  it('sorts by UID with content keys following their message', () => {
    const table = tableOf([meta(9, undefined), meta(2, '<b@c>'), meta(5, undefined)], {
      0: 'h:nine',
      2: 'h:five',
    });
    const sorted = table.sortedByUid();
    expect([0, 1, 2].map((i) => sorted.uid(i))).toEqual([2, 5, 9]);
    const other = tableOf([meta(1, undefined)], { 0: 'h:nine' });
    expect(sorted.sameKey(2, other, 0)).toBe(true);
    expect(sorted.sameKey(1, other, 0)).toBe(false);
  });
});

describe('KeyGroups and the pairing', () => {
  it('finds every member of a key in order, through hash collisions', () => {
    // 2,000 messages in a table of 4,096 buckets: many share a bucket.
    const metas = Array.from({ length: 2000 }, (_, i) => meta(i + 1, `<m${i % 700}@t>`));
    const source = tableOf(metas);
    const groups = new KeyGroups(source);
    const probe = tableOf([meta(1, '<m5@t>'), meta(2, '<m999@t>')]);
    expect([...groups.matching(probe, 0)]).toEqual([5, 705, 1405]);
    expect([...groups.matching(probe, 1)]).toEqual([]);
  });

  it('counts missing, duplicate, flag-different and destination-only copies', () => {
    const seen = cleanFlags(new Set(['\\Seen']));
    const none = cleanFlags(new Set());
    const source = tableOf([
      meta(1, '<one@t>', { flags: seen }),
      // Two identical messages, one read: each must find its copy, flags first.
      meta(2, '<twin@t>', { flags: none }),
      meta(3, '<twin@t>', { flags: seen }),
      meta(4, '<missing@t>'),
      meta(5, '<flags@t>', { flags: seen }),
      meta(6, undefined),
    ]);
    source.setContentKey(5, 'h:body|1700000000|1000');
    const destination = tableOf([
      meta(101, '<twin@t>', { flags: seen }),
      meta(102, '<twin@t>', { flags: none }),
      meta(103, '<one@t>', { flags: seen }),
      meta(104, '<one@t>', { flags: seen }),
      meta(105, '<flags@t>', { flags: none }),
      meta(106, '<own@t>'),
      meta(107, undefined),
    ]);
    destination.setContentKey(6, 'h:body|1700000000|1000');
    const { result, differences } = pair(new KeyGroups(source), destination);
    expect(result).toEqual({ missing: 1, duplicates: 1, destinationOnly: 1, flagMismatches: 1 });
    expect(differences).toEqual([
      { kind: 'duplicate', destinationUid: 104, messageId: '<one@t>' },
      { kind: 'missing', sourceUid: 4, messageId: '<missing@t>' },
      {
        kind: 'flags',
        sourceUid: 5,
        destinationUid: 105,
        messageId: '<flags@t>',
        sourceFlags: ['\\Seen'],
        destinationFlags: [],
      },
    ]);
  });

  it('matches when both sides hold the same messages', () => {
    const metas = Array.from({ length: 500 }, (_, i) =>
      meta(i + 1, i % 50 === 0 ? undefined : `<m${i % 200}@t>`),
    );
    const source = tableOf(metas);
    const destination = tableOf([...metas].reverse().map((m, i) => ({ ...m, uid: 1000 + i })));
    for (const [i, m] of metas.entries()) {
      if (m.messageId === undefined) {
        source.setContentKey(i, `h:${m.uid}`);
        destination.setContentKey(metas.length - 1 - i, `h:${m.uid}`);
      }
    }
    const { result, differences } = pair(new KeyGroups(source), destination);
    expect(result).toEqual({ missing: 0, duplicates: 0, destinationOnly: 0, flagMismatches: 0 });
    expect(differences).toEqual([]);
  });
});
