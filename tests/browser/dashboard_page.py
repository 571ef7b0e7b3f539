"""Reading the organiser's dashboard in the browser: whether every chart drew, and the funnel's
agreements (the table's figure, which the chart draws)."""

from __future__ import annotations

from playwright.sync_api import Page

# Per chart box: drawn by dashboard.js, and how many of its canvas pixels are not transparent.
_DRAWN = r"""() => [...document.querySelectorAll("[data-chart]")].map(box => {
  const canvas = box.querySelector("canvas");
  if (!canvas || !canvas.width || !canvas.height) return [box.dataset.chart, box.dataset.drawn || "", 0];
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < pixels.length; i += 4 * 7) if (pixels[i]) painted++;
  return [box.dataset.chart, box.dataset.drawn || "", painted];
})"""

FUNNEL_VALUES = """() => echarts.getInstanceByDom(document.querySelector('[data-chart="funnel"]'))
  .getOption().series[0].data"""


def charts_drawn(page: Page) -> dict[str, int]:
    page.wait_for_function("document.querySelectorAll('[data-chart]:not([data-drawn])').length === 0")
    drawn = {key: painted for key, flag, painted in page.evaluate(_DRAWN) if flag == "1"}
    assert len(drawn) == page.locator("[data-chart]").count() >= 7, drawn
    assert all(painted > 50 for painted in drawn.values()), f"blank charts: {drawn}"
    return drawn


def funnel_agreements(page: Page) -> int:
    cell = page.locator('table[data-table="funnel"] tbody tr').nth(4).locator("td").first
    return int(cell.inner_text())
