import { useState } from 'react';
import { api } from '../api.js';
import { ActionResult, Field, Status, Table, pct, time } from '../components/ui.jsx';
import { useAction, useGet } from '../hooks.js';
import { Link } from '../router.jsx';

/** Which customers generated a passage or a dataset, from the node's provenance index. */
export default function Provenance() {
  const stats = useGet('/admin/provenance/stats');
  return (
    <section aria-labelledby="prov-title">
      <h1 id="prov-title">Provenance</h1>
      <Status loading={stats.loading && !stats.data} error={stats.error} />
      {stats.data ? (
        <p className="muted">
          {Number(stats.data.generations ?? 0).toLocaleString('en')} generations indexed. No text is stored: only
          hashes and who generated them.
        </p>
      ) : null}
      <Search />
      <Attribute />
    </section>
  );
}

function Search() {
  const [text, setText] = useState('');
  const [result, setResult] = useState(null);
  const action = useAction();
  const submit = async (event) => {
    event.preventDefault();
    setResult(await action.run(() => api.post('/admin/provenance/search', { text, limit: 20 })));
  };
  return (
    <section className="card" aria-labelledby="search-title">
      <h2 id="search-title">Search a passage</h2>
      <form onSubmit={submit}>
        <Field id="prov-text" label="Text">
          <textarea id="prov-text" rows={5} required value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
        <button type="submit" disabled={action.busy}>
          Search
        </button>
      </form>
      <ActionResult action={action} />
      {result ? (
        <div aria-live="polite" data-testid="search-result">
          <p>
            {result.matches} matching generation(s). Query SHA-256 <code>{result.query_sha256?.slice(0, 16)}…</code>
          </p>
          {result.generations?.length ? (
            <Table caption="Matching generations">
              <thead>
                <tr>
                  <th scope="col">Organization</th>
                  <th scope="col">Request</th>
                  <th scope="col">Model</th>
                  <th scope="col">Time</th>
                  <th scope="col">Containment</th>
                </tr>
              </thead>
              <tbody>
                {result.generations.map((g) => (
                  <tr key={g.request_id}>
                    <th scope="row">
                      <Link to={`/orgs/${g.org}`}>{g.org}</Link>
                    </th>
                    <td>{g.request_id}</td>
                    <td>{g.model}</td>
                    <td>{time(g.time)}</td>
                    <td>{g.containment}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function Attribute() {
  const [file, setFile] = useState(null);
  const [format, setFormat] = useState('jsonl');
  const [result, setResult] = useState(null);
  const action = useAction();
  const submit = async (event) => {
    event.preventDefault();
    const text = await file.text();
    setResult(await action.run(() => api.postText(
      `/admin/provenance/attribute?format=${format}&name=${encodeURIComponent(file.name)}`, text)));
  };
  return (
    <section className="card" aria-labelledby="attr-title">
      <h2 id="attr-title">Attribute a dataset</h2>
      <form onSubmit={submit} className="form-grid">
        <Field id="prov-file" label="Dataset file" hint="JSONL, CSV with a header, or text with one record per paragraph">
          <input id="prov-file" type="file" required aria-describedby="prov-file-hint"
            accept=".jsonl,.json,.csv,.txt" onChange={(e) => {
              const f = e.target.files[0] || null;
              setFile(f);
              if (f?.name.endsWith('.csv')) setFormat('csv');
              else if (f?.name.endsWith('.txt')) setFormat('text');
              else setFormat('jsonl');
            }} />
        </Field>
        <Field id="prov-format" label="Format">
          <select id="prov-format" value={format} onChange={(e) => setFormat(e.target.value)}>
            <option value="jsonl">JSONL</option>
            <option value="csv">CSV</option>
            <option value="text">Text</option>
          </select>
        </Field>
        <div className="actions">
          <button type="submit" disabled={action.busy || !file}>
            Attribute
          </button>
        </div>
      </form>
      <ActionResult action={action} />
      {result ? (
        <div aria-live="polite" data-testid="attribution">
          <p>
            {result.records} records; {result.unattributed_records} attributed to no one.
            {result.top_organization ? ` Most likely source: ${result.top_organization}.` : ''}
          </p>
          <Table caption="Organizations the dataset was drawn from">
            <thead>
              <tr>
                <th scope="col">Organization</th>
                <th scope="col">Records</th>
                <th scope="col">Share</th>
                <th scope="col">Confidence</th>
                <th scope="col">Seen</th>
              </tr>
            </thead>
            <tbody>
              {(result.organizations || []).map((o) => (
                <tr key={o.org}>
                  <th scope="row">
                    <Link to={`/orgs/${o.org}`}>{o.org}</Link>
                  </th>
                  <td>{o.matched_records}</td>
                  <td>{pct(o.share).replace('+', '')}</td>
                  <td>{o.confidence}</td>
                  <td>
                    {time(o.first_seen)} – {time(o.last_seen)}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      ) : null}
    </section>
  );
}
