import { useState } from 'react';
import { api } from '../api.js';
import { ActionResult, Field, Status, Table, time } from '../components/ui.jsx';
import { useAction, useGet } from '../hooks.js';

const ROLES = ['admin', 'compliance', 'finance'];

/** The console's operators: add one, change a role or a password (their sessions end). */
export default function Operators({ me }) {
  const list = useGet('/admin/operators');
  const [form, setForm] = useState({ name: '', role: 'finance', password: '' });
  const action = useAction();
  const add = (event) => {
    event.preventDefault();
    action.run(() => api.post('/admin/operators', form), (o) => {
      list.reload();
      setForm({ name: '', role: 'finance', password: '' });
      return `Added ${o.name} (${o.role}).`;
    });
  };
  const setRole = (name, role) => action.run(() => api.post(`/admin/operators/${name}/role`, { role }), () => {
    list.reload();
    return `${name} is now ${role}; their sessions ended.`;
  });
  return (
    <section aria-labelledby="ops-title">
      <h1 id="ops-title">Operators</h1>
      <Status loading={list.loading && !list.data} error={list.error} />
      <Table caption="Operators and their roles">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Changed</th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.data || []).map((o) => (
            <tr key={o.name}>
              <th scope="row">{o.name}</th>
              <td>
                <label className="visually-hidden" htmlFor={`role-${o.name}`}>
                  Role of {o.name}
                </label>
                <select id={`role-${o.name}`} value={o.role} disabled={o.name === me.name}
                  onChange={(e) => setRole(o.name, e.target.value)}>
                  {ROLES.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </select>
              </td>
              <td>{time(o.updated_at)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
      <form onSubmit={add} className="form-grid card" aria-label="Add an operator">
        <Field id="op-name" label="Name">
          <input id="op-name" required pattern="[a-z][a-z0-9._\-]{1,62}" value={form.name}
            onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </Field>
        <Field id="op-role" label="Role">
          <select id="op-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </Field>
        <Field id="op-password" label="Password" hint="at least 12 characters">
          <input id="op-password" type="password" autoComplete="new-password" required minLength={12}
            aria-describedby="op-password-hint" value={form.password}
            onChange={(e) => setForm({ ...form, password: e.target.value })} />
        </Field>
        <div className="actions">
          <button type="submit" disabled={action.busy}>
            Add operator
          </button>
        </div>
      </form>
      <ActionResult action={action} />
    </section>
  );
}
