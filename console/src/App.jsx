import { useCallback, useEffect, useState } from 'react';
import { api } from './api.js';
import { Link, navigate, usePath } from './router.jsx';
import Login from './pages/Login.jsx';
import Overview from './pages/Overview.jsx';
import Orgs from './pages/Orgs.jsx';
import OrgDetail from './pages/OrgDetail.jsx';
import Markets from './pages/Markets.jsx';
import Monitoring from './pages/Monitoring.jsx';
import Provenance from './pages/Provenance.jsx';
import Revenue from './pages/Revenue.jsx';
import Audit from './pages/Audit.jsx';
import Operators from './pages/Operators.jsx';

// Each page and the permission it needs; the admin API enforces the same, this only spares the
// operator links that would be refused.
const PAGES = [
  { path: '/', title: 'Overview', needs: 'read_usage', component: Overview },
  { path: '/orgs', title: 'Organizations', needs: 'read_orgs', component: Orgs },
  { path: '/markets', title: 'Markets & policy', needs: 'read_orgs', component: Markets },
  { path: '/monitoring', title: 'Monitoring', needs: 'read_trust', component: Monitoring },
  { path: '/provenance', title: 'Provenance', needs: 'read_trust', component: Provenance },
  { path: '/revenue', title: 'Revenue', needs: 'read_usage', component: Revenue },
  { path: '/audit', title: 'Audit log', needs: 'read_trust', component: Audit },
  { path: '/operators', title: 'Operators', needs: 'manage', component: Operators },
];

function resolve(path) {
  if (path.startsWith('/orgs/')) {
    return { page: { title: 'Organization', needs: 'read_orgs', component: OrgDetail }, param: decodeURIComponent(path.slice(6)) };
  }
  return { page: PAGES.find((p) => p.path === path), param: null };
}

export default function App() {
  const [me, setMe] = useState(undefined);
  const path = usePath();
  const [menuOpen, setMenuOpen] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setMe(await api.get('/admin/session'));
    } catch {
      setMe(null);
    }
  }, []);

  useEffect(() => {
    refresh();
    const onUnauthorized = () => setMe(null);
    window.addEventListener('strait:unauthorized', onUnauthorized);
    return () => window.removeEventListener('strait:unauthorized', onUnauthorized);
  }, [refresh]);

  const { page, param } = resolve(path);
  useEffect(() => {
    document.title = `${page ? page.title : 'Not found'} · Strait console`;
    setMenuOpen(false);
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [path, page]);

  const may = (permission) => Boolean(me && me.permissions.includes(permission));
  const visible = PAGES.filter((p) => may(p.needs));
  // An operator whose role cannot see the overview starts on the first page it can.
  const start = path === '/' && me && !may('read_usage') && visible.length ? visible[0].path : null;
  useEffect(() => {
    if (start) navigate(start);
  }, [start]);

  if (me === undefined) return <p className="muted boot">Loading…</p>;
  if (me === null) return <Login onLogin={setMe} />;

  const logout = async () => {
    await api.del('/admin/session').catch(() => {});
    setMe(null);
  };

  let content;
  if (!page) {
    content = <p>No page here. <Link to="/">Back to the start.</Link></p>;
  } else if (!may(page.needs)) {
    content = (
      <p className="notice error" role="alert" data-testid="refused">
        The {me.role} role cannot open {page.title}.
      </p>
    );
  } else {
    const Page = page.component;
    content = <Page me={me} may={may} param={param} />;
  }

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Strait</span>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          Menu
        </button>
        <span className="who">
          <span data-testid="who">{me.name}</span> <span className="badge">{me.role}</span>
        </span>
        <button type="button" className="link-button" onClick={logout}>
          Log out
        </button>
      </header>
      <div className="layout">
        <nav id="nav" aria-label="Console" className={menuOpen ? 'open' : ''}>
          <ul>
            {visible.map((p) => (
              <li key={p.path}>
                <Link to={p.path} aria-current={p.path === path || (p.path === '/orgs' && path.startsWith('/orgs/')) ? 'page' : undefined}>
                  {p.title}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          {content}
        </main>
      </div>
    </>
  );
}
