import { describe, expect, it } from 'vitest';
import {
  barLayout,
  formatOffset,
  niceStep,
  timeTicks,
  zoomWindow,
} from '../../src/trace/waterfall-layout.js';

const whole = { startNs: 0, durationNs: 1_000_000_000 };

describe('barLayout', () => {
  it('places a bar by its start and duration, in percent of the timeline', () => {
    expect(barLayout(250_000_000, 750_000_000, whole)).toEqual({ leftPercent: 25, widthPercent: 50 });
    expect(barLayout(0, 1_000_000_000, whole)).toEqual({ leftPercent: 0, widthPercent: 100 });
  });

  it('keeps an instant span visible with a minimum width, inside the timeline', () => {
    expect(barLayout(500_000_000, 500_000_000, whole)).toEqual({ leftPercent: 50, widthPercent: 0.15 });
    const atTheEnd = barLayout(1_000_000_000, 1_000_000_000, whole);
    expect(atTheEnd.leftPercent + atTheEnd.widthPercent).toBeCloseTo(100);
  });

  it('clips bars to a zoomed window', () => {
    const zoomed = { startNs: 200_000_000, durationNs: 200_000_000 };
    expect(barLayout(300_000_000, 350_000_000, zoomed)).toEqual({ leftPercent: 50, widthPercent: 25 });
    expect(barLayout(0, 1_000_000_000, zoomed)).toEqual({ leftPercent: 0, widthPercent: 100 });
    const before = barLayout(0, 100_000_000, zoomed);
    expect(before.leftPercent).toBe(0);
    expect(before.widthPercent).toBe(0.15);
  });

  it('fills the timeline for a trace of zero length, and never grows a span that ends before it starts', () => {
    expect(barLayout(0, 0, { startNs: 0, durationNs: 0 })).toEqual({ leftPercent: 0, widthPercent: 100 });
    expect(barLayout(600_000_000, 400_000_000, whole)).toEqual({ leftPercent: 60, widthPercent: 0.15 });
  });
});

describe('time axis', () => {
  it('steps by 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(1_000_000_000, 6)).toBe(200_000_000);
    expect(niceStep(3_070_000_000, 6)).toBe(1_000_000_000);
    expect(niceStep(45_000, 6)).toBe(10_000);
    expect(niceStep(10, 4)).toBe(2.5);
  });

  it('labels offsets in the unit of the step', () => {
    expect(formatOffset(1_500_000_000, 500_000_000)).toBe('1500 ms');
    expect(formatOffset(7_500_000_000, 2_500_000_000)).toBe('7.5 s');
    expect(formatOffset(2_000_000_000, 1_000_000_000)).toBe('2 s');
    expect(formatOffset(250_000_000, 50_000_000)).toBe('250 ms');
    expect(formatOffset(12_500, 2_500)).toBe('12.5 µs');
  });

  it('puts ticks on round offsets within the window', () => {
    expect(timeTicks(whole).map((tick) => tick.label)).toEqual([
      '0 ms',
      '200 ms',
      '400 ms',
      '600 ms',
      '800 ms',
      '1000 ms',
    ]);
    const zoomed = timeTicks({ startNs: 130_000_000, durationNs: 100_000_000 }, 5);
    expect(zoomed.map((tick) => tick.label)).toEqual(['140 ms', '160 ms', '180 ms', '200 ms', '220 ms']);
    expect(zoomed[0]!.percent).toBeCloseTo(10);
  });

  it('zooms to a dragged part of the window, in either direction', () => {
    expect(zoomWindow(whole, 25, 75)).toEqual({ startNs: 250_000_000, durationNs: 500_000_000 });
    expect(zoomWindow(whole, 75, 25)).toEqual({ startNs: 250_000_000, durationNs: 500_000_000 });
    const twice = zoomWindow(zoomWindow(whole, 50, 100), 0, 10);
    expect(twice).toEqual({ startNs: 500_000_000, durationNs: 50_000_000 });
  });
});
