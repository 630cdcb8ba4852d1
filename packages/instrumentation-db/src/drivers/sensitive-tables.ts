/**
 * The tables whose reads and writes are sensitive-data facts, as one instrumentation was configured with
 * (`users`, `billing.cards`; compared without case).
 */
export class SensitiveTables {
  private readonly names: readonly string[];

  constructor(tables: readonly string[] = []) {
    if (!Array.isArray(tables) || tables.some((table) => typeof table !== 'string' || table === ''))
      throw new TypeError(
        `secotel: sensitiveTables must be an array of table names such as ['users', 'billing.cards'], got ${JSON.stringify(tables)}`,
      );
    this.names = tables.map((table) => table.toLowerCase());
  }

  /** Whether a statement's text may name one of the tables: a cheap test before the statement is parsed. */
  namedIn(query: string): boolean {
    if (this.names.length === 0) return false;
    const lower = query.toLowerCase();
    return this.names.some((table) => lower.includes(bareName(table)));
  }

  /** `billing.cards` matches `billing.cards` and, by its last part, `cards` as the statement names it. */
  includes(table: string): boolean {
    const name = unquote(table.toLowerCase());
    return this.names.some((sensitive) =>
      sensitive.includes('.')
        ? name === sensitive || name.endsWith(`.${sensitive}`)
        : bareName(name) === sensitive,
    );
  }
}

function bareName(table: string): string {
  const dot = table.lastIndexOf('.');
  return dot < 0 ? table : table.slice(dot + 1);
}

function unquote(name: string): string {
  return name.replace(/["`[\]]/g, '');
}
