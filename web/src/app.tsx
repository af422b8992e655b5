import { ErrorBoundary, LocationProvider, Route, Router, lazy } from 'preact-iso';
import { Nav } from './components/nav';

// Each page is its own chunk: the first load carries only the shell and the page asked for
// (the charting library comes with the pages that draw charts).
const Home = lazy(() => import('./pages/home'));
const Entry = lazy(() => import('./pages/entry'));
const Runs = lazy(() => import('./pages/runs'));
const RunPage = lazy(() => import('./pages/run'));
const Import = lazy(() => import('./pages/import'));
const Workshop = lazy(() => import('./pages/workshop'));
const Values = lazy(() => import('./pages/values'));
const Experiments = lazy(() => import('./pages/experiments'));
const ExperimentPage = lazy(() => import('./pages/experiment'));
const CheckIn = lazy(() => import('./pages/checkin'));
const Insights = lazy(() => import('./pages/insights'));
const Settings = lazy(() => import('./pages/settings'));
const NotFound = lazy(() => import('./pages/not-found'));

export function App() {
  return (
    <LocationProvider>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <Nav />
      <main id="main" tabIndex={-1}>
        <ErrorBoundary>
          <Router>
            <Route path="/" component={Home} />
            <Route path="/entry" component={Entry} />
            <Route path="/entry/:run" component={Entry} />
            <Route path="/runs" component={Runs} />
            <Route path="/runs/:id" component={RunPage} />
            <Route path="/import" component={Import} />
            <Route path="/workshop" component={Workshop} />
            <Route path="/values" component={Values} />
            <Route path="/experiments" component={Experiments} />
            <Route path="/experiments/:id" component={ExperimentPage} />
            <Route path="/checkin" component={CheckIn} />
            <Route path="/insights" component={Insights} />
            <Route path="/settings" component={Settings} />
            <Route default component={NotFound} />
          </Router>
        </ErrorBoundary>
      </main>
    </LocationProvider>
  );
}
