-- Audit of issue 24, gap 6: the demo inspections named their findings 'demo/k3-temuan.pdf', a key the
-- storage refuses (keys allow no dot), so the demo findings download failed. The seed now uses
-- 'demo/k3-temuan' and stores the file (demo::obligations::store_demo_documents); this renames the key in
-- a demo database seeded before.
UPDATE k3_inspections SET document_key = 'demo/k3-temuan' WHERE document_key = 'demo/k3-temuan.pdf';
