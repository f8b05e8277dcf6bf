-- The read side reads each aggregate's events in slices: tag "<aggregate>-<slice>", the slice being the
-- code of the last character of the persistence id modulo 4 (dev.parley.actors.common.ReadSideSlices
-- computes the same). Events written under the earlier single tag per aggregate are re-tagged, and each
-- slice's projection starts where the single projection had got to, so no event is applied twice.
UPDATE "event_tag"
SET "tag" = "tag" || '-' || CAST(MOD(ASCII(RIGHT(
        (SELECT "persistence_id" FROM "event_journal" WHERE "ordering" = "event_tag"."event_id"), 1)), 4) AS VARCHAR(1))
WHERE "tag" IN ('collaboration', 'membership');

INSERT INTO "pekko_projection_offset_store"
    ("projection_name", "projection_key", "current_offset", "manifest", "mergeable", "last_updated")
SELECT "projection_name", "projection_key" || '-' || CAST(slices.slice AS VARCHAR(1)), "current_offset", "manifest",
       "mergeable", "last_updated"
FROM "pekko_projection_offset_store"
CROSS JOIN (VALUES (0), (1), (2), (3)) AS slices (slice)
WHERE "projection_key" IN ('collaboration', 'membership');

DELETE FROM "pekko_projection_offset_store" WHERE "projection_key" IN ('collaboration', 'membership');
