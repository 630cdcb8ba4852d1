export type SqlDialect = 'postgresql' | 'mysql' | 'sqlite';
/**
 * The SQL dialects, and the JavaScript MongoDB runs for `$where`, `$function` and `$accumulator`: its strings,
 * template literals and comments are all the token structure an injection into such code can change.
 */
export type LexicalDialect = SqlDialect | 'javascript';

/** The lexical rules that differ between the dialects; everything else is shared. */
export interface DialectRules {
  /** `'…'` strings honour backslash escapes (MySQL/MariaDB; PostgreSQL only in `E'…'`). */
  readonly backslashStrings: boolean;
  /** `"…"` is a string (MySQL without ANSI_QUOTES) rather than a quoted identifier. */
  readonly doubleQuoteString: boolean;
  readonly backtickIdentifiers: boolean;
  readonly bracketIdentifiers: boolean;
  readonly hashComments: boolean;
  /** `--` starts a line comment (SQL). */
  readonly dashComments: boolean;
  /** `//` starts a line comment (JavaScript). */
  readonly slashComments: boolean;
  /** `` `…` `` is a string with backslash escapes (a JavaScript template literal), not a quoted identifier. */
  readonly backtickStrings: boolean;
  /** `--` starts a comment only when whitespace or the end follows (MySQL); otherwise it is two minus signs. */
  readonly dashCommentNeedsSpace: boolean;
  readonly nestedComments: boolean;
  /** `/*! … *\/` and `/*M! … *\/` hold code that MySQL/MariaDB run, so their content is tokenized as code. */
  readonly executableComments: boolean;
  /** `$tag$…$tag$` strings and `$1` placeholders (PostgreSQL). */
  readonly dollarQuotes: boolean;
  /** `E'…'` strings with backslash escapes and `U&'…'`/`U&"…"` Unicode escapes (PostgreSQL). */
  readonly escapeStrings: boolean;
  /** Lower-case letters that, directly before a quote, make one string token with it (`X'0F'`, `N'text'`). */
  readonly stringPrefixes: string;
  /** `?` (and in SQLite `?NNN`) is a placeholder, not an operator. */
  readonly questionParams: boolean;
  /** `:name`, `@name` and `$name` placeholders (SQLite). */
  readonly namedParams: boolean;
  /** `@var` and `@@var` variables (MySQL). */
  readonly atVariables: boolean;
  /** An unquoted identifier may start with a digit or `$` (MySQL: `1abc`, `$x`). */
  readonly looseIdentifiers: boolean;
}

export const DIALECTS: Readonly<Record<LexicalDialect, DialectRules>> = {
  postgresql: {
    backslashStrings: false,
    doubleQuoteString: false,
    backtickIdentifiers: false,
    bracketIdentifiers: false,
    hashComments: false,
    dashComments: true,
    slashComments: false,
    backtickStrings: false,
    dashCommentNeedsSpace: false,
    nestedComments: true,
    executableComments: false,
    dollarQuotes: true,
    escapeStrings: true,
    stringPrefixes: 'bnx',
    questionParams: false,
    namedParams: false,
    atVariables: false,
    looseIdentifiers: false,
  },
  mysql: {
    backslashStrings: true,
    doubleQuoteString: true,
    backtickIdentifiers: true,
    bracketIdentifiers: false,
    hashComments: true,
    dashComments: true,
    slashComments: false,
    backtickStrings: false,
    dashCommentNeedsSpace: true,
    nestedComments: false,
    executableComments: true,
    dollarQuotes: false,
    escapeStrings: false,
    stringPrefixes: 'bnx',
    questionParams: true,
    namedParams: false,
    atVariables: true,
    looseIdentifiers: true,
  },
  sqlite: {
    backslashStrings: false,
    doubleQuoteString: false,
    backtickIdentifiers: true,
    bracketIdentifiers: true,
    hashComments: false,
    dashComments: true,
    slashComments: false,
    backtickStrings: false,
    dashCommentNeedsSpace: false,
    nestedComments: false,
    executableComments: false,
    dollarQuotes: false,
    escapeStrings: false,
    stringPrefixes: 'x',
    questionParams: true,
    namedParams: true,
    atVariables: false,
    looseIdentifiers: false,
  },
  javascript: {
    backslashStrings: true,
    doubleQuoteString: true,
    backtickIdentifiers: false,
    bracketIdentifiers: false,
    hashComments: false,
    dashComments: false,
    slashComments: true,
    backtickStrings: true,
    dashCommentNeedsSpace: false,
    nestedComments: false,
    executableComments: false,
    dollarQuotes: false,
    escapeStrings: false,
    stringPrefixes: '',
    questionParams: false,
    namedParams: false,
    atVariables: false,
    looseIdentifiers: false,
  },
};
