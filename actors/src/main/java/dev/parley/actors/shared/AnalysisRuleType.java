package dev.parley.actors.shared;

/** How a table may be analysed; a configured table's rule and its association's rule share the kinds. */
public enum AnalysisRuleType {
    AGGREGATION,
    LIST,
    CUSTOM
}
