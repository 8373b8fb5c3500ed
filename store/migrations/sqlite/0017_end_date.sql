-- A campaign's optional last day of answers ("2026-11-15"), '' when the
-- consultant closes it by hand. `vigie serve` closes an open campaign once
-- that day is over (store.CloseDue).
ALTER TABLE campaigns ADD COLUMN end_date TEXT NOT NULL DEFAULT '';
