/**
 * Ports the browser tests use; the simulator's is not the one `npm start` uses (11435).
 * E2E_SIM_PORT / E2E_WEB_PORT move them, e.g. to run two checkouts' tests side by side.
 */
export const SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 11436);
export const WEB_PORT = Number(process.env.E2E_WEB_PORT ?? 4173);
export const SIM_URL = `http://127.0.0.1:${SIM_PORT}`;
