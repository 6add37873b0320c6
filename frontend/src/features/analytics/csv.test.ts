import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('CSV', () => {
  it('quotes cells with commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(42)).toBe('42');
  });

  it('keeps spreadsheets from running names as formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@cmd')).toBe("'@cmd");
  });

  it('writes a header and one CRLF-terminated line per row', () => {
    expect(toCsv(['API', 'Requests'], [['Orders, "v2"', 250], ['Pizza', 1]])).toBe('API,Requests\r\n"Orders, ""v2""",250\r\nPizza,1\r\n');
  });
});
