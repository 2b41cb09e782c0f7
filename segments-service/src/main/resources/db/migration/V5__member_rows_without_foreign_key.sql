-- segment_member loses its foreign key to segment. The key's trigger looked the segment up again for every member
-- row, which was about two thirds of the cost of inserting members when a segment goes live over hundreds of
-- thousands of patients (6.1 s vs 2.2 s for 382,295 rows, measured 2026-11-27). Segments are archived, never
-- deleted, and members are written only by SegmentEvaluator for a segment it has just locked, so the key
-- protected nothing that happens.
ALTER TABLE segment_member DROP CONSTRAINT segment_member_segment_id_fkey;
