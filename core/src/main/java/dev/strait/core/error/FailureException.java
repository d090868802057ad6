package dev.strait.core.error;

/** Carries a {@link Failure} through code that can only throw. Cheap: no stack trace. */
public final class FailureException extends RuntimeException {

    private final Failure failure;

    public FailureException(Failure failure) {
        super(failure.code() + ": " + failure.message(), null, false, false);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
