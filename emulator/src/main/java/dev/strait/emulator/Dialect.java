package dev.strait.emulator;

/** The wire dialect of a route: decides how errors look and which auth header counts. */
enum Dialect {
    OPENAI,
    AZURE,
    ANTHROPIC
}
