-- Issue 27, a million vacancies: the words the vacancies hold (`search_words`'s lexemes), kept so that a
-- search word, which is a prefix ("operator" finds "operator" and "operatornya"), can be asked of the GIN
-- index as the exact words it begins. GIN answers a prefix by collecting every row of every lexeme it begins
-- into one bitmap before it intersects anything: "operator:* & mesin:*" with a district, 4,256 matches,
-- took 100-340 ms in the index alone at a million vacancies. Exact words it skips through, guided by the
-- rarest of them. The list only grows (a lexeme no vacancy holds any more costs an empty lookup); two
-- transactions adding the same new word may both add it (no unique key, so neither waits on the other).
-- No vacancy may be written between the fill below and the triggers that keep the list: its words would be
-- missing, and a prefix expanded without them would find less than the prefix itself. Reads go on.
LOCK TABLE vacancies IN SHARE ROW EXCLUSIVE MODE;
CREATE TABLE vacancy_lexemes (lexeme TEXT NOT NULL COLLATE "C");
INSERT INTO vacancy_lexemes (lexeme)
    SELECT DISTINCT word FROM vacancies, unnest(tsvector_to_array(search_words)) AS word;
CREATE INDEX vacancy_lexemes_idx ON vacancy_lexemes (lexeme);

-- New vacancies: once per statement (the demo seed inserts hundreds per statement).
CREATE FUNCTION vacancy_lexemes_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO vacancy_lexemes (lexeme)
        SELECT DISTINCT word
        FROM new_rows, unnest(tsvector_to_array(new_rows.search_words)) AS word
        WHERE NOT EXISTS (SELECT 1 FROM vacancy_lexemes k WHERE k.lexeme = word);
    RETURN NULL;
END $$;

-- An edit: per row, and only when the words changed (a status change does not fire it).
CREATE FUNCTION vacancy_lexemes_add_edited() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO vacancy_lexemes (lexeme)
        SELECT DISTINCT word FROM unnest(tsvector_to_array(NEW.search_words)) AS word
        WHERE NOT EXISTS (SELECT 1 FROM vacancy_lexemes k WHERE k.lexeme = word);
    RETURN NULL;
END $$;

CREATE TRIGGER vacancy_lexemes_on_insert AFTER INSERT ON vacancies
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION vacancy_lexemes_add();
CREATE TRIGGER vacancy_lexemes_on_edit AFTER UPDATE OF title, skills, description ON vacancies
    FOR EACH ROW WHEN (OLD.search_words IS DISTINCT FROM NEW.search_words)
    EXECUTE FUNCTION vacancy_lexemes_add_edited();
ANALYZE vacancy_lexemes;
