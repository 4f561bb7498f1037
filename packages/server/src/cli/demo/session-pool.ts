import type { SpanContext } from '@opentelemetry/api';
import { USERS } from './content.js';
import type { Random } from './random.js';

export interface Session {
  id: string;
  user: string;
  /** Turns recorded so far. */
  turns: number;
  turnsPlanned: number;
  lastRoot: SpanContext | null;
  /** When the last turn started, in epoch milliseconds. */
  lastStartMs: number;
}

/** A conversation idle for longer than this is over: the user does not come back to it. */
const IDLE_MS = 30 * 60_000;

/**
 * The conversations under way for one agent: a run either continues one (its next turn, linked to
 * the previous one) or opens a new session of one to four turns for some user. Runs come in time
 * order, so the turns of a session are minutes apart.
 */
export class SessionPool {
  private open: Session[] = [];

  constructor(
    private readonly prefix: string,
    private readonly random: Random,
  ) {}

  /** The session of a run starting at `startMs`. */
  next(startMs: number): Session {
    const { random } = this;
    this.open = this.open.filter((session) => startMs - session.lastStartMs < IDLE_MS);
    if (this.open.length > 0 && random.chance(0.55)) {
      const index = random.int(0, this.open.length - 1);
      const session = this.open[index]!;
      if (session.turns + 1 >= session.turnsPlanned) this.open.splice(index, 1);
      session.lastStartMs = startMs;
      return session;
    }
    const session: Session = {
      id: `${this.prefix}-${Math.floor(random.next() * 0xffffffff)
        .toString(16)
        .padStart(8, '0')}`,
      user: random.pick(USERS),
      turns: 0,
      turnsPlanned: random.int(1, 4),
      lastRoot: null,
      lastStartMs: startMs,
    };
    if (session.turnsPlanned > 1) this.open.push(session);
    return session;
  }
}
