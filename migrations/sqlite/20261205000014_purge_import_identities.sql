-- Bulk PKWT files were staged with their rows in clear (workers' NIKs and passport numbers, names and
-- addresses in `rows_json`), and a confirmed file was kept for ever. From now on the staged rows are
-- encrypted like every NIK at rest and a file is deleted when it is confirmed; this removes every file
-- staged before. Nothing registered is lost (contracts keep only `import_id`, with no reference to this
-- table); a file checked but not yet confirmed is checked again by uploading it.
DELETE FROM pkwt_imports;
