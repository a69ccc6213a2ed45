-- Suggested candidates are also found by the skills a training verified (issue 25): the seekers' full-text
-- index gains `verified_skills`, and follows its changes.
DROP TRIGGER seeker_skills_fts_insert;
DROP TRIGGER seeker_skills_fts_delete;
DROP TRIGGER seeker_skills_fts_update;
DROP TABLE seeker_skills_fts;
CREATE VIRTUAL TABLE seeker_skills_fts USING fts5(
    skills, preferred_occupations, verified_skills,
    content = 'seeker_profiles', content_rowid = 'account_id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER seeker_skills_fts_insert AFTER INSERT ON seeker_profiles BEGIN
    INSERT INTO seeker_skills_fts (rowid, skills, preferred_occupations, verified_skills)
    VALUES (new.account_id, new.skills, new.preferred_occupations, new.verified_skills);
END;
CREATE TRIGGER seeker_skills_fts_delete AFTER DELETE ON seeker_profiles BEGIN
    INSERT INTO seeker_skills_fts (seeker_skills_fts, rowid, skills, preferred_occupations, verified_skills)
    VALUES ('delete', old.account_id, old.skills, old.preferred_occupations, old.verified_skills);
END;
CREATE TRIGGER seeker_skills_fts_update AFTER UPDATE OF skills, preferred_occupations, verified_skills
ON seeker_profiles BEGIN
    INSERT INTO seeker_skills_fts (seeker_skills_fts, rowid, skills, preferred_occupations, verified_skills)
    VALUES ('delete', old.account_id, old.skills, old.preferred_occupations, old.verified_skills);
    INSERT INTO seeker_skills_fts (rowid, skills, preferred_occupations, verified_skills)
    VALUES (new.account_id, new.skills, new.preferred_occupations, new.verified_skills);
END;
INSERT INTO seeker_skills_fts (seeker_skills_fts) VALUES ('rebuild');
