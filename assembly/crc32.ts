// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as Parquet page headers carry it
// (parquet.thrift PageHeader.crc: "CRC32 checksum of the page, using the standard CRC32 algorithm").
// Slicing-by-8: eight 256-entry tables let the loop consume 8 bytes per iteration.

const TABLE_WORDS: i32 = 256 * 8;
const table = memory.data(TABLE_WORDS * 4);
let tableReady = false;

function buildTable(): void {
  for (let n: u32 = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    store<u32>(table + ((<usize>n) << 2), c);
  }
  for (let n: u32 = 0; n < 256; n++) {
    let c = load<u32>(table + ((<usize>n) << 2));
    for (let t: u32 = 1; t < 8; t++) {
      c = load<u32>(table + ((<usize>(c & 0xff)) << 2)) ^ (c >>> 8);
      store<u32>(table + ((<usize>(t * 256 + n)) << 2), c);
    }
  }
  tableReady = true;
}

function t(k: u32, b: u32): u32 {
  return load<u32>(table + ((<usize>((k << 8) | (b & 0xff))) << 2));
}

/** Continues a CRC-32 over `len` bytes at `ptr`; start with crc = 0. */
export function crc32(ptr: usize, len: usize, crc: u32): u32 {
  if (!tableReady) buildTable();
  let c = ~crc;
  let p = ptr;
  const end = ptr + len;
  while (p + 8 <= end) {
    const lo = load<u32>(p) ^ c;
    const hi = load<u32>(p + 4);
    c =
      t(7, lo) ^
      t(6, lo >>> 8) ^
      t(5, lo >>> 16) ^
      t(4, lo >>> 24) ^
      t(3, hi) ^
      t(2, hi >>> 8) ^
      t(1, hi >>> 16) ^
      t(0, hi >>> 24);
    p += 8;
  }
  while (p < end) {
    c = t(0, c ^ load<u8>(p)) ^ (c >>> 8);
    p++;
  }
  return ~c;
}
