"""What the yearly published lists share: the key-problem list (key_problems/) and the
good-results selection (good_results/). Each feature describes itself once as a `YearlyKind`;
reads, writes, publication, the Excel sheet and the page helpers here work for either."""
