import { useState } from 'react';
import { api } from '../api.js';
import { ActionResult, Status, Table, time } from '../components/ui.jsx';
import { useAction, useGet } from '../hooks.js';

/** The hash-chained audit log: browse it, and verify the chain end to end. */
export default function Audit() {
  const [after, setAfter] = useState(0);
  const page = useGet(`/admin/audit?after=${after}`);
  const [filter, setFilter] = useState('');
  const verify = useAction();
  const [verdict, setVerdict] = useState(null);
  const entries = (page.data?.data || []).filter((e) =>
    `${e.actor} ${e.action} ${e.subject} ${e.detail}`.toLowerCase().includes(filter.toLowerCase()));
  const check = async () => setVerdict(await verify.run(() => api.get('/admin/audit/verify')));
  const last = page.data?.data?.length ? page.data.data[page.data.data.length - 1].seq : after;
  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <div className="card">
        <button type="button" onClick={check} disabled={verify.busy}>
          Verify the chain
        </button>
        <ActionResult action={verify} />
        {verdict ? (
          <p className={`notice ${verdict.intact ? 'ok' : 'error'}`} role="status" data-testid="audit-verdict">
            {verdict.intact
              ? `Intact: ${verdict.entries} entries, each hash covering the one before.`
              : `BROKEN at entry ${verdict.first_broken_seq}: ${verdict.problem}`}
          </p>
        ) : null}
      </div>
      <div className="toolbar">
        <label htmlFor="audit-filter">Filter</label>
        <input id="audit-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)}
          placeholder="actor, action, subject…" />
        <button type="button" className="secondary" disabled={after === 0} onClick={() => setAfter(0)}>
          First page
        </button>
        <button type="button" className="secondary" disabled={(page.data?.data?.length || 0) < 1000}
          onClick={() => setAfter(last)}>
          Next page
        </button>
      </div>
      <Status loading={page.loading && !page.data} error={page.error} />
      <Table caption={`Entries after #${after} (${entries.length} shown)`} className="audit">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Subject</th>
            <th scope="col">Detail</th>
            <th scope="col">Hash</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq}>
              <th scope="row">{e.seq}</th>
              <td>{time(e.at)}</td>
              <td>{e.actor}</td>
              <td>{e.action}</td>
              <td>{e.subject}</td>
              <td className="detail">{e.detail}</td>
              <td>
                <code title={e.hash}>{e.hash.slice(0, 10)}…</code>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
