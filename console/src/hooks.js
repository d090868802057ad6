import { useCallback, useEffect, useState } from 'react';
import { api } from './api.js';

/** Loads a GET path; `reload` fetches again. A null path loads nothing. */
export function useGet(path, refreshMs) {
  const [state, setState] = useState({ data: null, error: null, loading: Boolean(path) });
  const load = useCallback(async () => {
    if (!path) return;
    setState((s) => ({ ...s, loading: true }));
    try {
      const data = await api.get(path);
      setState({ data, error: null, loading: false });
    } catch (error) {
      setState({ data: null, error, loading: false });
    }
  }, [path]);
  useEffect(() => {
    load();
    if (!refreshMs) return undefined;
    const timer = setInterval(load, refreshMs);
    return () => clearInterval(timer);
  }, [load, refreshMs]);
  return { ...state, reload: load };
}

/** Runs an action, keeping whether it is busy, and its error or result message. */
export function useAction() {
  const [state, setState] = useState({ busy: false, error: null, message: null });
  const run = useCallback(async (action, success) => {
    setState({ busy: true, error: null, message: null });
    try {
      const result = await action();
      setState({ busy: false, error: null, message: typeof success === 'function' ? success(result) : success });
      return result;
    } catch (error) {
      setState({ busy: false, error, message: null });
      return undefined;
    }
  }, []);
  return { ...state, run };
}
