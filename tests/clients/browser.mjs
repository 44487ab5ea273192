// What a browser does that Node does not: send `Origin`, preflight non-simple requests and
// refuse a response without the CORS headers. The guide's clients run on these here.
import WebSocket from "ws";

const SIMPLE_HEADERS = new Set(["accept", "accept-language", "content-language", "content-type"]);
const SIMPLE_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];

function isSimple(name, value) {
  if (!SIMPLE_HEADERS.has(name)) return false;
  return name !== "content-type" || SIMPLE_TYPES.some((type) => value.startsWith(type));
}

export function browserFetch(origin) {
  return async (url, init = {}) => {
    const headers = new Headers(init.headers);
    const method = (init.method || "GET").toUpperCase();
    const custom = [...headers].filter(([name, value]) => !isSimple(name, value));
    if (custom.length || !["GET", "HEAD", "POST"].includes(method)) {
      const preflight = await fetch(url, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": method,
          "access-control-request-headers": custom.map(([name]) => name).join(","),
        },
      });
      const allowed = (preflight.headers.get("access-control-allow-headers") || "").toLowerCase();
      if (
        !preflight.ok ||
        preflight.headers.get("access-control-allow-origin") !== origin ||
        custom.some(([name]) => !allowed.split(/\s*,\s*/).includes(name))
      ) {
        throw new TypeError(`CORS preflight refused for ${origin}`);
      }
    }
    headers.set("origin", origin);
    const response = await fetch(url, { ...init, headers });
    if (response.headers.get("access-control-allow-origin") !== origin) {
      throw new TypeError(`CORS: ${origin} may not read the response`);
    }
    return response;
  };
}

export function browserWebSocket(origin) {
  return class BrowserWebSocket extends WebSocket {
    constructor(url, protocols) {
      super(url, protocols, { origin });
    }
  };
}
