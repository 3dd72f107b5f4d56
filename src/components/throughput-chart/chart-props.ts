import type { ComponentProps } from "react";
import type { Tooltip, XAxis, YAxis } from "recharts";

/** Axis and tooltip settings shared by every time chart (time since request → tokens/s, tokens). */

const axisLook = { tick: { fontSize: 11 }, stroke: "currentColor", className: "text-slate-400" };

export const timeAxisProps: ComponentProps<typeof XAxis> = {
  ...axisLook,
  dataKey: "t",
  type: "number",
  domain: [0, "dataMax"],
  allowDuplicatedCategory: false,
  tickFormatter: (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} s`,
};

export const rateAxisProps: ComponentProps<typeof YAxis> = {
  ...axisLook,
  yAxisId: "tps",
  width: 48,
  label: { value: "tok/s", angle: -90, position: "insideLeft", fontSize: 11, fill: "currentColor" },
};

export const tokensAxisProps: ComponentProps<typeof YAxis> = {
  ...axisLook,
  yAxisId: "tokens",
  orientation: "right",
  width: 56,
  label: {
    value: "tokens",
    angle: 90,
    position: "insideRight",
    fontSize: 11,
    fill: "currentColor",
  },
};

export const timeTooltipProps: ComponentProps<typeof Tooltip> = {
  formatter: (value, name) => [typeof value === "number" ? value.toFixed(1) : String(value), name],
  labelFormatter: (label) => `${Number(label).toFixed(2)} s after the request`,
  contentStyle: { fontSize: 12 },
};
