import { parseRoute, type Route } from './routes';

let route = $state<Route>(parseRoute(location.hash));
window.addEventListener('hashchange', () => {
  route = parseRoute(location.hash);
});

export const router = {
  get route(): Route {
    return route;
  },
};

export function navigate(hash: string): void {
  location.hash = hash;
}
