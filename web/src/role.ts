// The signed-in staff member's role, for what the console offers (the API decides anyway).
import { useQuery } from "@apollo/client/react";
import type { StaffRole } from "./gql/graphql";
import { VIEWER_ROLE } from "./ops-admin";
import { useSession } from "./session";

/** AGENT, SUPERVISOR or ADMIN for staff (as they signed in, else asked); null for anyone
 * else; undefined while asking. */
export function useStaffRole(): StaffRole | null | undefined {
  const session = useSession();
  const staff = session?.kind === "staff";
  const known = staff ? (session.role as StaffRole | undefined) : undefined;
  const { data } = useQuery(VIEWER_ROLE, { skip: !staff || !!known, fetchPolicy: "cache-first" });
  if (!staff) return null;
  if (known) return known;
  if (!data) return undefined;
  return data.viewer?.__typename === "Staff" ? (data.viewer.role ?? null) : null;
}

export const canReadReports = (role: StaffRole | null | undefined): boolean =>
  role === "SUPERVISOR" || role === "ADMIN";
