package io.neutrino.agent.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostExecutorTest {
  @Test
  void returnsStdoutAndFeedsStdin() {
    HostExecutor host = HostExecutor.root();
    assertThat(host.run("echo", "hello")).isEqualTo("hello\n");
    assertThat(host.run(List.of("cat"), "fed")).isEqualTo("fed");
  }

  @Test
  void failureNamesCommandExitCodeAndStderr() {
    assertThatThrownBy(() -> HostExecutor.root().run("sh", "-c", "echo broken >&2; exit 3"))
        .isInstanceOf(HostCommandException.class)
        .hasMessage("Exit code 3 from sh -c echo broken >&2; exit 3: broken");
  }
}
