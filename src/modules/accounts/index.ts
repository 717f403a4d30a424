/** The accounts module's entry points for the rest of the app (see README.md). */
export { accountsRoutes } from './accounts.routes.js';
export { accountsMiddleware, clientAddress, publicBaseUrl } from './accounts.http.js';
