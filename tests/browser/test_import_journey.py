"""Journey 4, through the UI only: a firm imports a GBK CSV with a bad row, reads the row's errors,
imports the good rows as drafts; then exports a list from 技术需求 and re-imports that file: no
row is refused and the imported copy keeps every field, main chain first."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.helpers import REPO_ROOT, check, demo_user, fill, goto, login, shot, submit

GBK_SAMPLE = REPO_ROOT / "seed_data" / "import_samples" / "challenges-gbk.csv"
GOOD_ROWS = ["大型铸件内部缺陷超声相控阵自动检测", "储能电站电池簇一致性在线评估"]
EXPORTED = GOOD_ROWS[0]  # published with a second chain listed before its main one in id order


def upload(page: Page, path: str) -> None:
    goto(page, "/")
    page.get_by_role("link", name="批量导入").first.click()
    check(page)
    page.get_by_label(re.compile("选择文件")).set_input_files(path)
    submit(page, "上传并预览")
    expect(page.get_by_role("heading", level=1)).to_contain_text("导入预览")


def form_values(page: Page) -> dict[str, str]:
    """What an edit form shows: every text control's value and every select's chosen option text."""
    return page.evaluate(
        """() => Object.fromEntries(
            [...document.querySelectorAll('main form input, main form select, main form textarea')]
            .filter(e => e.name && !['csrf_token', 'version'].includes(e.name) && e.type !== 'hidden')
            .map(e => [e.name, e.tagName === 'SELECT'
                ? [...e.selectedOptions].map(o => o.text.trim()).join('、') : e.value]))"""
    )


def test_bulk_import_with_row_errors_and_an_export_round_trip(new_page, tmp_path) -> None:
    firm = login(new_page(), *demo_user("firm"))

    # 1. A GBK CSV (what Excel/WPS save): two good rows and line 4 wrong three ways.
    upload(firm, str(GBK_SAMPLE))
    preview = firm.locator("main")
    expect(preview).to_contain_text("GBK")
    bad = firm.get_by_role("row").filter(has_text="第 4 行")
    expect(bad).to_contain_text("名称")
    expect(bad).to_contain_text("产业链")
    expect(bad).to_contain_text(re.compile("资金|下限|上限"))
    for title in GOOD_ROWS:
        expect(firm.get_by_role("row").filter(has_text=title)).to_contain_text("可以导入")
    shot(firm, "firm-06-import-preview-row-errors")

    # 2. Import the good rows: they become drafts on 我的需求.
    submit(firm, re.compile(r"导入 2 条"))
    goto(firm, "/challenges/mine")
    for title in GOOD_ROWS:
        expect(firm.get_by_role("row").filter(has_text=title)).to_contain_text("草稿")

    # 3. One imported draft gets a second chain (新一代信息技术 sorts before 高端装备) and is published.
    draft = firm.get_by_role("row").filter(has_text=EXPORTED)
    draft.get_by_role("link", name="编辑").click()
    check(firm)
    fill(firm, {"兼属产业链（可选）": "新一代信息技术"})
    submit(firm, "保存并发布")
    expect(firm.get_by_role("heading", level=1)).to_contain_text(EXPORTED)
    original = firm.url

    # 4. Export the list from 技术需求, filtered (the export keeps the list's filters).
    goto(firm, "/challenges/")
    fill(firm, {"关键词": EXPORTED, "产业链": "高端装备", "城市": "青岛市"})
    submit(firm, "搜索")
    expect(firm.locator("main").get_by_role("link", name=EXPORTED)).to_have_count(1)
    with firm.expect_download() as download:
        firm.get_by_role("link", name="导出 Excel").click()
    exported = download.value
    assert exported.suggested_filename.endswith(".xlsx")
    path = tmp_path / exported.suggested_filename
    exported.save_as(path)

    # 5. Re-import the exported file: nothing refused; the rows are duplicates by name.
    upload(firm, str(path))
    expect(firm.locator("main")).to_contain_text("有误 0")
    row = firm.get_by_role("row").filter(has_text=EXPORTED)
    expect(row).to_contain_text("重名")
    shot(firm, "firm-07-reimport-preview")
    firm.get_by_label("同时导入标为“重名”的行").check()
    submit(firm, re.compile(r"^导入 \d+ 条"))

    # 6. The imported copy holds the same fields as the original, main chain first.
    goto(firm, "/challenges/mine")
    drafts = firm.get_by_role("row").filter(has_text=EXPORTED).filter(has_text="草稿")
    expect(drafts).to_have_count(1)
    drafts.get_by_role("link", name="编辑").click()
    check(firm)
    copy = form_values(firm)
    goto(firm, original)
    firm.locator("main").get_by_role("link", name="编辑").first.click()
    check(firm)
    source = form_values(firm)
    differing = {k: (source[k], copy.get(k)) for k in source if source[k] != copy.get(k)}
    assert not differing, f"export → import changed these fields: {differing}"
