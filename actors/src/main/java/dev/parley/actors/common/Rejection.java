package dev.parley.actors.common;

/**
 * Why an entity refused a command. Each kind has a one-string constructor so Pekko can carry it
 * inside a {@code StatusReply} between nodes; the HTTP layer maps the kind to the AWS error type.
 */
public abstract sealed class Rejection extends RuntimeException
        permits Rejection.Invalid, Rejection.AccessDenied, Rejection.NotFound, Rejection.Conflict {

    private Rejection(String message) {
        super(message, null, false, false);
    }

    /** The request breaks a rule of the domain (400 ValidationException). */
    public static final class Invalid extends Rejection {
        public Invalid(String message) {
            super(message);
        }
    }

    /** The caller's account may not do this to this resource (403 AccessDeniedException). */
    public static final class AccessDenied extends Rejection {
        public AccessDenied(String message) {
            super(message);
        }
    }

    /** The resource does not exist, or no longer does (404 ResourceNotFoundException). */
    public static final class NotFound extends Rejection {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The resource's current state forbids the change (409 ConflictException). */
    public static final class Conflict extends Rejection {
        public Conflict(String message) {
            super(message);
        }
    }
}
