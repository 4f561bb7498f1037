/** How full the write queue is, in words an operator can alert on. */
export const PRESSURE_STATES = ['ok', 'elevated', 'high', 'saturated'] as const;
export type PressureState = (typeof PRESSURE_STATES)[number];

/** Utilization (0..1) at or above which each state starts; `ok` below the first. */
const THRESHOLDS: ReadonlyArray<readonly [number, PressureState]> = [
  [0.95, 'saturated'],
  [0.8, 'high'],
  [0.5, 'elevated'],
];

export function pressureOf(utilization: number): PressureState {
  for (const [threshold, state] of THRESHOLDS) if (utilization >= threshold) return state;
  return 'ok';
}
