/** Where a span's bar sits in the timeline, in percent of the timeline's width. */
export interface BarLayout {
  leftPercent: number;
  widthPercent: number;
}

/** The part of the trace the timeline shows: all of it, or a zoomed window. */
export interface TimelineWindow {
  startNs: number;
  durationNs: number;
}

/**
 * Places a span (nanoseconds from the trace's start) in the window. A bar never leaves the
 * timeline, and keeps a minimum width so that an instant span stays visible and clickable.
 */
export function barLayout(
  startNs: number,
  endNs: number,
  window: TimelineWindow,
  minWidthPercent = 0.15,
): BarLayout {
  if (window.durationNs <= 0) return { leftPercent: 0, widthPercent: 100 };
  const toPercent = (ns: number) => ((ns - window.startNs) / window.durationNs) * 100;
  const left = Math.min(100, Math.max(0, toPercent(startNs)));
  const right = Math.min(100, Math.max(0, toPercent(Math.max(startNs, endNs))));
  const width = Math.max(minWidthPercent, right - left);
  return { leftPercent: Math.min(left, 100 - width), widthPercent: width };
}

export interface TimeTick {
  /** Nanoseconds from the trace's start. */
  ns: number;
  percent: number;
  label: string;
}

const NICE_STEPS = [1, 2, 2.5, 5];

/** A step of 1, 2, 2.5 or 5 times a power of ten that cuts `span` into at most `maxTicks` parts. */
export function niceStep(span: number, maxTicks: number): number {
  if (span <= 0 || maxTicks < 1) return 1;
  const raw = span / maxTicks;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const step of NICE_STEPS) if (step * power >= raw) return step * power;
  return 10 * power;
}

/** Labels of a time offset, precise enough for the step between ticks. */
export function formatOffset(ns: number, stepNs: number): string {
  const units = [
    { size: 1e9, unit: 's' },
    { size: 1e6, unit: 'ms' },
    { size: 1e3, unit: 'µs' },
    { size: 1, unit: 'ns' },
  ];
  const { size, unit } = units.find((candidate) => stepNs >= candidate.size) ?? units[3]!;
  // As many decimals as multiples of the step need: 2.5 s steps need one, 0.25 s steps two.
  let decimals = 0;
  for (let step = stepNs / size; decimals < 3 && Math.abs(step - Math.round(step)) > 1e-9; step *= 10)
    decimals++;
  return `${(ns / size).toFixed(decimals)} ${unit}`;
}

/** The ticks of the timeline's axis: round offsets within the window. */
export function timeTicks(window: TimelineWindow, maxTicks = 6): TimeTick[] {
  if (window.durationNs <= 0) return [{ ns: window.startNs, percent: 0, label: formatOffset(0, 1) }];
  const step = niceStep(window.durationNs, maxTicks);
  const first = Math.ceil(window.startNs / step) * step;
  const ticks: TimeTick[] = [];
  for (let ns = first; ns <= window.startNs + window.durationNs + step * 1e-9; ns += step) {
    ticks.push({
      ns,
      percent: ((ns - window.startNs) / window.durationNs) * 100,
      label: formatOffset(ns, step),
    });
  }
  return ticks;
}

/** The window zoomed to `[fromPercent, toPercent]` of the current one (a drag on the axis). */
export function zoomWindow(window: TimelineWindow, fromPercent: number, toPercent: number): TimelineWindow {
  const low = Math.max(0, Math.min(fromPercent, toPercent));
  const high = Math.min(100, Math.max(fromPercent, toPercent));
  return {
    startNs: window.startNs + (window.durationNs * low) / 100,
    durationNs: Math.max(1, (window.durationNs * (high - low)) / 100),
  };
}
