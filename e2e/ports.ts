/** Ports the browser tests use; the simulator's is not the one `npm start` uses (11435). */
export const SIM_PORT = 11436;
export const WEB_PORT = 4173;
export const SIM_URL = `http://127.0.0.1:${SIM_PORT}`;
