import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { MountLater } from "./mount-later.tsx";

describe("MountLater", () => {
  it("commits the stand-in first and renders the children only in a later render", () => {
    const order: string[] = [];
    function Heavy() {
      order.push("children rendered");
      return <p>chart</p>;
    }
    render(
      <MountLater
        fallback={
          <div
            ref={(node) => {
              if (node) order.push("stand-in committed");
            }}
          />
        }
      >
        <Heavy />
      </MountLater>,
    );
    expect(screen.getByText("chart")).toBeInTheDocument();
    expect(order[0]).toBe("stand-in committed");
    expect(order).toContain("children rendered");
  });
});
