import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import { type ChartData, hasValues } from './series.js';

const COLORS = ['#2f6fde', '#e0782f', '#2e9e6a', '#c2418e', '#7d5bd6', '#b8a02c', '#3aa3b8', '#888888'];
const HEIGHT = 190;

/**
 * A time series chart drawn by uPlot (a canvas: thousands of points stay cheap). The values are
 * numbers the page computed; labels go through uPlot's text rendering, never as HTML.
 */
export function TimeChart({
  title,
  data,
  format,
}: {
  title: string;
  data: ChartData;
  format: (value: number) => string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const formatter = useRef(format);
  formatter.current = format;

  useEffect(() => {
    const element = container.current;
    if (!element || !hasValues(data)) return;
    const show = (value: number | null | undefined) =>
      value === null || value === undefined ? '–' : formatter.current(value);
    const plot = new uPlot(
      {
        width: Math.max(200, element.clientWidth),
        height: HEIGHT,
        // Every figure charted is a count, an amount, a rate or a duration: the axis starts at 0.
        scales: { x: { time: true }, y: { range: (_plot, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
        series: [
          {},
          ...data.series.map((line, index) => ({
            label: line.label,
            stroke: COLORS[index % COLORS.length],
            width: 1.5,
            spanGaps: false,
            points: { show: data.times.length < 60 },
            value: (_plot: uPlot, value: number | null) => show(value),
          })),
        ],
        axes: [
          {},
          { size: 70, values: (_plot: uPlot, splits: number[]) => splits.map((value) => show(value)) },
        ],
        legend: { live: true },
      },
      [data.times, ...data.series.map((line) => line.values)] as uPlot.AlignedData,
      element,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: Math.max(200, element.clientWidth), height: HEIGHT }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [data]);

  const points = data.series.reduce(
    (sum, line) => sum + line.values.filter((value) => value !== null && value !== 0).length,
    0,
  );
  return (
    <figure className="chart" aria-label={title} data-points={points}>
      <figcaption>{title}</figcaption>
      {hasValues(data) ? (
        <div ref={container} className="chart-canvas" />
      ) : (
        <p className="muted chart-empty">No data in this range.</p>
      )}
    </figure>
  );
}
