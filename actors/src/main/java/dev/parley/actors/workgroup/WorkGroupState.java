package dev.parley.actors.workgroup;

/** Whether queries and sessions may run in a work group (the model's WorkGroupState). */
public enum WorkGroupState {
    ENABLED,
    DISABLED
}
