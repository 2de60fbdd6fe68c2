package io.neutrino.messaging;

import java.util.List;
import java.util.Set;

/** The contract on RabbitMQ: client and servers on separate connections. */
class RabbitMessagingTest extends MessagingContractTest {
  private final String exchange = "neutrino_test_" + Wire.hexId().substring(0, 12);

  @Override
  Messaging open() {
    return RabbitFixture.open(exchange);
  }

  @Override
  void cleanUp(Messaging any, Set<String> queues) {
    RabbitFixture.delete(queues, List.of(exchange, topic + "_fanout"));
  }
}
