package dev.strait.app.console;

/**
 * Who is calling the admin API.
 *
 * @param name the operator, or "admin" for the admin token
 * @param session true when the caller came with a console session (cookie), false for the token
 * @param actor how the audit log names them
 */
public record Caller(String name, Role role, boolean session, String actor) {}
