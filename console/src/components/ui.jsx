// Small building blocks shared by the pages.

export function Status({ loading, error }) {
  if (error) {
    return (
      <p className="notice error" role="alert">
        {error.status === 403 ? 'Your role may not see this. ' : ''}
        {error.message}
      </p>
    );
  }
  if (loading) return <p className="muted" aria-live="polite">Loading…</p>;
  return null;
}

export function ActionResult({ action }) {
  if (action.error) {
    return (
      <p className="notice error" role="alert">
        {action.error.message}
      </p>
    );
  }
  if (action.message) {
    return (
      <p className="notice ok" role="status">
        {action.message}
      </p>
    );
  }
  return null;
}

export function Table({ caption, children, className }) {
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className={className}>
        <caption>{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function Badge({ value }) {
  return <span className={`badge badge-${String(value).replace(/[^a-z0-9]/gi, '-').toLowerCase()}`}>{value}</span>;
}

export function Field({ label, children, hint, id }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      ) : null}
    </div>
  );
}

export function Json({ value }) {
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}

export function time(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toISOString().replace('T', ' ').slice(0, 19) + 'Z';
}

export function pct(ratio) {
  if (ratio === null || ratio === undefined) return '—';
  const n = Number(ratio) * 100;
  return `${n >= 0 ? '+' : ''}${n.toFixed(1)}%`;
}
