-- Suggested candidates are also found by the skills a training verified (issue 25): the seekers' full-text
-- document gains `verified_skills` (a generated column cannot change its expression: dropped and re-added).
DROP INDEX seeker_profiles_skills_idx;
ALTER TABLE seeker_profiles DROP COLUMN skills_document;
ALTER TABLE seeker_profiles ADD COLUMN skills_document tsvector GENERATED ALWAYS AS (
    to_tsvector('indonesian', skills || ' ' || preferred_occupations || ' ' || verified_skills)
) STORED;
CREATE INDEX seeker_profiles_skills_idx ON seeker_profiles USING GIN (skills_document);
