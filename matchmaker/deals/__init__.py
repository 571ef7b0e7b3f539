"""What came of matchmaking (成果与跟进): meeting outcomes and event feedback, deals opened from
them (and from matches marked 已联系 and selected 揭榜 proposals), technology managers
(技术经理人) who carry deals 对接 → 会商 → 落实 / 未成, and the one agreement count."""
