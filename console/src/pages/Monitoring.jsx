import { useState } from 'react';
import { api, query } from '../api.js';
import { ActionResult, Badge, Field, Json, Status, Table, time } from '../components/ui.jsx';
import { useAction, useGet } from '../hooks.js';
import { Link } from '../router.jsx';

/** Organizations ranked by risk, their clusters and evidence, and the review queue. */
export default function Monitoring({ may }) {
  const verdicts = useGet('/admin/monitor/verdicts', 15000);
  const orgs = useGet('/admin/orgs');
  const names = Object.fromEntries((orgs.data?.data || []).map((o) => [o.id, o.legal_name]));
  const [status, setStatus] = useState('open');
  // Kept here, not in the case: a decided case leaves the open queue, and its message with it.
  const [notice, setNotice] = useState(null);
  const cases = useGet(`/admin/monitor/cases${query({ status })}`);
  const rows = verdicts.data?.data || [];
  const clusters = [...new Set(rows.map((v) => v.cluster).filter((c) => c !== null && c !== undefined && c !== ''))];
  return (
    <section aria-labelledby="mon-title">
      <h1 id="mon-title">Monitoring</h1>
      <section aria-labelledby="queue-title">
        <h2 id="queue-title">Review queue</h2>
        <div className="toolbar">
          <label htmlFor="case-status">Show</label>
          <select id="case-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="open">open cases</option>
            <option value="">all cases</option>
            <option value="approved">approved</option>
            <option value="dismissed">dismissed</option>
          </select>
        </div>
        {notice ? (
          <p className="notice ok" role="status">
            {notice}
          </p>
        ) : null}
        <Status loading={cases.loading && !cases.data} error={cases.error} />
        {cases.data && !cases.data.data.length ? <p className="muted">No cases.</p> : null}
        {(cases.data?.data || []).map((c) => (
          <Case key={c.id} item={c} name={names[c.org]} may={may} onDone={(message) => {
            setNotice(message);
            cases.reload();
            verdicts.reload();
          }} />
        ))}
      </section>
      <section aria-labelledby="risk-title">
        <h2 id="risk-title">Organizations by risk</h2>
        <Status loading={verdicts.loading && !verdicts.data} error={verdicts.error} />
        {clusters.length ? <p className="muted">Clusters: {clusters.join(', ')}</p> : null}
        <Table caption={`${rows.length} organizations with traffic`}>
          <thead>
            <tr>
              <th scope="col">Organization</th>
              <th scope="col">Risk</th>
              <th scope="col">Verdict</th>
              <th scope="col">Cluster</th>
              <th scope="col">Requests</th>
              <th scope="col">Evidence</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((v) => (
              <tr key={v.org}>
                <th scope="row">
                  <Link to={`/orgs/${v.org}`}>{names[v.org] || v.org}</Link>
                  <div className="muted small">{v.org}</div>
                </th>
                <td>
                  <meter min="0" max="1" low={0.4} high={0.7} optimum={0} value={v.risk} aria-label={`risk ${v.risk}`} /> {v.risk.toFixed(2)}
                </td>
                <td>
                  <Badge value={v.verdict} />
                </td>
                <td>{v.cluster ?? '—'}</td>
                <td>{v.requests}</td>
                <td>
                  <ul className="plain">
                    {v.evidence.slice(0, 4).map((e) => (
                      <li key={e.signal}>
                        <strong>{e.signal}</strong> {e.value}: {e.detail}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>
    </section>
  );
}

function Case({ item, name, may, onDone }) {
  const [note, setNote] = useState('');
  const [decision, setDecision] = useState('approve');
  const action = useAction();
  const submit = (event) => {
    event.preventDefault();
    action.run(() => api.post(`/admin/monitor/cases/${item.id}/decision`, { decision, note }), (c) => {
      onDone(`Case ${c.id} of ${c.org} ${c.status}.`);
      return null;
    });
  };
  return (
    <article className="card" data-testid="case" aria-labelledby={`case-${item.id}`}>
      <h3 id={`case-${item.id}`}>
        <Link to={`/orgs/${item.org}`}>{name || item.org}</Link> · risk {Number(item.risk).toFixed(2)} · <Badge value={item.verdict} />{' '}
        action <Badge value={item.action} /> <Badge value={item.status} />
      </h3>
      <p className="muted small">
        {item.org} · case {item.id}, opened {time(item.opened_at)} ({item.tier} tier)
        {item.reviewer ? ` · ${item.status} by ${item.reviewer}: ${item.note}` : ''}
      </p>
      <ul className="plain">
        {(item.evidence?.evidence || []).map((e) => (
          <li key={e.signal}>
            <strong>{e.signal}</strong> {e.value}: {e.detail}
          </li>
        ))}
      </ul>
      <details>
        <summary>All evidence</summary>
        <Json value={item.evidence} />
      </details>
      {item.status === 'open' && may('review') ? (
        <form onSubmit={submit} className="stack">
          <fieldset className="choices">
            <legend>Decision</legend>
            {[
              ['approve', `Approve (keep: ${item.action})`],
              ['dismiss', 'Dismiss (lift throttle / suspension)'],
              ['throttle', 'Throttle'],
              ['suspend', 'Suspend'],
            ].map(([value, text]) => (
              <label key={value} className="check">
                <input type="radio" name={`decision-${item.id}`} value={value} checked={decision === value}
                  onChange={() => setDecision(value)} /> {text}
              </label>
            ))}
          </fieldset>
          <Field id={`note-${item.id}`} label="Note (required, audited)">
            <textarea id={`note-${item.id}`} required rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
          <div className="actions">
            <button type="submit" disabled={action.busy || !note.trim()}>
              Record decision
            </button>
          </div>
        </form>
      ) : null}
      <ActionResult action={action} />
    </article>
  );
}
