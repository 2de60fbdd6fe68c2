package io.neutrino.server.api;

/**
 * A status and a JSON body produced by a route: a tree of maps and lists, a body written while it
 * is sent ({@link JsonBodies.Streamed}, a list), or null for none.
 */
record Reply(int status, Object body) {}
