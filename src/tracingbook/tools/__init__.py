"""Developer commands: notebooks, stale outputs, prose and glue checks, make lab, the PDF edition."""
