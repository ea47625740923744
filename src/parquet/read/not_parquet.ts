// What a file that is not Parquet looks like, for the "missing PAR1 magic" error: a user who passed a CSV or an
// Arrow file, or a Parquet file cut short by an interrupted copy, learns which from the message.

const utf8 = new TextDecoder('utf-8', { fatal: false });

function startsWith(bytes: Uint8Array, text: string): boolean {
  if (bytes.byteLength < text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[i] !== text.charCodeAt(i)) return false;
  return true;
}

/** True when `bytes` look like text: no NUL and few control bytes other than tab, CR, LF. */
function looksLikeText(bytes: Uint8Array): boolean {
  let control = 0;
  for (const b of bytes) {
    if (b === 0) return false;
    if (b < 32 && b !== 9 && b !== 10 && b !== 13) control++;
  }
  return control <= bytes.byteLength / 100;
}

/**
 * A hint of what a non-Parquet file is from its first bytes (`head`) and whether its last 4 bytes were a Parquet
 * magic (`tailIsMagic`): '' when nothing is recognised.
 */
export function notParquetHint(head: Uint8Array, tailIsMagic: boolean): string {
  if ((startsWith(head, 'PAR1') || startsWith(head, 'PARE')) && !tailIsMagic) {
    return 'it starts like Parquet but does not end like it: the file looks truncated (an interrupted write or copy?)';
  }
  if (startsWith(head, 'ARROW1'))
    return 'it looks like an Arrow IPC file (ARROW1 magic): convert it with tessera convert';
  if (head.byteLength >= 4 && head[0] === 0xff && head[1] === 0xff && head[2] === 0xff && head[3] === 0xff) {
    return 'it looks like an Arrow IPC stream: convert it with tessera convert';
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return 'it looks gzip-compressed: decompress it first';
  if (startsWith(head, 'PK\u0003\u0004')) return 'it looks like a ZIP archive';
  if (startsWith(head, 'ORC')) return 'it looks like an ORC file';
  if (startsWith(head, 'Obj\u0001')) return 'it looks like an Avro file';
  if (head.byteLength > 0 && looksLikeText(head)) {
    const text = utf8
      .decode(head)
      .replace(/^\uFEFF/, '')
      .trimStart();
    if (text.startsWith('{') || text.startsWith('[')) {
      return 'it looks like JSON text (NDJSON converts with tessera convert)';
    }
    const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
    if (/[,;\t|]/.test(firstLine)) return 'it looks like CSV text: convert it with tessera convert';
    return 'it looks like a text file';
  }
  return '';
}
