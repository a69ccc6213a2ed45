-- Issue 23 audit, gap 4: the extension of a registered collective agreement (PKB). UU 13/2003 Ps 123(2): a
-- PKB may be extended once, by at most one year, by the parties' written agreement. The extension names the
-- registration it extends; the new end is checked against that registration's end (at most 12 months
-- later, once per PKB) when it is filed. It is registered with its own number and valid until its new end
-- (the `term_end` field, as a PKB's own term). The 6-working-day registration clock is the office's own
-- service standard (no regulation sets it), as for the PKB itself. Added only when no admin type has the key.
INSERT INTO request_types (type_key, name_id, name_en, legal_basis, rule, decider, decision_working_days, correction_working_days, issued_status, document_title, validity_months, deemed_approval, fields_json, documents_json, active, created_at_ms, updated_at_ms)
SELECT 'pkb_extension', 'Pendaftaran perpanjangan PKB (paling lama 1 tahun)', 'Registration of a PKB extension (at most 1 year)',
       'UU 13/2003 Ps 123(2) (diperpanjang satu kali, paling lama 1 tahun, dengan kesepakatan tertulis para pihak); waktu layanan 6 hari kerja: standar pelayanan Disnaker',
       'pkb_extension', 'officer', 6, 14, 'registered', 'SURAT KEPUTUSAN PENDAFTARAN PERPANJANGAN PERJANJIAN KERJA BERSAMA', 12, 0,
       '[{"key": "previous_number", "kind": "text", "required": true, "label_id": "Nomor pendaftaran PKB yang diperpanjang", "label_en": "Registration number of the PKB extended", "options": []}, {"key": "union_name", "kind": "text", "required": true, "label_id": "Serikat pekerja", "label_en": "Union", "options": []}, {"key": "term_end", "kind": "date", "required": true, "label_id": "Berlaku sampai (setelah perpanjangan)", "label_en": "Term ends (after the extension)", "options": []}]',
       '[{"key": "extension_agreement", "required": true, "label_id": "Kesepakatan tertulis perpanjangan yang ditandatangani para pihak", "label_en": "Written extension agreement signed by the parties"}]',
       1, 1, 1
WHERE NOT EXISTS (SELECT 1 FROM request_types WHERE type_key = 'pkb_extension');
