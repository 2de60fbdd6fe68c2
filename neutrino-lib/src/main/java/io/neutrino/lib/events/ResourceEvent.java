package io.neutrino.lib.events;

import io.neutrino.lib.context.RequestContext;
import java.util.Map;

/**
 * What a callback receives (neutron-lib's DBEventPayload): the resource type in singular form
 * ({@code port}), the event, the caller, the id, the resource before the change ({@code null} on
 * create), the resource as it is now or will be (mutable in BEFORE and PRECOMMIT events so
 * subscribers can fill their attributes), the validated request, and in PRECOMMIT events the
 * open database transaction (a JDBI {@code Handle} on the server).
 */
public record ResourceEvent(
    String resource,
    Event event,
    RequestContext context,
    String resourceId,
    Map<String, Object> original,
    Map<String, Object> latest,
    Map<String, Object> request,
    Object transaction) {}
