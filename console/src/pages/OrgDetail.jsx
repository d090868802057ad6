import { useState } from 'react';
import { api, query } from '../api.js';
import { ActionResult, Badge, Field, Json, Status, Table, time } from '../components/ui.jsx';
import { useAction, useGet } from '../hooks.js';
import { Charts } from './Overview.jsx';

/** One organization: verification, screening hits, keys, limits and usage. */
export default function OrgDetail({ param: id, may }) {
  const org = useGet(`/admin/orgs/${encodeURIComponent(id)}`);
  const screenings = useGet(`/admin/screening/orgs/${encodeURIComponent(id)}`);
  // Kept on the page: the form that reported it may be gone once the organization has changed.
  const [notice, setNotice] = useState(null);
  if (!org.data) return <Status loading={org.loading} error={org.error} />;
  const o = org.data;
  const reload = (message) => {
    setNotice(message || null);
    org.reload();
    screenings.reload();
  };
  return (
    <section aria-labelledby="org-title">
      <h1 id="org-title">{o.legal_name}</h1>
      <dl className="facts">
        <dt>Id</dt>
        <dd>{o.id}</dd>
        <dt>Market</dt>
        <dd>{o.market}</dd>
        <dt>Kind</dt>
        <dd>{o.kind}</dd>
        <dt>State</dt>
        <dd data-testid="org-state">
          <Badge value={o.state} />
        </dd>
        <dt>Registration</dt>
        <dd>{o.registration_number || '—'}</dd>
        <dt>Contacts</dt>
        <dd>{o.contacts.join(', ') || '—'}</dd>
      </dl>
      {notice ? (
        <p className="notice ok" role="status">
          {notice}
        </p>
      ) : null}
      {may('manage') ? <StateChange org={o} onDone={reload} /> : null}
      <Screenings data={screenings} may={may} onDone={reload} />
      <Keys org={o} may={may} onDone={() => org.reload()} />
      <Limits org={o} may={may} />
      {may('read_usage') ? <Usage org={o.id} /> : null}
    </section>
  );
}

function StateChange({ org, onDone }) {
  const [reason, setReason] = useState('');
  const action = useAction();
  const next = { pending: ['verified', 'rejected', 'suspended'], verified: ['suspended'], suspended: ['verified'] }[org.state] || [];
  const change = (state) => action.run(() => api.post(`/admin/orgs/${org.id}/state`, { state, reason }), (o) => {
    onDone(`Now ${o.state}.`);
    return null;
  });
  if (!next.length) return null;
  return (
    <section className="card" aria-labelledby="state-title">
      <h2 id="state-title">Verification</h2>
      <Field id="state-reason" label="Reason (audited)">
        <input id="state-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <div className="actions">
        {next.map((state) => (
          <button key={state} type="button" disabled={action.busy} onClick={() => change(state)}
            className={state === 'verified' ? '' : 'secondary'}>
            {{ verified: 'Verify', rejected: 'Reject', suspended: 'Suspend' }[state]}
          </button>
        ))}
      </div>
      <ActionResult action={action} />
    </section>
  );
}

function Screenings({ data, may, onDone }) {
  const list = data.data?.data || [];
  return (
    <section aria-labelledby="screen-title">
      <h2 id="screen-title">Screening</h2>
      <Status loading={data.loading && !data.data} error={data.error} />
      {!list.length && data.data ? <p className="muted">Not screened (no denied-party lists configured).</p> : null}
      {list.map((s) => (
        <article key={s.id} className="card" data-testid="screening">
          <h3>
            {time(s.screened_at)} · {s.trigger} · <Badge value={s.decision} /> <Badge value={s.status} />
          </h3>
          <p>
            Top score {s.top_score}
            {s.resolution ? ` · resolved ${s.resolution} by ${s.reviewer}: ${s.reason}` : ''}
          </p>
          {(s.result?.hits || []).length ? (
            <Table caption="Hits">
              <thead>
                <tr>
                  <th scope="col">Listed party</th>
                  <th scope="col">List</th>
                  <th scope="col">Score</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {s.result.hits.map((h, i) => (
                  <tr key={i}>
                    <th scope="row">{h.entry}</th>
                    <td>{h.list}</td>
                    <td>{h.score}</td>
                    <td>{h.explanation}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          ) : null}
          {s.status === 'open' && may('review') ? <Resolve screening={s} onDone={onDone} /> : null}
        </article>
      ))}
    </section>
  );
}

function Resolve({ screening, onDone }) {
  const [reason, setReason] = useState('');
  const action = useAction();
  const resolve = (resolution) => action.run(() => api.post(`/admin/screening/${screening.id}/resolve`, { resolution, reason }),
    () => {
      onDone(`Screening resolved: ${resolution}.`);
      return null;
    });
  return (
    <form onSubmit={(e) => e.preventDefault()}>
      <Field id={`reason-${screening.id}`} label="Reason for the resolution (audited)">
        <input id={`reason-${screening.id}`} required value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <div className="actions">
        <button type="button" disabled={action.busy || !reason} onClick={() => resolve('cleared')}>
          Clear: not the listed party
        </button>
        <button type="button" className="danger" disabled={action.busy || !reason} onClick={() => resolve('confirmed')}>
          Confirm match
        </button>
      </div>
      <ActionResult action={action} />
    </form>
  );
}

function Keys({ org, may, onDone }) {
  const [form, setForm] = useState({ name: '', models: '', expires_at: '' });
  const [secret, setSecret] = useState(null);
  const action = useAction();
  const create = async (event) => {
    event.preventDefault();
    const made = await action.run(() => api.post('/admin/keys', {
      org: org.id,
      name: form.name || 'default',
      models: form.models.split(',').map((m) => m.trim()).filter(Boolean),
      expires_at: form.expires_at ? new Date(form.expires_at).toISOString() : null,
    }), 'Key created.');
    if (made) {
      setSecret(made.key);
      onDone();
    }
  };
  const revoke = (key) => action.run(() => api.post(`/admin/keys/${key.id}/revoke`), () => {
    onDone();
    return `Revoked ${key.id}.`;
  });
  return (
    <section aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      <Table caption={`${org.keys.length} keys`}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Prefix</th>
            <th scope="col">Models</th>
            <th scope="col">Expires</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {org.keys.map((k) => (
            <tr key={k.id}>
              <th scope="row">
                {k.name}
                <div className="muted small">{k.id}</div>
              </th>
              <td>{k.prefix}</td>
              <td>{k.models.join(', ') || 'all'}</td>
              <td>{time(k.expires_at)}</td>
              <td>
                {k.revoked_at ? (
                  <Badge value="revoked" />
                ) : may('manage') ? (
                  <button type="button" className="secondary" onClick={() => revoke(k)}
                    aria-label={`Revoke key ${k.name} ${k.prefix}`}>
                    Revoke
                  </button>
                ) : (
                  <Badge value="active" />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
      {secret ? (
        <div className="notice ok" role="status">
          <p>Copy the key now: it is never shown again.</p>
          <code data-testid="new-key" className="secret">{secret}</code>
        </div>
      ) : null}
      {may('manage') ? (
        <form onSubmit={create} className="form-grid card" aria-label="Create a key">
          <Field id="key-name" label="Key name">
            <input id="key-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </Field>
          <Field id="key-models" label="Models" hint="comma-separated; empty for every model the market allows">
            <input id="key-models" aria-describedby="key-models-hint" value={form.models}
              onChange={(e) => setForm({ ...form, models: e.target.value })} />
          </Field>
          <Field id="key-expires" label="Expires">
            <input id="key-expires" type="date" value={form.expires_at}
              onChange={(e) => setForm({ ...form, expires_at: e.target.value })} />
          </Field>
          <div className="actions">
            <button type="submit" disabled={action.busy}>
              Create key
            </button>
          </div>
        </form>
      ) : null}
      <ActionResult action={action} />
    </section>
  );
}

function Limits({ org, may }) {
  const limits = useGet(`/admin/orgs/${org.id}/limits`);
  const [form, setForm] = useState({ model: '*', requests_per_minute: '', tokens_per_minute: '', monthly_budget: '', currency: 'USD' });
  const action = useAction();
  const set = (field) => (e) => setForm({ ...form, [field]: e.target.value });
  const submit = (event) => {
    event.preventDefault();
    const body = { model: form.model || '*', currency: form.currency };
    if (form.requests_per_minute) body.requests_per_minute = Number(form.requests_per_minute);
    if (form.tokens_per_minute) body.tokens_per_minute = Number(form.tokens_per_minute);
    if (form.monthly_budget) body.monthly_budget = form.monthly_budget;
    action.run(() => api.post(`/admin/orgs/${org.id}/limits`, body), () => {
      limits.reload();
      return 'Limits set.';
    });
  };
  return (
    <section aria-labelledby="limits-title">
      <h2 id="limits-title">Limits</h2>
      <Status loading={limits.loading && !limits.data} error={limits.error} />
      <Table caption="Limits on this organization">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Requests/min</th>
            <th scope="col">Tokens/min</th>
            <th scope="col">Monthly budget</th>
          </tr>
        </thead>
        <tbody>
          {(limits.data?.data || []).map((l) => (
            <tr key={l.model}>
              <th scope="row">{l.model}</th>
              <td>{l.requests_per_minute ?? '—'}</td>
              <td>{l.tokens_per_minute ?? '—'}</td>
              <td>{l.monthly_budget ? `${l.monthly_budget} ${l.currency}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      {may('manage') ? (
        <form onSubmit={submit} className="form-grid card" aria-label="Set limits">
          <Field id="lim-model" label="Model (* for all)">
            <input id="lim-model" value={form.model} onChange={set('model')} />
          </Field>
          <Field id="lim-rpm" label="Requests per minute">
            <input id="lim-rpm" inputMode="numeric" value={form.requests_per_minute} onChange={set('requests_per_minute')} />
          </Field>
          <Field id="lim-tpm" label="Tokens per minute">
            <input id="lim-tpm" inputMode="numeric" value={form.tokens_per_minute} onChange={set('tokens_per_minute')} />
          </Field>
          <Field id="lim-budget" label="Monthly budget">
            <input id="lim-budget" inputMode="decimal" value={form.monthly_budget} onChange={set('monthly_budget')} />
          </Field>
          <Field id="lim-cur" label="Currency">
            <input id="lim-cur" value={form.currency} onChange={set('currency')} />
          </Field>
          <div className="actions">
            <button type="submit" disabled={action.busy}>
              Set limits
            </button>
          </div>
        </form>
      ) : null}
      <ActionResult action={action} />
    </section>
  );
}

function Usage({ org }) {
  const series = useGet(`/admin/usage/series${query({ bucket: '30m', period: '24h', org })}`);
  const month = new Date().toISOString().slice(0, 7);
  const statement = useGet(`/admin/reports/statement${query({ org, month })}`);
  return (
    <section aria-labelledby="usage-title">
      <h2 id="usage-title">Usage, last 24 hours</h2>
      <Status loading={series.loading && !series.data} error={series.error} />
      {series.data ? <Charts data={series.data.data} hours={24} /> : null}
      <h3>Statement for {month}</h3>
      <Status loading={statement.loading && !statement.data} error={statement.error} />
      {statement.data && !statement.data.lines.length ? <p className="muted">No usage this month.</p> : null}
      {statement.data?.lines.length ? (
        <Table caption={`Total ${statement.data.total} ${statement.data.currency}`}>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Requests</th>
              <th scope="col">Input tokens</th>
              <th scope="col">Output tokens</th>
              <th scope="col">Amount</th>
            </tr>
          </thead>
          <tbody>
            {statement.data.lines.map((l) => (
              <tr key={l.model}>
                <th scope="row">{l.model}</th>
                <td>{l.requests}</td>
                <td>{l.input_tokens}</td>
                <td>{l.output_tokens}</td>
                <td>{l.amount}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </section>
  );
}

export { Json };
