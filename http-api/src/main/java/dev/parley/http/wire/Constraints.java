package dev.parley.http.wire;

import java.util.regex.Pattern;

/** What Parley checks of a request beyond its service model: its own identifiers, and text any encoder can write. */
public final class Constraints {

    /** The identifiers Parley gives collaborations and memberships. */
    public static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Constraints() {}

    public static AwsError violation(String field, String constraint) {
        return AwsError.fieldValidation(field, "Value at '" + field + "' failed to satisfy constraint: " + constraint);
    }
}
