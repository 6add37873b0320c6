/** Splits a comma-separated field into its trimmed, non-empty entries. */
export function splitList(s: string): string[] {
  return s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

export function joinList(l: readonly string[] | null | undefined): string {
  return (l ?? []).join(', ');
}
