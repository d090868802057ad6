package dev.strait.gateway.facade;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strait.gateway.exchange.Exchange;
import dev.strait.gateway.translate.StreamTranslator;
import dev.strait.gateway.translate.TokenUsage;

/**
 * An API that the gateway serves over chat completions: the request was turned into a chat body
 * before routing, and this turns the chat answer back, whole or event by event. Chat is the
 * pivot because every provider in the catalog speaks it or is translated to it already, so a new
 * API costs one translation each way instead of one per provider.
 */
public interface Facade {

    /** The caller's answer, from the chat completion the upstream gave (translated already if it was Anthropic). */
    byte[] answer(ObjectNode chatCompletion, TokenUsage usage, Exchange exchange);

    /** Wraps the translator that yields chat chunks so that the caller receives its own API's events. */
    StreamTranslator stream(StreamTranslator chat, Exchange exchange);
}
