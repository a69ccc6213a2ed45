-- A skill is one wallet entry whatever its case ("Las listrik" from one programme, "las listrik" from
-- another): the first entry stays, the profile's list is rebuilt from what remains, and the unique key
-- compares lower case.
DELETE FROM training_skills WHERE id NOT IN (
    SELECT MIN(id) FROM training_skills GROUP BY account_id, LOWER(skill)
);
UPDATE seeker_profiles SET verified_skills = COALESCE(
    (SELECT string_agg(t.skill, ', ' ORDER BY t.id) FROM training_skills t WHERE t.account_id = seeker_profiles.account_id),
    ''
) WHERE account_id IN (SELECT account_id FROM training_skills);
DROP INDEX training_skills_account_skill_key;
CREATE UNIQUE INDEX training_skills_account_skill_key ON training_skills (account_id, LOWER(skill));
