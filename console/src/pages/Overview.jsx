import { useMemo, useState } from 'react';
import Chart from '../components/Chart.jsx';
import { Status } from '../components/ui.jsx';
import { useGet } from '../hooks.js';
import { query } from '../api.js';

const RANGES = {
  '1h': { label: 'Last hour', hours: 1, bucket: '1m' },
  '24h': { label: 'Last 24 hours', hours: 24, bucket: '30m' },
  '7d': { label: 'Last 7 days', hours: 168, bucket: '6h' },
};

function label(iso, hours) {
  const d = new Date(iso);
  return hours > 24 ? d.toISOString().slice(5, 13).replace('T', ' ') + 'h' : d.toISOString().slice(11, 16);
}

/** Traffic, errors, latency, tokens and revenue over time, from the usage ledger. */
export default function Overview({ param }) {
  const [range, setRange] = useState('1h');
  const [live, setLive] = useState(true);
  const r = RANGES[range];
  // The server ends the period at the next whole minute, so the newest requests are always inside it.
  const series = useGet(`/admin/usage/series${query({ bucket: r.bucket, period: `${r.hours}h`, org: param })}`,
    live ? 10000 : 0);
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">Overview</h1>
      <div className="toolbar">
        <label htmlFor="range">Period</label>
        <select id="range" value={range} onChange={(e) => setRange(e.target.value)}>
          {Object.entries(RANGES).map(([k, v]) => (
            <option key={k} value={k}>
              {v.label}
            </option>
          ))}
        </select>
        <label className="check">
          <input type="checkbox" checked={live} onChange={(e) => setLive(e.target.checked)} /> Refresh every 10 s
        </label>
        <button type="button" onClick={series.reload}>
          Refresh now
        </button>
      </div>
      <Status loading={series.loading && !series.data} error={series.error} />
      {series.data ? <Charts data={series.data.data} hours={r.hours} /> : null}
    </section>
  );
}

export function Charts({ data, hours }) {
  const view = useMemo(() => {
    const labels = data.map((b) => label(b.start, hours));
    const currencies = [...new Set(data.flatMap((b) => Object.keys(b.revenue)))].sort();
    const sum = (f) => data.reduce((acc, b) => acc + f(b), 0);
    return {
      labels,
      currencies,
      requests: sum((b) => b.requests),
      errors: sum((b) => b.errors),
      inputTokens: sum((b) => b.input_tokens),
      outputTokens: sum((b) => b.output_tokens),
      revenue: currencies.map((c) => [c, sum((b) => Number(b.revenue[c] || 0))]),
      traffic: [
        { label: 'Requests', data: data.map((b) => b.requests) },
        { label: 'Errors', data: data.map((b) => b.errors) },
      ],
      latency: [
        { label: 'p50 ms', data: data.map((b) => (b.p50_ms === null ? null : Math.round(b.p50_ms))) },
        { label: 'p95 ms', data: data.map((b) => (b.p95_ms === null ? null : Math.round(b.p95_ms))) },
      ],
      tokens: [
        { label: 'Input tokens', data: data.map((b) => b.input_tokens) },
        { label: 'Output tokens', data: data.map((b) => b.output_tokens) },
      ],
      money: currencies.map((c) => ({ label: c, data: data.map((b) => Number(b.revenue[c] || 0)) })),
    };
  }, [data, hours]);
  return (
    <>
      <dl className="tiles" data-testid="totals">
        <div>
          <dt>Requests</dt>
          <dd data-testid="total-requests">{view.requests.toLocaleString('en')}</dd>
        </div>
        <div>
          <dt>Errors</dt>
          <dd>{view.errors.toLocaleString('en')}</dd>
        </div>
        <div>
          <dt>Tokens in / out</dt>
          <dd>
            {view.inputTokens.toLocaleString('en')} / {view.outputTokens.toLocaleString('en')}
          </dd>
        </div>
        <div>
          <dt>Revenue</dt>
          <dd>{view.revenue.length ? view.revenue.map(([c, v]) => `${v.toFixed(4)} ${c}`).join(' · ') : '—'}</dd>
        </div>
      </dl>
      <div className="charts">
        <Chart id="chart-traffic" title="Requests and errors" labels={view.labels} series={view.traffic}
          summary={`${view.requests} requests, ${view.errors} errors in the period`} />
        <Chart id="chart-latency" title="Latency (ms)" labels={view.labels} series={view.latency} unit="ms"
          summary="median and 95th percentile latency per interval" />
        <Chart id="chart-tokens" title="Tokens" type="bar" stacked labels={view.labels} series={view.tokens}
          summary={`${view.inputTokens} input and ${view.outputTokens} output tokens`} />
        <Chart id="chart-revenue" title="Revenue" labels={view.labels}
          series={view.money.length ? view.money : [{ label: 'USD', data: view.labels.map(() => 0) }]}
          summary={view.revenue.map(([c, v]) => `${v.toFixed(4)} ${c}`).join(', ') || 'no revenue'} />
      </div>
      <p className="muted small">
        From the usage ledger: requests that reached a provider. Requests refused before that (policy, limits) are
        counted on <code>/metrics</code>.
      </p>
    </>
  );
}
