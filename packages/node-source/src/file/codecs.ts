// The encodings a node file may declare (PEP 263) that this package can write back byte for byte.
// UTF-8 through TextDecoder (fatal) and Buffer; the single-byte codecs through a 256-entry table, so
// decoding and encoding are exact inverses. An encoding not listed here is refused, never guessed.
import { NodeSourceError } from '../errors.js';

export type NodeEncoding = 'utf-8' | 'ascii' | 'latin-1' | 'cp1252';

interface Codec {
  decode(bytes: Uint8Array): string | undefined;
  encode(text: string): { bytes: Buffer; badIndex?: number };
}

const utf8: Codec = {
  decode(bytes) {
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      return undefined;
    }
  },
  encode(text) {
    // a lone surrogate would be written as U+FFFD: refuse it instead
    const bad = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(text);
    return bad ? { bytes: Buffer.alloc(0), badIndex: bad.index } : { bytes: Buffer.from(text, 'utf8') };
  },
};

/** A single-byte codec from its table: table[byte] is the character, undefined where the byte is unmapped. */
function singleByte(table: readonly (string | undefined)[]): Codec {
  const reverse = new Map<string, number>();
  table.forEach((ch, byte) => ch !== undefined && reverse.set(ch, byte));
  return {
    decode(bytes) {
      let out = '';
      for (const b of bytes) {
        const ch = table[b];
        if (ch === undefined) return undefined;
        out += ch;
      }
      return out;
    },
    encode(text) {
      const bytes = Buffer.alloc(text.length);
      for (let i = 0; i < text.length; i++) {
        const b = reverse.get(text[i]!);
        if (b === undefined) return { bytes, badIndex: i };
        bytes[i] = b;
      }
      return { bytes };
    },
  };
}

const latin1Table = Array.from({ length: 256 }, (_, b) => String.fromCharCode(b));
const asciiTable = latin1Table.map((ch, b) => (b < 0x80 ? ch : undefined));
// cp1252 differs from Latin-1 only in 0x80-0x9F. Node 20's TextDecoder('windows-1252') decodes those as
// Latin-1 (C1 controls), so the 32 characters are listed here, as CPython's cp1252 codec gives them
// (undefined: bytes CPython refuses to decode).
const CP1252_HIGH = [
  '\u20ac', undefined, '\u201a', '\u0192', '\u201e', '\u2026', '\u2020', '\u2021',
  '\u02c6', '\u2030', '\u0160', '\u2039', '\u0152', undefined, '\u017d', undefined,
  undefined, '\u2018', '\u2019', '\u201c', '\u201d', '\u2022', '\u2013', '\u2014',
  '\u02dc', '\u2122', '\u0161', '\u203a', '\u0153', undefined, '\u017e', '\u0178',
];
const cp1252Table = latin1Table.map((ch, b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : ch));

const CODECS: Record<NodeEncoding, Codec> = {
  'utf-8': utf8,
  ascii: singleByte(asciiTable),
  'latin-1': singleByte(latin1Table),
  cp1252: singleByte(cp1252Table),
};

// Python's codec aliases (normalised: lower case, '_' as '-') for the encodings above.
const ALIASES: Record<string, NodeEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-8-sig': 'utf-8',
  'utf8-sig': 'utf-8',
  'u8': 'utf-8',
  ascii: 'ascii',
  'us-ascii': 'ascii',
  '646': 'ascii',
  'latin-1': 'latin-1',
  latin1: 'latin-1',
  latin: 'latin-1',
  l1: 'latin-1',
  'iso-8859-1': 'latin-1',
  'iso8859-1': 'latin-1',
  'iso-latin-1': 'latin-1',
  '8859': 'latin-1',
  cp819: 'latin-1',
  cp1252: 'cp1252',
  'windows-1252': 'cp1252',
};

/** The codec of a declared encoding name, or undefined when this package cannot round-trip it. */
export function encodingOf(declared: string): NodeEncoding | undefined {
  return ALIASES[declared.toLowerCase().replace(/_/g, '-')];
}

export function decode(encoding: NodeEncoding, bytes: Uint8Array): string | undefined {
  return CODECS[encoding].decode(bytes);
}

/** Encodes text; a character the encoding cannot hold is an error naming its line. */
export function encode(encoding: NodeEncoding, text: string, path: string): Buffer {
  const { bytes, badIndex } = CODECS[encoding].encode(text);
  if (badIndex !== undefined) {
    const line = text.slice(0, badIndex).split('\n').length;
    const ch = text.codePointAt(badIndex) ?? 0;
    throw new NodeSourceError(
      'ENCODING_UNREPRESENTABLE',
      `${path}:${line}: U+${ch.toString(16).toUpperCase().padStart(4, '0')} cannot be written in the file's encoding (${encoding}); nothing written`,
      { path },
    );
  }
  return bytes;
}
