import { registerSW } from 'virtual:pwa-register';

const RELOADED_KEY = 'huiyuanbao.preloadReloaded';
let needRefresh = $state(false);
let offlineReady = $state(false);
let online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);

/** Chromium's install offer, kept until the owner taps "Install" (it can be used once). */
interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}
let installOffer = $state<InstallPromptEvent | null>(null);
/** Work a reload would lose (a cart being rung up, an import being written), by who holds it. */
const holds = $state<Record<string, boolean>>({});
let updateSW: ((reloadPage?: boolean) => Promise<void>) | null = null;

export const pwa = {
  get needRefresh(): boolean {
    return needRefresh;
  },
  get offlineReady(): boolean {
    return offlineReady;
  },
  /** The network, as the browser sees it: nothing in the app needs it, but the owner likes to know. */
  get online(): boolean {
    return online;
  },
  /** Whether something on screen would be lost by a reload now: the update waits for it. */
  get busy(): boolean {
    return Object.values(holds).some(Boolean);
  },
  /** `key` has (or no longer has) work a reload would lose. */
  hold(key: string, on: boolean): void {
    holds[key] = on;
  },
  /** Activate the waiting service worker and reload: only when the owner says so, never mid-work. */
  async reload(): Promise<void> {
    if (this.busy) return;
    needRefresh = false;
    // workbox-window reloads only for updates it found itself; the browser's own check counts too.
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    await updateSW?.(true);
  },
  /** The browser would install the app now (Chromium; other browsers use their own menu). */
  get installable(): boolean {
    return installOffer !== null;
  },
  async install(): Promise<void> {
    const offer = installOffer;
    installOffer = null;
    await offer?.prompt();
  },
  dismiss(): void {
    needRefresh = false;
    offlineReady = false;
  },
};

export function startPwa(): void {
  window.addEventListener('online', () => (online = true));
  window.addEventListener('offline', () => (online = false));
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault(); // offer it in the app, at a moment of the owner's choosing
    installOffer = event as InstallPromptEvent;
  });
  window.addEventListener('appinstalled', () => (installOffer = null));
  updateSW = registerSW({
    onNeedRefresh: () => {
      needRefresh = true;
    },
    onOfflineReady: () => {
      offlineReady = true;
    },
  });
  // After a deploy an old page may ask for a chunk that no longer exists: reload once, not in a loop.
  window.addEventListener('vite:preloadError', (event) => {
    if (sessionStorage.getItem(RELOADED_KEY)) return;
    sessionStorage.setItem(RELOADED_KEY, '1');
    event.preventDefault();
    location.reload();
  });
  // A page that has run for a while without the error may try again after the next deploy.
  setTimeout(() => sessionStorage.removeItem(RELOADED_KEY), 30_000);
}
