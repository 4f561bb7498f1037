/**
 * The number of items a read may return: the caller's limit, brought into 1..`max` (a read is
 * always bounded, and a bad limit is not worth an error).
 */
export function pageLimit(limit: number, max: number): number {
  if (!(limit >= 1)) return 1;
  return limit >= max ? max : Math.floor(limit);
}
