import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { i18nReady } from './lib/i18n/i18n.svelte';
import { startPwa } from './lib/pwa/pwa.svelte';
import { startDbHousekeeping } from './lib/state/db-housekeeping';

startPwa();
startDbHousekeeping();
// The starting language first (English is a chunk of its own): never a flash of the other one.
void i18nReady.finally(() => mount(App, { target: document.getElementById('app') as HTMLElement }));
