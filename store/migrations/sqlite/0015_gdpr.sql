-- The data-protection facts of a campaign (issue 12), shown in the
-- employees' information notice, the record of processing and the AIPD:
-- the organisation responsible ('' = the client organisation), how to
-- reach its DPO ('' = not said) and the legal basis ('' = legitimate
-- interest).
ALTER TABLE campaigns ADD COLUMN controller TEXT NOT NULL DEFAULT '';
ALTER TABLE campaigns ADD COLUMN dpo_contact TEXT NOT NULL DEFAULT '';
ALTER TABLE campaigns ADD COLUMN legal_basis TEXT NOT NULL DEFAULT '';
