-- Requests review fixes (F2, F10, F25). Reference data is changed only where it still reads as shipped,
-- so an admin's own edits of these types stay.
-- F10: a strike notice is the union's (UU 13/2003 Ps 140(1)): its form asks for the union's registration
-- number (the record of the union with the labour office, UU 21/2000 Ps 18-20); a worker's account files
-- it for the union, naming the employer by NIB (an input of the page, not of the schema).
UPDATE request_types SET fields_json = '[{"key": "union_name", "kind": "text", "required": true, "label_id": "Serikat pekerja yang memberitahukan", "label_en": "Union giving notice", "options": []}, {"key": "union_registration", "kind": "text", "required": true, "label_id": "Nomor bukti pencatatan serikat pekerja", "label_en": "Union registration number", "options": []}, {"key": "start_date", "kind": "date", "required": true, "label_id": "Tanggal mulai", "label_en": "Start date", "options": []}, {"key": "start_time", "kind": "time", "required": true, "label_id": "Jam mulai", "label_en": "Start time", "options": []}, {"key": "end_date", "kind": "date", "required": true, "label_id": "Tanggal selesai", "label_en": "End date", "options": []}, {"key": "end_time", "kind": "time", "required": true, "label_id": "Jam selesai", "label_en": "End time", "options": []}, {"key": "place", "kind": "text", "required": true, "label_id": "Tempat mogok", "label_en": "Place", "options": []}, {"key": "reasons", "kind": "long_text", "required": true, "label_id": "Alasan dan sebab mogok", "label_en": "Reasons", "options": []}]', legal_basis = 'UU 13/2003 Ps 137-140 (diberitahukan oleh serikat pekerja/pekerja paling lambat 7 hari kerja sebelumnya)'
WHERE type_key = 'strike' AND fields_json = '[{"key": "union_name", "kind": "text", "required": true, "label_id": "Serikat pekerja yang memberitahukan", "label_en": "Union giving notice", "options": []}, {"key": "start_date", "kind": "date", "required": true, "label_id": "Tanggal mulai", "label_en": "Start date", "options": []}, {"key": "start_time", "kind": "time", "required": true, "label_id": "Jam mulai", "label_en": "Start time", "options": []}, {"key": "end_date", "kind": "date", "required": true, "label_id": "Tanggal selesai", "label_en": "End date", "options": []}, {"key": "end_time", "kind": "time", "required": true, "label_id": "Jam selesai", "label_en": "End time", "options": []}, {"key": "place", "kind": "text", "required": true, "label_id": "Tempat mogok", "label_en": "Place", "options": []}, {"key": "reasons", "kind": "long_text", "required": true, "label_id": "Alasan dan sebab mogok", "label_en": "Reasons", "options": []}]' AND legal_basis = 'UU 13/2003 Ps 137-140 (paling lambat 7 hari kerja sebelumnya)';

-- F25: the essential services where a lock-out is forbidden are listed in UU 13/2003 Ps 147 itself (the
-- 7-working-day notice is Ps 148), not in an elucidation of Ps 149.
UPDATE request_types SET legal_basis = 'UU 13/2003 Ps 146-149 (pemberitahuan paling lambat 7 hari kerja sebelumnya, Ps 148; dilarang pada perusahaan yang melayani kepentingan umum atau membahayakan keselamatan jiwa, Ps 147)'
WHERE type_key = 'lockout' AND legal_basis = 'UU 13/2003 Ps 146-149 (paling lambat 7 hari kerja sebelumnya; dilarang pada layanan vital)';

-- F2: a registered PKB is valid until the end of its own term (UU 13/2003 Ps 123), as its filing states;
-- registrations issued before this fix carried registration date + 24 months.
UPDATE requests SET valid_until = (data_json::json ->> 'term_end')
WHERE number IS NOT NULL
  AND type_id IN (SELECT id FROM request_types WHERE rule = 'pkb')
  AND (data_json::json ->> 'term_end') ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
