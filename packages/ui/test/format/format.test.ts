import { describe, expect, it } from 'vitest';
import {
  formatAgo,
  formatCost,
  formatCount,
  formatDuration,
  formatPercent,
} from '../../src/format/format.js';
import { displayText } from '../../src/format/json-text.js';

describe('display formats', () => {
  it('writes durations in the unit that reads best', () => {
    expect(formatDuration(0.25)).toBe('250 µs');
    expect(formatDuration(3.456)).toBe('3.46 ms');
    expect(formatDuration(756)).toBe('756 ms');
    expect(formatDuration(3070)).toBe('3.07 s');
    expect(formatDuration(42_500)).toBe('42.5 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(null)).toBe('–');
  });

  it('writes small costs with enough digits to compare them', () => {
    expect(formatCost(0)).toBe('$0');
    expect(formatCost(0.00083)).toBe('$0.00083');
    expect(formatCost(0.0123)).toBe('$0.0123');
    expect(formatCost(12.5)).toBe('$12.50');
    expect(formatCost(0.00000042)).toBe('$4.2e-7');
  });

  it('writes counts and rates', () => {
    expect(formatCount(1059)).toBe('1,059');
    expect(formatCount(213_300)).toBe('213.3k');
    expect(formatCount(2_500_000)).toBe('2.50M');
    expect(formatPercent(0.056)).toBe('5.6 %');
    expect(formatPercent(0.5)).toBe('50 %');
    expect(formatAgo(Date.parse('2026-11-22T11:59:30Z'), Date.parse('2026-11-22T12:00:00Z'))).toBe(
      '30 s ago',
    );
  });

  it('indents JSON text and leaves other text alone', () => {
    expect(displayText('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(displayText('[1, 2')).toBe('[1, 2');
    expect(displayText('<b>bold</b>')).toBe('<b>bold</b>');
    expect(displayText(42)).toBe('42');
    expect(displayText(['stop'])).toBe('[\n  "stop"\n]');
  });
});
