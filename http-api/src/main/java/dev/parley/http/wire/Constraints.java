package dev.parley.http.wire;

import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;

/** The service model's shape constraints, shared by body fields, path labels and query parameters. */
public final class Constraints {

    /** UUID, CollaborationIdentifier, MembershipIdentifier. */
    public static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    public static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    /**
     * DisplayName and CollaborationName: not blank, printable. The model spells characters beyond the BMP as UTF-16
     * surrogate ranges; Java matches code points, so they are spelled here as the range they stand for (unpaired
     * surrogates are refused before any pattern, in {@link JsonInput}).
     */
    public static final Pattern DISPLAY_NAME =
            Pattern.compile("(?!\\s*$)[\\u0020-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}\\t]*");
    public static final Pattern DESCRIPTION =
            Pattern.compile("(?!\\s+$)[\\u0020-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}\\t\\r\\n]*");
    public static final Pattern BUCKET = Pattern.compile(
            "(?!^(\\d+\\.)+\\d+$)(^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])$)");
    public static final Pattern KEY_PREFIX = Pattern.compile("[\\w!.=*/-]*");
    public static final Pattern ROLE_ARN = Pattern.compile("arn:aws:iam::[\\w]+:role/[\\w+=./@-]+");
    public static final Pattern CLEANROOMS_ARN =
            Pattern.compile("arn:aws:cleanrooms:[\\w]{2}-[\\w]{4,9}-[\\d]:[\\d]{12}:[\\d\\w/-]+");

    private static final int MAX_TAGS = 200;

    private Constraints() {
    }

    public static String checkString(String field, String value, int min, int max, Pattern pattern) {
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            throw violation(field, "Member must have length greater than or equal to " + min);
        }
        if (length > max) {
            throw violation(field, "Member must have length less than or equal to " + max);
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            throw violation(field, "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        return value;
    }

    public static <E extends Enum<E>> E checkEnum(String field, String value, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw violation(field, "Member must satisfy enum value set: " + Arrays.toString(type.getEnumConstants()));
    }

    public static Map<String, String> checkTags(String field, Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw violation(field, "Member must have at most " + MAX_TAGS + " entries");
        }
        tags.forEach((key, value) -> {
            checkString(field + ".key", key, 1, 128, null);
            checkString(field + "." + key, value, 0, 256, null);
        });
        return tags;
    }

    public static AwsError violation(String field, String constraint) {
        return AwsError.fieldValidation(field, "1 validation error detected: Value at '" + field
                + "' failed to satisfy constraint: " + constraint);
    }
}
