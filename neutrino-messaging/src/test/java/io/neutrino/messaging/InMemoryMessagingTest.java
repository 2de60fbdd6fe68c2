package io.neutrino.messaging;

import java.util.Set;

/** The contract on the in-memory transport. */
class InMemoryMessagingTest extends MessagingContractTest {
  @Override
  Messaging open() {
    return Messaging.inMemory();
  }

  @Override
  void cleanUp(Messaging any, Set<String> queues) {
    // The bus goes away with its Messaging objects.
  }
}
