import { render } from 'preact';
import { App } from './app';
import { askEarly, earlyRequests } from './lib/early';
import { startEntrySync } from './lib/entry-sync';
import { applyTheme, savedTheme } from './lib/theme';
import './styles.css';

// The opened page's data is on its way while its code still loads.
askEarly(earlyRequests(location.pathname, location.search));
applyTheme(savedTheme());
render(<App />, document.getElementById('app')!);
// Entries saved while offline go to the server as soon as it can be reached.
startEntrySync();

// The app opens offline once installed; drafts of entries are kept by the page itself.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch(() => {
    /* without a service worker the app still works online */
  });
}
