import { csvText, spreadsheetTextSql } from './csv-text';

describe('CSV text cells cannot become spreadsheet formulas (OWASP CSV injection)', () => {
  it('prefixes text that begins with = + - @ tab or CR with an apostrophe, and leaves numbers alone', () => {
    const csv = csvText([
      ['name', 'effect'],
      ['=HYPERLINK("http://x","y")', -0.25],
      ['@SUM(1+1)', 0],
      ['+1', null],
      ['-2', 1.5],
      ['\tTab', 2],
      ['\rReturn', 3],
      ['plain = text', -1],
    ]);
    expect(csv.split('\n').slice(0, 3)).toEqual([
      'name,effect',
      `"'=HYPERLINK(""http://x"",""y"")",-0.25`,
      "'@SUM(1+1),0",
    ]);
    expect(csv).toContain("'+1,\n");
    expect(csv).toContain("'-2,1.5\n");
    expect(csv).toContain("'\tTab,2\n");
    expect(csv).toContain(`"'\rReturn",3\n`);
    expect(csv).toContain('plain = text,-1\n');
  });

  it('says the same in SQL, looking at the first character only', () => {
    expect(spreadsheetTextSql('q."name"')).toBe(
      `CASE WHEN ascii(q."name") IN (61, 43, 45, 64, 9, 13) THEN '''' || q."name" ELSE q."name" END`,
    );
  });
});
