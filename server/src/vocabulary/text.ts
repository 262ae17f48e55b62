/**
 * Rules for free text that the server and the admin app share: which characters text may hold,
 * and how text is written into a spreadsheet cell without becoming a formula.
 */

/** Why a text cannot be stored (and published) as it was sent. */
export type TextProblem = 'nul_character' | 'lone_surrogate' | 'invalid_character';

/** A UTF-16 surrogate without its pair: not a character, and UTF-8 (so PostgreSQL) cannot hold it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Characters XML 1.0 cannot hold (https://www.w3.org/TR/xml/#charsets: Char ::= #x9 | #xA | #xD |
 * [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]), other than U+0000 and surrogates, which have
 * their own codes: the C0 controls but tab, line feed and carriage return, and U+FFFE, U+FFFF.
 * Published files (IATI XML) must be well-formed, so stored text may not hold them either.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const XML_FORBIDDEN = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** `U+0007`: how messages name a character. */
const codePoint = (character: string) =>
  `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `text` cannot be stored as it was sent, with the message for its field; undefined when it can. */
export function textProblem(text: string): { code: TextProblem; message: string } | undefined {
  if (text.includes('\u0000')) return { code: 'nul_character', message: 'must not contain the character U+0000' };
  if (LONE_SURROGATE.test(text)) {
    return {
      code: 'lone_surrogate',
      message: 'must be valid Unicode text (it holds half of a UTF-16 surrogate pair)',
    };
  }
  const forbidden = XML_FORBIDDEN.exec(text);
  if (forbidden) {
    return {
      code: 'invalid_character',
      message: `must not contain the control character ${codePoint(forbidden[0])} (XML, so IATI publication, cannot hold it)`,
    };
  }
  return undefined;
}

/** Every character `textProblem` refuses, replaced by U+FFFD, so a message can quote the text it refused. */
export const quotableText = (text: string): string =>
  text.replace(new RegExp(`\u0000|${XML_FORBIDDEN.source}|${LONE_SURROGATE.source}`, 'g'), '\uFFFD');

/**
 * The first characters that make a spreadsheet read a CSV cell as a formula (OWASP, "CSV Injection"):
 * `=`, `+`, `-`, `@`, tab and carriage return.
 */
export const FORMULA_TRIGGERS = ['=', '+', '-', '@', '\t', '\r'] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell of a CSV file, neutralized: text that begins with a formula trigger gets a leading
 * apostrophe, so a spreadsheet shows it as text (OWASP's advice). Only for text columns: a number
 * such as -0.25 is written as a number, never through this.
 */
export const spreadsheetText = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);
