/**
 * Split a SQL script into statements on `;`, ignoring semicolons inside quotes ('', "", ``) and comments
 * (`-- `, `#`, `/* *\/`). Comments are dropped; empty statements are skipped.
 */
export function splitSqlStatements(script: string): string[] {
  const statements: string[] = [];
  let current = "";
  let i = 0;
  while (i < script.length) {
    const char = script[i] as string;
    const next = script[i + 1];
    if (char === "'" || char === '"' || char === "`") {
      const end = quotedEnd(script, i);
      current += script.slice(i, end);
      i = end;
    } else if ((char === "-" && next === "-" && isSpaceOrEnd(script[i + 2])) || char === "#") {
      i = lineEnd(script, i);
    } else if (char === "/" && next === "*") {
      const close = script.indexOf("*/", i + 2);
      i = close === -1 ? script.length : close + 2;
      current += " ";
    } else if (char === ";") {
      pushStatement(statements, current);
      current = "";
      i++;
    } else {
      current += char;
      i++;
    }
  }
  pushStatement(statements, current);
  return statements;
}

function pushStatement(statements: string[], text: string): void {
  const trimmed = text.trim();
  if (trimmed.length > 0) statements.push(trimmed);
}

function isSpaceOrEnd(char: string | undefined): boolean {
  return char === undefined || /\s/.test(char);
}

function lineEnd(script: string, from: number): number {
  const newline = script.indexOf("\n", from);
  return newline === -1 ? script.length : newline;
}

/** Index just past the quote that closes the one at `start`; a doubled quote or a backslash escapes it. */
function quotedEnd(script: string, start: number): number {
  const quote = script[start];
  let i = start + 1;
  while (i < script.length) {
    const char = script[i];
    if (char === "\\" && quote !== "`") {
      i += 2;
    } else if (char === quote) {
      if (script[i + 1] !== quote) return i + 1;
      i += 2;
    } else {
      i++;
    }
  }
  return script.length;
}
