package io.neutrino.server.api;

/** A status and a JSON body (null for none) produced by a route. */
record Reply(int status, Object body) {}
