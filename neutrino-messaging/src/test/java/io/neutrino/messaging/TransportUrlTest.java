package io.neutrino.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.neutrino.messaging.TransportUrl.Host;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code [DEFAULT] transport_url} as oslo.messaging's TransportURL.parse reads it. */
class TransportUrlTest {

  @Test
  void trailingSlashIsTheDefaultVhost() {
    TransportUrl u = TransportUrl.parse("rabbit://guest:guest@127.0.0.1:5672/");
    assertThat(u.driver()).isEqualTo("rabbit");
    assertThat(u.inMemory()).isFalse();
    assertThat(u.hosts()).containsExactly(new Host("127.0.0.1", 5672, "guest", "guest"));
    assertThat(u.virtualHost()).isEqualTo("/");
  }

  @Test
  void noPathIsTheDefaultVhostToo() {
    assertThat(TransportUrl.parse("rabbit://u:p@h").virtualHost()).isEqualTo("/");
  }

  @Test
  void severalHostsAndANamedVhost() {
    TransportUrl u = TransportUrl.parse("rabbit://u:p@h1:5672,u:p@h2:5673/vhost");
    assertThat(u.hosts()).containsExactly(new Host("h1", 5672, "u", "p"), new Host("h2", 5673, "u", "p"));
    assertThat(u.virtualHost()).isEqualTo("vhost");
  }

  @Test
  void userAndPasswordArePercentDecodedAndPlusIsKept() {
    TransportUrl u = TransportUrl.parse("rabbit://op%40s:p%3Aw%2Fd+x@mq.example.org/%2Fprod");
    assertThat(u.hosts().get(0)).isEqualTo(new Host("mq.example.org", 5672, "op@s", "p:w/d+x"));
    assertThat(u.virtualHost()).isEqualTo("/prod");
  }

  @Test
  void missingPortIs5672() {
    assertThat(TransportUrl.parse("rabbit://u:p@h1,u:p@h2:5000/").hosts())
        .extracting(Host::port).containsExactly(5672, 5000);
  }

  @Test
  void ipv6HostsInBrackets() {
    assertThat(TransportUrl.parse("rabbit://u:p@[fd00::1]:5671,[fd00::2]/").hosts())
        .containsExactly(new Host("fd00::1", 5671, "u", "p"), new Host("fd00::2", 5672, null, null));
  }

  @Test
  void noHostsIsGuestOnLocalhost() {
    assertThat(TransportUrl.parse("rabbit://").hosts()).containsExactly(new Host("localhost", 5672, "guest", "guest"));
  }

  @Test
  void kombuIsAnAliasOfRabbit() {
    assertThat(TransportUrl.parse("kombu://u:p@h:5672/").driver()).isEqualTo("rabbit");
  }

  @Test
  void queryOptionsAreKept() {
    assertThat(TransportUrl.parse("rabbit://u:p@h/?ssl=1&ssl=2&heartbeat=10").query())
        .isEqualTo(Map.of("ssl", "1,2", "heartbeat", "10"));
  }

  @Test
  void unsetEmptyFakeAndMemoryAreInMemory() {
    for (String s : new String[] {null, "", "  ", "fake://", "memory://", "FAKE:///"}) {
      assertThat(TransportUrl.parse(s).inMemory()).as(String.valueOf(s)).isTrue();
    }
  }

  @Test
  void badUrlsNameTheProblemWithoutThePassword() {
    assertThatThrownBy(() -> TransportUrl.parse("127.0.0.1:5672")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no scheme");
    assertThatThrownBy(() -> TransportUrl.parse("kafka://h:9092/")).hasMessageContaining("unsupported transport driver 'kafka'");
    assertThatThrownBy(() -> TransportUrl.parse("amqp://h/")).hasMessageContaining("unsupported transport driver 'amqp'");
    assertThatThrownBy(() -> TransportUrl.parse("rabbit://u:secret@h:abc/")).hasMessage("invalid port 'abc'");
    assertThatThrownBy(() -> TransportUrl.parse("rabbit://u:secret@h:70000/")).hasMessage("invalid port '70000'");
    assertThatThrownBy(() -> TransportUrl.parse("rabbit://u:secret@:5672/")).hasMessageContaining("host name")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> TransportUrl.parse("rabbit://u:sec%zzret@h/")).hasMessageContaining("percent-encoding in the password")
        .hasMessageNotContaining("sec");
    assertThatThrownBy(() -> TransportUrl.parse("rabbit://u:p@[fd00::1/")).hasMessageContaining("IPv6");
  }

  @Test
  void toStringHidesThePassword() {
    assertThat(TransportUrl.parse("rabbit://u:secret@h1,u:secret@h2:5673/v").toString())
        .isEqualTo("rabbit://u:****@h1:5672,u:****@h2:5673/v");
    assertThat(TransportUrl.parse("").toString()).isEqualTo("memory://");
    assertThat(List.of(TransportUrl.parse("rabbit://h/").toString())).containsExactly("rabbit://h:5672/");
  }
}
