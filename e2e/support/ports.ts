// Where the browser tests find their servers, from E2E_PORT (read by the config and by the specs alike):
//   PORT      the product on the SMS outbox adapter (the one every spec uses by default)
//   PORT + 1  its API behind `vite preview` when E2E_WEB=preview
//   PORT + 2  a second instance of the product on the SMPP adapter (PORT + 3: its API when E2E_WEB=preview)
//   PORT + 4  the test SMSC's SMPP port, PORT + 5 its HTTP control API (e2e/support/smsc.ts)
//   PORT + 6  "ready" once all of the above are (e2e/support/launch.ts)
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
// E2E_WEB=preview serves the built app with `vite preview` in front of the API (for a server that cannot serve dist).
export const VIA_PREVIEW = process.env.E2E_WEB === 'preview';
export const API_PORT = VIA_PREVIEW ? E2E_PORT + 1 : E2E_PORT;
export const SMPP_PORT = E2E_PORT + 2;
export const SMPP_API_PORT = VIA_PREVIEW ? E2E_PORT + 3 : SMPP_PORT;
export const SMSC_PORT = E2E_PORT + 4;
export const SMSC_HTTP_PORT = E2E_PORT + 5;
export const LAUNCH_PORT = E2E_PORT + 6;

export const BASE_URL = `http://localhost:${E2E_PORT}`;
/** the product instance that sends and receives SMS through the test SMSC */
export const SMPP_BASE_URL = `http://localhost:${SMPP_PORT}`;
/** the test SMSC's control API */
export const SMSC_URL = `http://127.0.0.1:${SMSC_HTTP_PORT}`;
/** bind credentials the SMSC accepts and the SMPP instance uses */
export const SMSC_SYSTEM_ID = 'paidan-e2e';
export const SMSC_PASSWORD = 'e2e-smpp';
