/**
 * The field delimiter of CSV text, detected from its start as DuckDB's sniffer does for its candidates: each of
 * `,` `|` `;` tab splits the sample; the one under which the most records have the header's field count wins, then
 * the one giving more columns, then the earlier in that order (DuckDB's). A delimiter that leaves the header whole
 * (one column) is no evidence: with none splitting it, the comma stays.
 */
import { type CsvRecord, CsvRecordParser, isBlankRecord } from './csv_records.js';

/** Candidate delimiters, in DuckDB's order of preference. */
export const DELIMITER_CANDIDATES: readonly string[] = [',', '|', ';', '\t'];

/** Characters of the input's start that the detection reads (whole records only). */
export const SNIFF_CHARS = 64 * 1024;

/** Records (after the header) looked at per candidate. */
const SNIFF_RECORDS = 100;

/** The delimiter of CSV text starting with `sample` (see the file comment). */
export function detectDelimiter(sample: string): string {
  let best = { delimiter: ',', matching: -1, columns: 1 };
  for (const delimiter of DELIMITER_CANDIDATES) {
    const records = sampleRecords(sample, delimiter);
    if (records === undefined || records.length === 0) continue;
    const columns = records[0]!.fields.length;
    if (columns < 2) continue;
    const matching = records.slice(1).filter((r) => r.fields.length === columns).length;
    if (matching > best.matching || (matching === best.matching && columns > best.columns)) {
      best = { delimiter, matching, columns };
    }
  }
  return best.delimiter;
}

/** The complete non-blank records of `sample` split by `delimiter`, or undefined if it is not CSV that way. */
function sampleRecords(sample: string, delimiter: string): CsvRecord[] | undefined {
  const parser = new CsvRecordParser(delimiter);
  const out: CsvRecord[] = [];
  try {
    parser.push(sample, out);
  } catch {
    return undefined; // a character after a closing quote: quotes do not close at this delimiter
  }
  return out.filter((r) => !isBlankRecord(r)).slice(0, SNIFF_RECORDS + 1);
}
