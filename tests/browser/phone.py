"""A phone-sized viewport and the check that nothing on a page is wider than the screen."""

from __future__ import annotations

from playwright.sync_api import Page

PHONE = {"width": 390, "height": 844}

# The elements sticking out past the right edge, outside any box that scrolls on its own:
# what makes the whole page scroll sideways.
_OVERFLOWING = r"""(width) => {
  const scrolls = (e) => { const s = getComputedStyle(e); return /(auto|scroll|hidden)/.test(s.overflowX); };
  const out = [];
  for (const e of document.querySelectorAll("body *")) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 1) continue;
    let inner = false;
    for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
      if (scrolls(p)) { inner = true; break; }
    }
    if (inner) continue;
    const cls = typeof e.className === "string" ? e.className.trim() : "";
    const classes = cls ? "." + cls.split(/\s+/).join(".") : "";
    const name = e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + classes;
    out.push(`${name} (right edge ${Math.round(r.right)} px)`);
  }
  return out.slice(0, 8);
}"""


# Table cells with some text squeezed to under three characters' width (one character per line).
_SQUEEZED = r"""() => [...document.querySelectorAll("main td, main th")]
  .filter(c => c.innerText.trim().length >= 4)
  .filter(c => c.getBoundingClientRect().width < 3 * parseFloat(getComputedStyle(c).fontSize))
  .map(c => c.innerText.trim().slice(0, 20)).slice(0, 8)"""


def squeezed_cells(page: Page) -> str | None:
    """None when every table cell is readable; else the cells squeezed to a character per line."""
    cells = page.evaluate(_SQUEEZED)
    return f"{page.url}: table cells squeezed to a character per line: {cells}" if cells else None


def too_wide(page: Page) -> str | None:
    """None when the page fits the viewport's width; else what sticks out."""
    width = page.viewport_size["width"]
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width <= width:
        return None
    return f"{page.url}: {scroll_width} px wide on a {width} px screen; " + "; ".join(
        page.evaluate(_OVERFLOWING, width)
    )
