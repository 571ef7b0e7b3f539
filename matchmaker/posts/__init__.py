"""What the two kinds of post share: a challenge (技术需求, posted by a firm) and a capability
(科研能力与成果, posted by a university team). Each kind keeps its own package for what differs
(fields, rules, URLs, who may do what) and describes itself to this code with a PostKind."""
