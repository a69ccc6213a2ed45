-- Mail bodies carry single-use links (set a password: valid 72 hours or 7 days). The sender now blanks a
-- body once the message is delivered or given up on; this blanks those already kept. The metadata stays.
UPDATE mail_outbox SET body_text = '' WHERE (sent_at_ms IS NOT NULL OR attempts >= 10) AND body_text <> '';
