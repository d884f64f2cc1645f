import { activeDbName, browserStore } from './active';
import { ShopDB } from './shop-db';

/** The app's one database connection: the active database (see active.ts). Tests make their own ShopDB on fake-indexeddb. */
export const db = new ShopDB(activeDbName(browserStore()));
