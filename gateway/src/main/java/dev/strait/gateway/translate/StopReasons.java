package dev.strait.gateway.translate;

/** OpenAI's {@code finish_reason} and Anthropic's {@code stop_reason}, each to the other. */
final class StopReasons {

    private StopReasons() {
    }

    /** Unknown or missing reasons become {@code end_turn}: the answer is complete as far as we know. */
    static String toAnthropic(String finishReason) {
        if (finishReason == null) {
            return "end_turn";
        }
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }

    /**
     * {@code pause_turn} (a server tool paused a long turn) has no OpenAI counterpart; it ends
     * the response like a normal stop, and the caller may send the conversation back to continue.
     */
    static String toOpenAi(String stopReason) {
        if (stopReason == null) {
            return "stop";
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop";
        };
    }
}
