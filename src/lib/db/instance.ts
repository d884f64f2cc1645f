import { ShopDB } from './shop-db';

/** The app's one database connection. Tests make their own ShopDB on fake-indexeddb. */
export const db = new ShopDB();
