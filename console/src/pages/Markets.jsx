import { useState } from 'react';
import { api, query } from '../api.js';
import { ActionResult, Badge, Field, Status, Table } from '../components/ui.jsx';
import { useAction, useGet } from '../hooks.js';

/** The entitlement matrix (model × market), where each market is served from, and a "what if" check. */
export default function Markets({ may }) {
  const matrix = useGet('/admin/policy/matrix');
  const reload = useAction();
  const m = matrix.data;
  const cell = (model, market) => m.cells.find((c) => c.model === model && c.market === market);
  return (
    <section aria-labelledby="markets-title">
      <h1 id="markets-title">Markets & policy</h1>
      <Status loading={matrix.loading && !m} error={matrix.error} />
      {m ? (
        <>
          <p className="muted small">
            Policy <code>{m.source}</code> · SHA-256 <code>{m.sha256.slice(0, 16)}…</code>
          </p>
          {may('manage') ? (
            <p>
              <button type="button" className="secondary" disabled={reload.busy}
                onClick={() => reload.run(() => api.post('/admin/policy/reload'), (r) => {
                  matrix.reload();
                  return r.changed ? 'Policy reloaded.' : 'Policy file unchanged.';
                })}>
                Reload policy file
              </button>
            </p>
          ) : null}
          <ActionResult action={reload} />
          <Table caption="Entitlements: what a verified enterprise of each market may use" className="matrix">
            <thead>
              <tr>
                <th scope="col">Model</th>
                {m.markets.map((mk) => (
                  <th scope="col" key={mk.code}>
                    {mk.code}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {m.models.map(({ model, vendor }) => (
                <tr key={model}>
                  <th scope="row">
                    {model}
                    <div className="muted small">{vendor || 'no vendor'}</div>
                  </th>
                  {m.markets.map((mk) => {
                    const c = cell(model, mk.code);
                    return (
                      <td key={mk.code} className={`cell-${c.decision}`} title={`${c.reason} (${c.rule})`}>
                        <span className="decision">{c.decision === 'allow' ? '✓ allow' : '✕ deny'}</span>
                        <span className="small">{c.decision === 'allow' ? c.regions.join(', ') : c.code}</span>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </Table>
          <Table caption="Markets">
            <thead>
              <tr>
                <th scope="col">Market</th>
                <th scope="col">Served from</th>
                <th scope="col">Content stored</th>
                <th scope="col">Retention</th>
                <th scope="col">Monitoring</th>
              </tr>
            </thead>
            <tbody>
              {m.markets.map((mk) => (
                <tr key={mk.code}>
                  <th scope="row">
                    {mk.code} <span className="muted small">{mk.name}</span>
                  </th>
                  <td>{mk.serve_from.join(', ')}</td>
                  <td>{mk.storage}</td>
                  <td>{mk.retention_days} days</td>
                  <td>{mk.monitoring_tier}</td>
                </tr>
              ))}
            </tbody>
          </Table>
          <WhatIf models={m.models.map((x) => x.model)} />
        </>
      ) : null}
    </section>
  );
}

function WhatIf({ models }) {
  const orgs = useGet('/admin/orgs');
  const [org, setOrg] = useState('');
  const [model, setModel] = useState('');
  const action = useAction();
  const [result, setResult] = useState(null);
  const check = async (event) => {
    event.preventDefault();
    setResult(null);
    setResult(await action.run(() => api.get(`/admin/policy/check${query({ org, model })}`)));
  };
  return (
    <section className="card" aria-labelledby="whatif-title">
      <h2 id="whatif-title">What if…</h2>
      <p className="muted">What the policy decides for an organization and a model, without sending any traffic.</p>
      <form onSubmit={check} className="form-grid">
        <Field id="wi-org" label="Organization">
          <select id="wi-org" required value={org} onChange={(e) => setOrg(e.target.value)}>
            <option value="">Choose…</option>
            {(orgs.data?.data || []).map((o) => (
              <option key={o.id} value={o.id}>
                {o.legal_name} ({o.market}, {o.state})
              </option>
            ))}
          </select>
        </Field>
        <Field id="wi-model" label="Model">
          <input id="wi-model" list="wi-models" required value={model} onChange={(e) => setModel(e.target.value)} />
          <datalist id="wi-models">
            {models.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
        </Field>
        <div className="actions">
          <button type="submit" disabled={action.busy}>
            Check
          </button>
        </div>
      </form>
      <ActionResult action={action} />
      {result ? (
        <dl className="facts" aria-live="polite" data-testid="whatif-result">
          <dt>Decision</dt>
          <dd>
            <Badge value={result.decision} /> {result.decision === 'deny' ? result.code : ''}
          </dd>
          <dt>Why</dt>
          <dd>{result.reason}</dd>
          <dt>Rule</dt>
          <dd>
            <code>{result.rule}</code>
          </dd>
          {result.serving_regions ? (
            <>
              <dt>Served from</dt>
              <dd>{result.serving_regions.join(', ') || '—'}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
    </section>
  );
}
