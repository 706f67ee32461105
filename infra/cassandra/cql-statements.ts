/**
 * Splits a CQL script into statements on `;`, ignoring `;` inside comments (`--`, `//`, `/* *\/`), string
 * literals ('...' with '' escapes) and quoted identifiers ("..."); comments are dropped, blank statements skipped.
 */
export function splitCqlStatements(script: string): string[] {
  const statements: string[] = [];
  let current = "";
  let i = 0;
  while (i < script.length) {
    const ch = script[i] as string;
    const next = script[i + 1];
    if ((ch === "-" && next === "-") || (ch === "/" && next === "/")) {
      i = endOfLine(script, i);
    } else if (ch === "/" && next === "*") {
      const close = script.indexOf("*/", i + 2);
      i = close === -1 ? script.length : close + 2;
      current += " ";
    } else if (ch === "'" || ch === '"') {
      const end = endOfQuoted(script, i, ch);
      current += script.slice(i, end);
      i = end;
    } else if (ch === ";") {
      statements.push(current);
      current = "";
      i++;
    } else {
      current += ch;
      i++;
    }
  }
  statements.push(current);
  return statements.map((s) => s.trim()).filter((s) => s.length > 0);
}

function endOfLine(script: string, from: number): number {
  const newline = script.indexOf("\n", from);
  return newline === -1 ? script.length : newline;
}

/** Index just past the closing quote; a doubled quote is an escaped one. */
function endOfQuoted(script: string, open: number, quote: string): number {
  let i = open + 1;
  while (i < script.length) {
    if (script[i] === quote) {
      if (script[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return script.length;
}
