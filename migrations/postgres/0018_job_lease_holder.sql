-- Who holds a job's lease (issue 12): only the holder renews or releases
-- it, so a run that outlived its lease cannot end another server's run.
ALTER TABLE job_runs ADD COLUMN holder TEXT;
