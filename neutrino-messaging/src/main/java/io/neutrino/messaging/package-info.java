/**
 * RPC and notifications between the server and the agents, as oslo.messaging does for Neutron.
 *
 * <p>Start with {@link io.neutrino.messaging.Messaging}: {@code Messaging.create(TransportUrl.parse(
 * transport_url), control_exchange, rpc_response_timeout)} (or {@code Messaging.inMemory()}), then
 * {@link io.neutrino.messaging.Messaging#rpcServer rpcServer(Target, endpoints)},
 * {@link io.neutrino.messaging.Messaging#rpcClient rpcClient(Target)} and
 * {@link io.neutrino.messaging.Messaging#notifier notifier(publisherId)}.
 *
 * <p>Layers: the public API (Target, Endpoint, RpcClient, RpcServer, Notifier, NotificationListener)
 * builds oslo's messages and envelopes ({@code Wire}) and routes them through a {@code Broker}:
 * {@code RabbitBroker} (amqp-client) or {@code InMemoryBroker} (the same AMQP routing in one JVM).
 * Everything above the broker is shared, which is what makes the two transports behave alike.
 */
package io.neutrino.messaging;
