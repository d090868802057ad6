import { useEffect, useState } from 'react';

// A small history router: the console's pages are paths under /console/, so a page can be
// bookmarked and the back button works; the server answers every such path with index.html.
const BASE = '/console';

export function currentPath() {
  const path = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) : '/';
  return path === '' ? '/' : path;
}

export function navigate(path) {
  window.history.pushState({}, '', BASE + path);
  window.dispatchEvent(new Event('strait:navigate'));
}

export function usePath() {
  const [path, setPath] = useState(currentPath());
  useEffect(() => {
    const update = () => setPath(currentPath());
    window.addEventListener('popstate', update);
    window.addEventListener('strait:navigate', update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener('strait:navigate', update);
    };
  }, []);
  return path;
}

export function Link({ to, children, ...rest }) {
  return (
    <a
      href={BASE + to}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(to);
      }}
      {...rest}
    >
      {children}
    </a>
  );
}
