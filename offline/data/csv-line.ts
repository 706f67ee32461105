/** Result of splitting one CSV line: the fields, or why the line cannot be split. */
export type CsvFields = { ok: true; fields: string[] } | { ok: false; reason: string };

const QUOTE = 34; // "
const COMMA = 44; // ,

/**
 * Splits one RFC 4180 line on commas: a field may be quoted, `""` inside quotes is one quote.
 * A quoted field cannot span lines here, so an unclosed quote is reported rather than read on.
 */
export function parseCsvLine(line: string): CsvFields {
  if (line.indexOf('"') === -1) return { ok: true, fields: line.split(",") };
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === QUOTE) {
      const quoted = readQuoted(line, i + 1);
      if (quoted === null) return { ok: false, reason: "unterminated quote" };
      fields.push(quoted.value);
      i = quoted.end;
      if (i < line.length && line.charCodeAt(i) !== COMMA) {
        return { ok: false, reason: `unexpected character after closing quote at column ${i + 1}` };
      }
    } else {
      const comma = line.indexOf(",", i);
      const end = comma === -1 ? line.length : comma;
      const value = line.slice(i, end);
      if (value.includes('"'))
        return { ok: false, reason: `stray quote in unquoted field at column ${i + 1}` };
      fields.push(value);
      i = end;
    }
    if (i >= line.length) return { ok: true, fields };
    i += 1; // past the comma
  }
}

/** Reads a quoted field whose content starts at `start`; returns its value and the index after the quote. */
function readQuoted(line: string, start: number): { value: string; end: number } | null {
  let value = "";
  let from = start;
  for (;;) {
    const quote = line.indexOf('"', from);
    if (quote === -1) return null;
    value += line.slice(from, quote);
    if (line.charCodeAt(quote + 1) === QUOTE) {
      value += '"';
      from = quote + 2;
    } else {
      return { value, end: quote + 1 };
    }
  }
}
