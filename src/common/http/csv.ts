/**
 * RFC 4180 CSV with a byte-order mark so spreadsheet programs read UTF-8.
 * Cells that start with =, +, - or @ are prefixed with an apostrophe so a
 * spreadsheet never runs them as formulas (CSV injection).
 */
export function toCsv(header: string[], rows: Array<Array<string | number | null | undefined>>): string {
  const cell = (value: string | number | null | undefined) => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `\uFEFF${[header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
}
