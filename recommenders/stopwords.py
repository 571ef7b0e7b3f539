"""Stop words: Chinese function words plus application boilerplate.

Two hand-written lists, kept apart so each can be measured on its own (see README):
- ``FUNCTION_WORDS``: general Chinese function words (pronouns, particles, conjunctions,
  light verbs) — general knowledge of the language.
- ``BOILERPLATE``: words of the application genre itself (技术需求征集表 / 成果介绍 forms,
  firm and team self-introductions) that say nothing about the technology.

A third list drawn by document frequency on the CSL abstracts (academic boilerplate such
as 分析/结果表明/提出) was measured and rejected: at DF >= 2 % or 5 % it lowered nDCG@10 on
matchdev, matchhard and CSL alike, because high-DF words there include real topic words
(模型, 材料, 温度) and IDF already discounts the rest.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Single characters that never start or end a meaningful bigram.
STOP_CHARS: frozenset[str] = frozenset(
    "的了和与及或是在对为以等将被把从由于其之而并也都就又这那我你他她它们个着过所该此但且则即若如因每各某吗呢吧啊"
)

FUNCTION_WORDS: frozenset[str] = _words(
    """
    的 了 和 与 及 或 是 在 对 为 以 等 将 被 把 从 由 于 其 之 而 并 也 都 就 又 这 那 我 你 他 她 它
    们 个 着 过 所 该 此 但 且 则 即 若 如 因 每 各 某 吗 呢 吧 啊 很 较 更 最 还 再 已 才 只 仅 均 亦
    我们 你们 他们 她们 它们 我国 本 本文 这个 这些 那些 那个 这种 那种 这样 那样 其中 其他 其它 以及
    以上 以下 以内 以外 之一 之间 之后 之前 之中 之下 之上 及其 以便 以免 以至 以致 并且 而且 或者
    还是 还有 但是 然而 因此 因而 所以 由于 因为 如果 虽然 尽管 即使 不仅 而是 只是 就是 也是 都是
    可以 能够 可能 应该 需要 必须 已经 正在 通过 进行 根据 按照 对于 关于 针对 随着 经过 作为 成为
    具有 具备 存在 采用 利用 使用 运用 基于 用于 用来 得到 获得 实现 达到 满足 使得 使 让 给 向 往
    上 下 中 内 外 前 后 时 后来 同时 此外 另外 另 一 一个 一种 一些 一般 一定 一直 一起 一方面 方面
    不 没有 无 非 不同 相同 相关 有关 有效 有的 有些 有 没 要 会 能 可 得 地 到 说 看 做 用 来 去 多 少
    大 小 高 低 新 好 多种 各种 各类 各个 不断 进一步 较高 较大 较好 较低 主要 重要 其次 首先 然后
    最后 目前 当前 现在 已 以往 过去 一旦 等等 如下 如何 怎样 怎么 什么 哪些 为了 为此 据 即可 便于
    不能 不会 不是 不够 无法 难以 不足 很多 许多 大量 大多 几乎 全部 所有 部分 整个 之所以 并非 约
    """
)

BOILERPLATE: frozenset[str] = _words(
    """
    公司 企业 我厂 我司 本厂 本公司 我公司 我单位 本单位 厂家 集团 有限公司 股份 主营 主要产品 客户
    市场 国内 国外 国际 领先 一流 知名 多年 成立 位于 拥有 承担 团队 课题组 研究院 研究所 学院
    大学 高校 教授 博士 硕士 成员 带头人 负责人 依托 研发 关键技术 核心技术 技术难题 难题 需求 希望
    想 想要 寻求 寻找 合作 合作方 提升 攻关 开展 取得 自主 预期 预期目标 主要问题 技术关键
    主要指标 现状 项目 专利 发明专利 授权 论文 发表 奖 省部级 国家级 科技进步 一等奖 二等奖
    """
)

STOPWORDS: frozenset[str] = FUNCTION_WORDS | BOILERPLATE
