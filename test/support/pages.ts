// Just enough of the thrift compact protocol to walk the pages of a Parquet file from byte 4 to the footer,
// so codec tests can decompress real pages without a Parquet reader. PageHeader fields (parquet.thrift):
// 1 type, 2 uncompressed_page_size, 3 compressed_page_size, 8 data_page_header_v2 (5 def levels byte length,
// 6 rep levels byte length, 7 is_compressed).

/** One page's compressed payload and the size it decompresses to (V2 levels already removed). */
export interface RawPage {
  compressed: Uint8Array;
  uncompressedSize: number;
  isCompressed: boolean;
}

class CompactReader {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    pos: number,
  ) {
    this.pos = pos;
  }
  varint(): number {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const b = this.bytes[this.pos++];
      if (b === undefined || shift > 63) throw new Error('bad varint');
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value;
    }
  }
  zigzag(): number {
    const v = this.varint();
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }
  skip(type: number): void {
    if (type === 1 || type === 2) return; // booleans in a struct live in the field header's type nibble
    if (type === 3) this.pos++;
    else if (type >= 4 && type <= 6) this.varint();
    else if (type === 7) this.pos += 8;
    else if (type === 8) {
      const length = this.varint();
      this.pos += length;
    } else if (type === 9 || type === 10) {
      const header = this.bytes[this.pos++]!;
      const size = header >> 4 === 15 ? this.varint() : header >> 4;
      for (let i = 0; i < size; i++) this.skip(header & 15);
    } else if (type === 12) this.struct(() => false);
    else throw new Error(`bad type ${type}`);
  }
  /** Reads a struct; `onField(id, type)` returns true if it consumed the field's value. */
  struct(onField: (id: number, type: number) => boolean): void {
    let last = 0;
    for (;;) {
      const header = this.bytes[this.pos++];
      if (header === undefined) throw new Error('truncated struct');
      if (header === 0) return;
      const type = header & 15;
      const delta = header >> 4;
      const id = delta ? last + delta : this.zigzag();
      last = id;
      if (!onField(id, type)) this.skip(type);
    }
  }
}

/** Every data and dictionary page of the file, in file order. */
export function readPages(file: Uint8Array): RawPage[] {
  const footerLength = new DataView(file.buffer, file.byteOffset).getUint32(file.length - 8, true);
  const footerStart = file.length - 8 - footerLength;
  const pages: RawPage[] = [];
  let pos = 4;
  while (pos < footerStart) {
    const r = new CompactReader(file, pos);
    let uncompressed = -1;
    let compressed = -1;
    let levels = 0;
    let isCompressed = true;
    let pageType = -1;
    let hasTypedHeader = false;
    try {
      r.struct((id, type) => {
        if (id === 1) pageType = r.zigzag();
        else if (id === 2) uncompressed = r.zigzag();
        else if (id === 3) compressed = r.zigzag();
        else if (id === 8 && type === 12) {
          r.struct((v2id, v2type) => {
            if (v2id === 5 || v2id === 6) levels += r.zigzag();
            else if (v2id === 7) isCompressed = v2type === 1;
            else return false;
            return true;
          });
        } else {
          // data_page_header (5) / dictionary_page_header (7): skipped, but one must be there.
          if ((id === 5 || id === 7) && type === 12) hasTypedHeader = true;
          return false;
        }
        if (id === 8) hasTypedHeader = true;
        return true;
      });
    } catch {
      break; // past the last page (page indexes, bloom filters)
    }
    // Index pages, bloom filters and page indexes may follow the pages: anything but a data or dictionary page
    // header ends the walk.
    const isDataOrDictionary = pageType === 0 || pageType === 2 || pageType === 3;
    if (!isDataOrDictionary || !hasTypedHeader) break;
    if (compressed < 0 || uncompressed < 0 || r.pos + compressed > footerStart) break;
    pages.push({
      compressed: file.subarray(r.pos + levels, r.pos + compressed),
      uncompressedSize: uncompressed - levels,
      isCompressed,
    });
    pos = r.pos + compressed;
  }
  return pages;
}
