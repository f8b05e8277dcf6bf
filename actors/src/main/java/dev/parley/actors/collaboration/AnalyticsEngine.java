package dev.parley.actors.collaboration;

/** The engine protected queries of a collaboration run on. */
public enum AnalyticsEngine {
    SPARK,
    CLEAN_ROOMS_SQL
}
