import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { startPwa } from './lib/pwa/pwa.svelte';
import { startDbHousekeeping } from './lib/state/db-housekeeping';

startPwa();
startDbHousekeeping();
mount(App, { target: document.getElementById('app') as HTMLElement });
