package dev.parley.http.athena;

import dev.parley.actors.common.Rejection;
import dev.parley.http.wire.Answers;
import dev.parley.http.wire.AwsError;
import java.util.Collection;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Refusals in Athena's words. Its model has no ValidationException, AccessDeniedException or ConflictException: a
 * client's mistake is an InvalidRequestException with an AthenaErrorCode, and a missing resource is a
 * ResourceNotFoundException only where the operation's errors list it (tagging), an InvalidRequestException elsewhere.
 * A caller never learns that another account's resource exists: names and ids are looked up in its own account.
 */
final class AthenaErrors {

    static final String INVALID_INPUT = "INVALID_INPUT";
    static final String RESOURCE_NOT_FOUND = "RESOURCE_NOT_FOUND";
    static final String INVALID_STATE = "INVALID_STATE";

    private AthenaErrors() {}

    /** The refusal of an operation whose model errors have no ResourceNotFoundException. */
    static AwsError of(Rejection rejection) {
        String code = rejection instanceof Rejection.NotFound
                ? RESOURCE_NOT_FOUND
                : rejection instanceof Rejection.Invalid ? INVALID_INPUT : INVALID_STATE;
        return AwsError.invalidRequest(rejection.getMessage(), code);
    }

    /** The refusal of an operation whose model errors list ResourceNotFoundException, about {@code resourceName}. */
    static AwsError of(Rejection rejection, String resourceName) {
        return rejection instanceof Rejection.NotFound
                ? resourceNotFound(rejection.getMessage(), resourceName)
                : of(rejection);
    }

    static AwsError resourceNotFound(String message, String resourceName) {
        return new AwsError("ResourceNotFoundException", 400, message)
                .with("Message", message)
                .with("ResourceName", resourceName);
    }

    /** A listing's page request; a nextToken not issued for it is Athena's InvalidRequestException. */
    static Answers.PageRequest pageRequest(Answers answers, String scope, Integer maxResults, String nextToken) {
        try {
            return answers.pageRequest(scope, maxResults, nextToken);
        } catch (AwsError refused) {
            throw refused.errorType().equals("ValidationException")
                    ? AwsError.invalidRequest(refused.getMessage(), INVALID_INPUT)
                    : refused;
        }
    }

    /** {@code value}, or the refusal it raised while being made, in Athena's words. */
    static <T> T checked(Supplier<T> value) {
        try {
            return value.get();
        } catch (Rejection rejection) {
            throw of(rejection);
        }
    }

    /** Refuses every member of {@code input} set beyond {@code supported}, naming it under {@code path}. */
    static void onlySupported(SdkPojo input, String path, Set<String> supported) {
        if (input == null) {
            return;
        }
        for (SdkField<?> field : input.sdkFields()) {
            Object value = field.getValueOrDefault(input);
            boolean set = value != null
                    && !(value instanceof SdkAutoConstructList<?>)
                    && !(value instanceof SdkAutoConstructMap<?, ?>)
                    && !(value instanceof Collection<?> empty && empty.isEmpty());
            if (set && !supported.contains(field.locationName())) {
                throw AwsError.invalidRequest(
                        path + "." + field.locationName() + " is not supported by Parley", INVALID_INPUT);
            }
        }
    }
}
