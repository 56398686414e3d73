import {
  type AnchorHTMLAttributes,
  createContext,
  type MouseEvent,
  type ReactNode,
  startTransition,
  useContext,
  useEffect,
  useState,
} from 'react';

/**
 * A deliberately small history router: path patterns with `:params`, links, back/forward, and the query
 * string as the home of shareable UI state (filters, selected row). No router package is installed and the
 * app needs nothing more.
 */

export type RouterLocation = { pathname: string; search: string };
export type RouteParams = Record<string, string>;

export type RouteDefinition = {
  /** `/directives/:directiveId`; `*` matches anything (not-found page). */
  path: string;
  render: (params: RouteParams) => ReactNode;
};

type NavigateOptions = { replace?: boolean };

const listeners = new Set<() => void>();

function readLocation(): RouterLocation {
  return { pathname: window.location.pathname, search: window.location.search };
}

/** Changes the URL and tells the router; pushes a history entry unless `replace`. */
export function navigate(to: string, options: NavigateOptions = {}): void {
  const current = `${window.location.pathname}${window.location.search}`;
  if (to === current) {
    return;
  }
  if (options.replace) {
    window.history.replaceState(null, '', to);
  } else {
    window.history.pushState(null, '', to);
  }
  for (const listener of listeners) {
    listener();
  }
}

/**
 * Matches `/tasks/:taskId` against a pathname. Returns the decoded params, or null. Trailing slashes are
 * ignored; `*` matches every path.
 */
export function matchPath(pattern: string, pathname: string): RouteParams | null {
  if (pattern === '*') {
    return {};
  }
  const patternParts = pattern.split('/').filter(Boolean);
  const pathParts = pathname.split('/').filter(Boolean);
  if (patternParts.length !== pathParts.length) {
    return null;
  }
  const params: RouteParams = {};
  for (let i = 0; i < patternParts.length; i++) {
    const expected = patternParts[i] as string;
    const actual = pathParts[i] as string;
    if (expected.startsWith(':')) {
      try {
        params[expected.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (expected !== actual) {
      return null;
    }
  }
  return params;
}

/** Path plus query string; empty values are dropped so URLs stay short. */
export function buildHref(pathname: string, query?: Record<string, string | number | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return search ? `${pathname}?${search}` : pathname;
}

const LocationContext = createContext<RouterLocation>({ pathname: '/', search: '' });
const ParamsContext = createContext<RouteParams>({});

export type RouterProviderProps = { children: ReactNode };

export function RouterProvider({ children }: RouterProviderProps) {
  const [location, setLocation] = useState<RouterLocation>(readLocation);

  // The one subscription to the browser history; a transition keeps the old page on screen while a lazy
  // page loads instead of flashing the fallback.
  useEffect(() => {
    const handleChange = () => {
      startTransition(() => setLocation(readLocation()));
    };
    listeners.add(handleChange);
    window.addEventListener('popstate', handleChange);
    return () => {
      listeners.delete(handleChange);
      window.removeEventListener('popstate', handleChange);
    };
  }, []);

  return <LocationContext.Provider value={location}>{children}</LocationContext.Provider>;
}

export function useLocation(): RouterLocation {
  return useContext(LocationContext);
}

export function useParams(): RouteParams {
  return useContext(ParamsContext);
}

export type RoutesProps = { routes: RouteDefinition[] };

/** Renders the first route whose pattern matches the current path. */
export function Routes({ routes }: RoutesProps) {
  const { pathname } = useLocation();
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params) {
      return <ParamsContext.Provider value={params}>{route.render(params)}</ParamsContext.Provider>;
    }
  }
  return null;
}

export type SearchParamUpdate = Record<string, string | number | null | undefined>;

/**
 * The query string as state. `setSearch({ q: 'abc', page: null })` merges into the current query (null or ''
 * removes a key). Typing in a filter uses `replace` so Back leaves the page instead of undoing keystrokes.
 */
export function useSearchParams(): [URLSearchParams, (update: SearchParamUpdate, options?: NavigateOptions) => void] {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const setSearch = (update: SearchParamUpdate, options?: NavigateOptions) => {
    // Read the live URL, not the rendered one, so two updates in one event do not overwrite each other.
    const next = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(update)) {
      if (value === undefined) {
        continue;
      }
      if (value === null || value === '') {
        next.delete(key);
      } else {
        next.set(key, String(value));
      }
    }
    const search = next.toString();
    navigate(search ? `${window.location.pathname}?${search}` : window.location.pathname, options);
  };
  return [params, setSearch];
}

function isPlainLeftClick(event: MouseEvent<HTMLAnchorElement>): boolean {
  return event.button === 0 && !event.metaKey && !event.altKey && !event.ctrlKey && !event.shiftKey;
}

export type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & {
  to: string;
  replace?: boolean;
};

/** An `<a>` that navigates inside the app on a plain click and behaves as a normal link otherwise. */
export function Link({ to, replace, onClick, target, children, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (event.defaultPrevented || !isPlainLeftClick(event) || (target && target !== '_self')) {
      return;
    }
    event.preventDefault();
    navigate(to, replace ? { replace } : {});
  };
  return (
    <a href={to} target={target} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
