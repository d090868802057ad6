package dev.strait.gateway.translate;

/**
 * Response ids in the caller's dialect, derived from the upstream's id rather than invented, so
 * a caller's id can be traced to the upstream request in logs without a lookup table.
 */
final class Ids {

    private static final String CHAT_PREFIX = "chatcmpl-";
    private static final String MESSAGE_PREFIX = "msg_";

    private Ids() {
    }

    static String messageIdFromChat(String chatId) {
        return MESSAGE_PREFIX + strip(chatId, CHAT_PREFIX);
    }

    static String chatIdFromMessage(String messageId) {
        return CHAT_PREFIX + strip(messageId, MESSAGE_PREFIX);
    }

    private static String strip(String id, String prefix) {
        if (id == null || id.isEmpty()) {
            return "strait";
        }
        return id.startsWith(prefix) && id.length() > prefix.length() ? id.substring(prefix.length()) : id;
    }
}
