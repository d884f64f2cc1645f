import { version } from '../../../../package.json';

/** The app's version (package.json), written into every backup's manifest. */
export const APP_VERSION: string = version;
