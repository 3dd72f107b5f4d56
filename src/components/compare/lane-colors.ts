/** One colour per lane position, readable on light and dark backgrounds. */
export const LANE_COLORS = ["#6366f1", "#f59e0b", "#10b981", "#ef4444", "#0ea5e9", "#d946ef"];

export function laneColor(index: number): string {
  return LANE_COLORS[index % LANE_COLORS.length] ?? "#6366f1";
}
