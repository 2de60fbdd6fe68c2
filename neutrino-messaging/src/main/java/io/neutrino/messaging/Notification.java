package io.neutrino.messaging;

import java.util.Map;

/**
 * A received notification, with oslo's message keys: {@code message_id}, {@code publisher_id},
 * {@code event_type}, {@code priority}, {@code payload}, {@code timestamp} (UTC, Python's
 * {@code str(datetime)}: {@code 2024-05-01 12:34:56.123456}). {@code context} is the sender's
 * sanitized request context.
 */
public record Notification(Map<String, Object> context, String messageId, String publisherId,
    String eventType, Priority priority, Object payload, String timestamp) {
}
