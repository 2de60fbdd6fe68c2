package io.neutrino.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiTest {

    /** The client sets no socket read timeouts (see Api), so its deadline must end a request nobody answers. */
    @Test
    @Timeout(30)
    void aRequestNobodyAnswersFailsAsTimedOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = Collections.synchronizedList(new ArrayList<>());
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // read nothing, answer nothing
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Api api = new Api("http://127.0.0.1:" + silent.getLocalPort(), Duration.ofMillis(300));
            long start = System.nanoTime();
            assertThatThrownBy(() -> api.get("/v2.0/ports"))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("GET http://127.0.0.1:" + silent.getLocalPort() + "/v2.0/ports failed")
                    .hasMessageContaining("no answer within 300 ms");
            // cancelled by the deadline, not by a timeout of the operating system's
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(accepted).isNotEmpty();
            for (Socket s : accepted) {
                s.close();
            }
        }
    }
}
