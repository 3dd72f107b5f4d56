/**
 * Saves a chart drawn by Recharts as SVG or PNG. The SVG is serialised from the page with its
 * computed text colour inlined; the PNG is drawn from it through a data: URL (allowed by the CSP).
 */
export function chartSvgText(figure: HTMLElement): string | undefined {
  const svg = figure.querySelector("svg.recharts-surface");
  if (!(svg instanceof SVGSVGElement)) return undefined;
  const copy = svg.cloneNode(true);
  if (!(copy instanceof SVGSVGElement)) return undefined;
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  copy.setAttribute("style", `color:${getComputedStyle(figure).color};font-family:sans-serif`);
  return new XMLSerializer().serializeToString(copy);
}

export function saveText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function savePng(
  svgText: string,
  fileName: string,
  background: string,
): Promise<void> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  await image.decode();
  const scale = 2;
  const canvas = document.createElement("canvas");
  canvas.width = image.naturalWidth * scale;
  canvas.height = image.naturalHeight * scale;
  const context = canvas.getContext("2d");
  if (!context) return;
  context.fillStyle = background;
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.scale(scale, scale);
  context.drawImage(image, 0, 0);
  const link = document.createElement("a");
  link.href = canvas.toDataURL("image/png");
  link.download = fileName;
  link.click();
}
