-- A placeholder: another branch adds its own migration 0009. The station keys are 0010, and
-- the loader refuses gaps, so this no-op keeps this branch runnable on its own. Delete this
-- file when merging (the other branch's 0009 takes its place).
SELECT 1;
