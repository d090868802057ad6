import { useState } from 'react';
import { api } from '../api.js';
import { Link, navigate } from '../router.jsx';
import { ActionResult, Badge, Field, Status, Table } from '../components/ui.jsx';
import { useAction, useGet } from '../hooks.js';

/** Every organization, and onboarding a new one (it is screened as it is created). */
export default function Orgs({ may }) {
  const orgs = useGet('/admin/orgs');
  const policy = useGet('/admin/policy');
  const [filter, setFilter] = useState('');
  const list = (orgs.data?.data || []).filter((o) =>
    `${o.legal_name} ${o.id} ${o.market} ${o.state}`.toLowerCase().includes(filter.toLowerCase()));
  return (
    <section aria-labelledby="orgs-title">
      <h1 id="orgs-title">Organizations</h1>
      {may('manage') ? <CreateOrg markets={Object.keys(policy.data?.markets || {})} /> : null}
      <div className="toolbar">
        <label htmlFor="org-filter">Filter</label>
        <input id="org-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)}
          placeholder="name, id, market or state" />
      </div>
      <Status loading={orgs.loading && !orgs.data} error={orgs.error} />
      <Table caption={`${list.length} organizations`}>
        <thead>
          <tr>
            <th scope="col">Legal name</th>
            <th scope="col">Market</th>
            <th scope="col" className="wide-only">Kind</th>
            <th scope="col">State</th>
            <th scope="col" className="wide-only">Created</th>
          </tr>
        </thead>
        <tbody>
          {list.map((o) => (
            <tr key={o.id}>
              <th scope="row">
                <Link to={`/orgs/${o.id}`}>{o.legal_name}</Link>
                <div className="muted small">{o.id}</div>
              </th>
              <td>{o.market}</td>
              <td className="wide-only">{o.kind}</td>
              <td>
                <Badge value={o.state} />
              </td>
              <td className="wide-only">{o.created_at.slice(0, 10)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}

function CreateOrg({ markets }) {
  const [form, setForm] = useState({ legal_name: '', market: '', kind: 'enterprise', registration_number: '', contacts: '' });
  const action = useAction();
  const set = (field) => (e) => setForm({ ...form, [field]: e.target.value });
  const submit = async (event) => {
    event.preventDefault();
    const made = await action.run(() => api.post('/admin/orgs', {
      legal_name: form.legal_name,
      market: form.market || markets[0],
      kind: form.kind,
      registration_number: form.registration_number || null,
      contacts: form.contacts.split(',').map((c) => c.trim()).filter(Boolean),
    }), (o) => `Created ${o.id}; screened on creation.`);
    if (made) navigate(`/orgs/${made.id}`);
  };
  return (
    <details className="card">
      <summary>Onboard an organization</summary>
      <form onSubmit={submit} className="form-grid">
        <Field id="org-name" label="Legal name">
          <input id="org-name" required value={form.legal_name} onChange={set('legal_name')} />
        </Field>
        <Field id="org-market" label="Market">
          <select id="org-market" value={form.market || markets[0] || ''} onChange={set('market')}>
            {markets.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </Field>
        <Field id="org-kind" label="Kind">
          <select id="org-kind" value={form.kind} onChange={set('kind')}>
            <option>enterprise</option>
            <option>individual</option>
          </select>
        </Field>
        <Field id="org-reg" label="Registration number">
          <input id="org-reg" value={form.registration_number} onChange={set('registration_number')} />
        </Field>
        <Field id="org-contacts" label="Contacts" hint="comma-separated e-mail addresses">
          <input id="org-contacts" aria-describedby="org-contacts-hint" value={form.contacts} onChange={set('contacts')} />
        </Field>
        <div className="actions">
          <button type="submit" disabled={action.busy}>
            Create and screen
          </button>
        </div>
      </form>
      <ActionResult action={action} />
    </details>
  );
}
