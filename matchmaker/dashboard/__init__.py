"""The organiser's KPI dashboard (results against the plans' targets) and the public page of the
year's aggregate results. Each chart is drawn from a `Table` the page also shows and exports."""
