import { type FormEvent, useEffect } from 'react';
import { AnnotationsPage } from './annotations/annotations-page.js';
import { DashboardPage } from './dashboard/dashboard-page.js';
import { Link } from './router/link.js';
import { navigate, useLocation } from './router/location.js';
import { type Page, parseRoute, type Route } from './router/routes.js';
import { hrefOf, pageHref, projectOf, useSearchState } from './router/search-params.js';
import { ServicePage } from './services/service-page.js';
import { ServicesPage } from './services/services-page.js';
import { SessionPage } from './sessions/session-page.js';
import { SessionsPage } from './sessions/sessions-page.js';
import { TracePage } from './trace/trace-page.js';
import { TracesPage } from './traces/traces-page.js';

const NAVIGATION: { label: string; path: string; pages: Page[] }[] = [
  { label: 'Traces', path: '/traces', pages: ['traces', 'trace'] },
  { label: 'Sessions', path: '/sessions', pages: ['sessions', 'session'] },
  { label: 'Dashboard', path: '/dashboard', pages: ['dashboard'] },
  { label: 'Services', path: '/services', pages: ['services', 'service'] },
  { label: 'Annotations', path: '/annotations', pages: ['annotations'] },
];

function PageFor({ route }: { route: Route }) {
  switch (route.page) {
    case 'traces':
      return <TracesPage />;
    case 'trace':
      return <TracePage key={route.traceId} traceId={route.traceId} />;
    case 'sessions':
      return <SessionsPage />;
    case 'session':
      return <SessionPage key={route.sessionId} sessionId={route.sessionId} />;
    case 'dashboard':
      return <DashboardPage />;
    case 'services':
      return <ServicesPage />;
    case 'service':
      return <ServicePage key={route.service} service={route.service} />;
    case 'annotations':
      return <AnnotationsPage />;
    case 'not-found':
      return (
        <div className="page">
          <h1>No such page</h1>
          <p>
            <Link to="/traces">Go to the traces</Link>
          </p>
        </div>
      );
  }
}

/** The project every page reads; changing it keeps the page and drops its other state. */
function ProjectSwitcher() {
  const { params } = useSearchState();
  const { pathname } = useLocation();
  const project = projectOf(params);
  const change = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('project') ?? '').trim();
    // A trace or session of one project means nothing in another: go to the section's list.
    const section = `/${pathname.split('/')[1] || 'traces'}`;
    navigate(hrefOf(section, new URLSearchParams(value && value !== 'default' ? { project: value } : {})));
  };
  return (
    <form className="project-switcher" onSubmit={change} key={project}>
      <label>
        <span>Project</span>
        <input name="project" defaultValue={project} aria-label="Project" spellCheck={false} />
      </label>
    </form>
  );
}

export function App() {
  const { pathname, search } = useLocation();
  const route = parseRoute(pathname);
  useEffect(() => {
    const section = NAVIGATION.find((item) => item.pages.includes(route.page));
    document.title = section ? `${section.label} · Sextant` : 'Sextant';
  }, [route.page]);
  return (
    <div className="app">
      <header className="app-header">
        <Link to={pageHref('/traces', search)} className="brand">
          Sextant
        </Link>
        <nav aria-label="Pages">
          {NAVIGATION.map((item) => (
            <Link
              key={item.path}
              to={pageHref(item.path, search)}
              className={item.pages.includes(route.page) ? 'active' : ''}
              aria-current={item.pages.includes(route.page) ? 'page' : undefined}
            >
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="spacer" />
        <ProjectSwitcher />
      </header>
      <main className="app-main">
        <PageFor route={route} />
      </main>
    </div>
  );
}
