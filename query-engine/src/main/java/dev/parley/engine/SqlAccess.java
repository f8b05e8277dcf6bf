package dev.parley.engine;

/** What statements a session accepts. */
public enum SqlAccess {
    /** Anything DataFusion runs, including DDL, COPY, table functions and the information schema. */
    FULL,
    /**
     * For untrusted SQL: one SELECT over the tables registered through the API, nothing else.
     * No DDL, DML, COPY, SET, EXPLAIN, table functions, URL tables or information schema.
     */
    RESTRICTED
}
