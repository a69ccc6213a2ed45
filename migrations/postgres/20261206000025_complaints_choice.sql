-- The parties of a failed bipartite chose conciliation or arbitration within 7 working days (UU 2/2004 Ps 4
-- ayat (3)): the case leaves the office's mediation route, handed on to the conciliator or arbitrator named
-- in referred_to. NULL: no choice was recorded (mediation, or the case never reached that step).
ALTER TABLE complaints ADD COLUMN forum TEXT NULL CHECK (forum IN ('conciliation', 'arbitration'));
