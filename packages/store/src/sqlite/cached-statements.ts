import type Database from 'better-sqlite3';

/** A connection's statements, each prepared once, by its SQL text. */
export class CachedStatements {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
    this.#db = db;
  }

  statement(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** Every row as an array, every INTEGER as a bigint (times are int64 nanoseconds). */
  rows<Row>(sql: string, params: readonly unknown[]): Row[] {
    return this.statement(sql)
      .raw()
      .safeIntegers()
      .all(...params) as Row[];
  }

  /** Runs a writing statement; how many rows it changed. */
  run(sql: string, params: readonly unknown[]): number {
    return this.statement(sql).run(...params).changes;
  }
}
