// Who is signed in on this browser: one session at a time (customer, guest pass or staff).
import { useSyncExternalStore } from "react";

export type SessionKind = "customer" | "guest" | "staff";
/** `role`: a staff member's, as they signed in (what the console offers them). */
export type Session = { kind: SessionKind; token: string; name: string; trackingId?: string; role?: string };

const KEY = "mesa-session";
let current: Session | null = read();
const listeners = new Set<() => void>();

function read(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function getSession(): Session | null {
  return current;
}

export function setSession(session: Session | null): void {
  current = session;
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
  listeners.forEach((listener) => listener());
}

export function useSession(): Session | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}
