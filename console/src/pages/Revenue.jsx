import { useMemo, useState } from 'react';
import Chart from '../components/Chart.jsx';
import { Status, Table, pct } from '../components/ui.jsx';
import { useGet } from '../hooks.js';
import { query } from '../api.js';

function monthStart(offset) {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1)).toISOString().slice(0, 10);
}

/** Revenue by territory (or organization, or model), against the period before. */
export default function Revenue() {
  const [by, setBy] = useState('market');
  const [from, setFrom] = useState(monthStart(0));
  const [to, setTo] = useState(monthStart(1));
  const report = useGet(`/admin/reports/usage${query({ by, from, to })}`);
  const rows = report.data?.data || [];
  const chart = useMemo(() => ({
    labels: rows.map((r) => `${r[by]} (${r.currency})`),
    series: [
      { label: 'Previous period', data: rows.map((r) => Number(r.previous_revenue)) },
      { label: 'This period', data: rows.map((r) => Number(r.revenue)) },
    ],
  }), [rows, by]);
  return (
    <section aria-labelledby="rev-title">
      <h1 id="rev-title">Revenue</h1>
      <form className="toolbar" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor="rev-by">By</label>
        <select id="rev-by" value={by} onChange={(e) => setBy(e.target.value)}>
          <option value="market">territory (market)</option>
          <option value="org">organization</option>
          <option value="model">model</option>
        </select>
        <label htmlFor="rev-from">From</label>
        <input id="rev-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        <label htmlFor="rev-to">To</label>
        <input id="rev-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        <a className="button secondary" href={`/admin/reports/usage${query({ by, from, to, format: 'csv' })}`} download>
          Download CSV
        </a>
      </form>
      <Status loading={report.loading && !report.data} error={report.error} />
      {rows.length ? (
        <Chart id="chart-territory" type="bar" title="Revenue: this period against the one before" labels={chart.labels}
          series={chart.series} summary={rows.map((r) => `${r[by]} ${r.revenue} ${r.currency}`).join(', ')} />
      ) : report.data ? <p className="muted">No revenue in this period.</p> : null}
      <Table caption={`Usage and revenue by ${by}, ${from} to ${to}`}>
        <thead>
          <tr>
            <th scope="col">{by === 'market' ? 'Territory' : by}</th>
            <th scope="col">Requests</th>
            <th scope="col">Input tokens</th>
            <th scope="col">Output tokens</th>
            <th scope="col">Revenue</th>
            <th scope="col">Previous period</th>
            <th scope="col">Growth</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r[by]}-${r.currency}`}>
              <th scope="row">{r[by]}</th>
              <td>{r.requests}</td>
              <td>{r.input_tokens}</td>
              <td>{r.output_tokens}</td>
              <td>
                {r.revenue} {r.currency}
              </td>
              <td>
                {r.previous_revenue} {r.currency}
              </td>
              <td className={r.growth && Number(r.growth) < 0 ? 'down' : 'up'}>{r.growth === null ? 'new' : pct(r.growth)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
