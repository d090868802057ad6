import { useEffect, useRef } from 'react';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart as ChartJs,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

ChartJs.register(BarController, BarElement, CategoryScale, Filler, Legend, LinearScale, LineController, LineElement,
  PointElement, Tooltip);

const COLORS = ['#1f5fbf', '#c2410c', '#047857', '#7c3aed', '#b91c1c', '#0e7490'];

/**
 * A Chart.js chart with what a screen reader needs: the canvas is an image with a summary label,
 * and the same numbers are in a table under "Show data".
 *
 * @param labels x-axis labels; series: [{label, data}]
 */
export default function Chart({ id, title, type = 'line', labels, series, summary, stacked = false, unit = '' }) {
  const canvas = useRef(null);
  const chart = useRef(null);

  useEffect(() => {
    const datasets = series.map((s, i) => ({
      label: s.label,
      data: s.data,
      borderColor: COLORS[i % COLORS.length],
      backgroundColor: type === 'bar' ? COLORS[i % COLORS.length] : `${COLORS[i % COLORS.length]}22`,
      fill: type === 'line' && series.length === 1,
      tension: 0.25,
      pointRadius: labels.length > 60 ? 0 : 2,
      spanGaps: true,
    }));
    if (!chart.current) {
      chart.current = new ChartJs(canvas.current, {
        type,
        data: { labels, datasets },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          interaction: { mode: 'index', intersect: false },
          plugins: { legend: { position: 'bottom' } },
          scales: {
            x: { stacked, ticks: { maxTicksLimit: 8, autoSkip: true } },
            y: { stacked, beginAtZero: true, title: { display: Boolean(unit), text: unit } },
          },
        },
      });
    } else {
      chart.current.data.labels = labels;
      chart.current.data.datasets = datasets;
      chart.current.update('none');
    }
  }, [labels, series, type, stacked, unit]);

  useEffect(() => () => chart.current?.destroy(), []);

  return (
    <figure className="chart" aria-labelledby={`${id}-title`} data-testid={id}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <div className="chart-canvas">
        <canvas ref={canvas} role="img" aria-label={`${title}: ${summary}`} />
      </div>
      <details>
        <summary>Show data</summary>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                {series.map((s) => (
                  <th scope="col" key={s.label}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((label, row) => (
                <tr key={label + row}>
                  <th scope="row">{label}</th>
                  {series.map((s) => (
                    <td key={s.label}>{s.data[row] ?? '—'}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
