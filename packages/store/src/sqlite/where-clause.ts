/** A conjunction of SQL conditions with their bound values, built from a query's optional fields. */
export class WhereClause {
  readonly #conditions: string[];
  readonly #params: unknown[];
  #narrowed = false;

  /** `base` always holds. */
  constructor(base: string, ...params: unknown[]) {
    this.#conditions = [base];
    this.#params = params;
  }

  /** Adds the condition, unless one of its values is undefined (the query left it out). */
  add(condition: string, ...params: unknown[]): void {
    for (const param of params) if (param === undefined) return;
    this.#conditions.push(condition);
    this.#params.push(...params);
    this.#narrowed = true;
  }

  /** Whether any condition besides the base was added. */
  get narrowed(): boolean {
    return this.#narrowed;
  }

  get sql(): string {
    return this.#conditions.join(' AND ');
  }

  get params(): readonly unknown[] {
    return this.#params;
  }
}
