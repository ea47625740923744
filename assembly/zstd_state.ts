// ZSTD decoder (RFC 8878) state: static scratch memory of this module instance and the decoder's status codes.
// Scratch lives in static memory (one instance per thread) rather than the caller's arena because the Huffman and
// FSE tables must survive from block to block of a frame (Treeless literals, Repeat_Mode tables) and the
// predefined tables are built once per instance.

/** Largest block content and regenerated literals size (RFC 8878 3.1.1.2.4, Block_Maximum_Size). */
export const BLOCK_MAX: u32 = 131072;
/** Bytes a wide copy may write past an output end or read past a literals end; the caller reserves them. */
export const ZSTD_SLACK: usize = 32;

/** Regenerated literals of the current block (Huffman and RLE literals; raw literals are read in place). */
export const LIT_BUF: usize = memory.data(131072 + 64, 16);
/** Huffman decoding table: 2^11 u16 entries, low byte the symbol, high byte its bit count. */
export const HUF_TABLE: usize = memory.data(4096, 16);
/** FSE decoding tables, 8 bytes per state: u16 next-state base, u8 state bits, u8 extra bits, u32 baseline. */
export const LL_TABLE: usize = memory.data(512 * 8, 16);
export const OF_TABLE: usize = memory.data(256 * 8, 16);
export const ML_TABLE: usize = memory.data(512 * 8, 16);
export const LL_PREDEFINED: usize = memory.data(64 * 8, 16);
export const OF_PREDEFINED: usize = memory.data(32 * 8, 16);
export const ML_PREDEFINED: usize = memory.data(64 * 8, 16);
/** FSE table of Huffman weights (accuracy log at most 6). */
export const WEIGHT_TABLE: usize = memory.data(64 * 8, 16);
/** Normalized counts (i16) of the table description being read, per symbol. */
export const NORM: usize = memory.data(256 * 2, 16);
/** Next-state counters (u16) while building an FSE table. */
export const NEXT: usize = memory.data(256 * 2, 16);
/** Huffman weights (u8) of up to 256 symbols, and per-weight rank starts (u32 x 16). */
export const WEIGHTS: usize = memory.data(256, 16);
export const RANKS: usize = memory.data(16 * 4, 16);

// Status codes (negative results). -1..-3 are the shared KernelStatus values.
export const Z_TRUNCATED: i32 = -1;
export const Z_CORRUPT: i32 = -2;
export const Z_OVERFLOW: i32 = -3;
/** The frame needs a dictionary (non-zero Dictionary_ID). */
export const Z_DICTIONARY: i32 = -4;
/** Content_Checksum differs from the XXH64 of the decoded frame. */
export const Z_CHECKSUM: i32 = -5;
/** The frame decoded to another size than its Frame_Content_Size. */
export const Z_CONTENT_SIZE: i32 = -6;
/** Not a zstd or skippable frame magic number. */
export const Z_MAGIC: i32 = -7;
/** A reserved bit or block type is set. */
export const Z_RESERVED: i32 = -8;
/** A match reaches before the start of its frame. */
export const Z_OFFSET: i32 = -9;
/** A Huffman tree description is invalid. */
export const Z_HUFFMAN: i32 = -10;
/** An FSE table description is invalid. */
export const Z_FSE: i32 = -11;
/** A bitstream does not end exactly where its last symbol does. */
export const Z_BITSTREAM: i32 = -12;
/** Treeless literals or a Repeat_Mode table with no previous table in the frame. */
export const Z_NO_PREVIOUS: i32 = -13;
/** A block or its literals are larger than Block_Maximum_Size. */
export const Z_BLOCK_SIZE: i32 = -14;
/** Literal lengths ask for more literals than the block holds. */
export const Z_LITERALS: i32 = -15;
