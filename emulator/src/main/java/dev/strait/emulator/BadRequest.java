package dev.strait.emulator;

/** A request the provider would refuse with 400; the message is what the caller reads. */
final class BadRequest extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
        super(message, null, false, false);
    }
}
