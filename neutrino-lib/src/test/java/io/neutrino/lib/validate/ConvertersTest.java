package io.neutrino.lib.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConvertersTest {

  @Test
  void toBoolean() {
    assertThat(Converters.toBoolean(true)).isTrue();
    assertThat(Converters.toBoolean("True")).isTrue();
    assertThat(Converters.toBoolean("true")).isTrue();
    assertThat(Converters.toBoolean("1")).isTrue();
    assertThat(Converters.toBoolean(1)).isTrue();
    assertThat(Converters.toBoolean("false")).isFalse();
    assertThat(Converters.toBoolean("0")).isFalse();
    assertThat(Converters.toBoolean(0)).isFalse();
    assertThatThrownBy(() -> Converters.toBoolean("7"))
        .isInstanceOf(Converter.InvalidValue.class).hasMessage("'7' cannot be converted to boolean");
    assertThatThrownBy(() -> Converters.toBoolean(null))
        .hasMessage("'None' cannot be converted to boolean");
    assertThat(Converters.toBooleanIfNotNone(null)).isNull();
    assertThat(Converters.toBooleanIfNotNone("no")).isFalse();
  }

  @Test
  void toInt() {
    assertThat(Converters.toInt("42")).isEqualTo(42);
    assertThat(Converters.toInt(" -4_2 ")).isEqualTo(-42);
    assertThat(Converters.toInt(3.9)).isEqualTo(3);
    assertThat(Converters.toInt(true)).isEqualTo(1);
    assertThat(Converters.toInt(5000000000L)).isEqualTo(5000000000L);
    assertThat(Converters.toInt("99999999999999999999"))
        .isEqualTo(new BigInteger("99999999999999999999"));
    assertThatThrownBy(() -> Converters.toInt("4.2")).hasMessage("'4.2' is not an integer");
    assertThatThrownBy(() -> Converters.toInt(null)).hasMessage("'None' is not an integer");
    assertThat(Converters.toIntIfNotNone(null)).isNull();
  }

  @Test
  void toPositiveFloat() {
    assertThat(Converters.toPositiveFloatOrNone(null)).isNull();
    assertThat(Converters.toPositiveFloatOrNone("1.5")).isEqualTo(1.5);
    assertThat(Converters.toPositiveFloatOrNone(2)).isEqualTo(2.0);
    assertThatThrownBy(() -> Converters.toPositiveFloatOrNone("-1"))
        .hasMessage("'-1.0' must be a non negative decimal");
    assertThatThrownBy(() -> Converters.toPositiveFloatOrNone("x"))
        .hasMessage("'x' must be a non negative decimal");
  }

  @Test
  void lists() {
    assertThat(Converters.toList(null)).isEmpty();
    assertThat(Converters.toList("a")).containsExactly("a");
    assertThat(Converters.toList(List.of(1, 2))).containsExactly(1, 2);
    assertThat(Converters.toList(Map.of("k", 1))).containsExactly("k");
    assertThat(Converters.toList(5)).containsExactly(5);
    assertThat(Converters.noneToEmptyList(null)).isEqualTo(List.of());
    assertThat(Converters.noneToEmptyList("x")).isEqualTo("x");
    assertThat(Converters.noneToEmptyDict(null)).isEqualTo(Map.of());
    assertThat(Converters.noneToEmptyString(null)).isEqualTo("");
  }

  @Test
  void kvp() {
    assertThat(Converters.kvpStrToList(" a = b=c ")).containsExactly("a", "b=c");
    assertThat(Converters.kvpStrToList("a=")).containsExactly("a", "");
    assertThatThrownBy(() -> Converters.kvpStrToList("=b"))
        .hasMessage("'=b' is not of the form <key>=[value]");
    assertThatThrownBy(() -> Converters.kvpStrToList("ab"))
        .hasMessage("'ab' is not of the form <key>=[value]");
    assertThat(Converters.kvpListToDict(List.of("True"))).isEmpty();
    assertThat(Converters.kvpListToDict(List.of("a=1", "a=2", "a=1", "b=3")))
        .isEqualTo(Map.of("a", List.of("1", "2"), "b", List.of("3")));
  }

  @Test
  void canonicalIp() {
    assertThat(Converters.toCanonicalIp("2001:DB8:0:0:0:0:0:1")).isEqualTo("2001:db8::1");
    assertThat(Converters.toCanonicalIp("2001:db8:0:1:0:0:0:1")).isEqualTo("2001:db8:0:1::1");
    assertThat(Converters.toCanonicalIp("1:0:0:2:0:0:0:3")).isEqualTo("1:0:0:2::3");
    assertThat(Converters.toCanonicalIp("1:0:0:2:0:0:3:4")).isEqualTo("1::2:0:0:3:4");
    assertThat(Converters.toCanonicalIp("1:0:2:3:4:5:6:7")).isEqualTo("1:0:2:3:4:5:6:7");
    assertThat(Converters.toCanonicalIp("0:0:0:0:0:0:0:0")).isEqualTo("::");
    assertThat(Converters.toCanonicalIp("0:0:0:0:0:0:0:1")).isEqualTo("::1");
    assertThat(Converters.toCanonicalIp("::FFFF:192.0.2.1")).isEqualTo("::ffff:192.0.2.1");
    assertThat(Converters.toCanonicalIp("::ffff:c000:201")).isEqualTo("::ffff:192.0.2.1");
    assertThat(Converters.toCanonicalIp("::c000:201")).isEqualTo("::192.0.2.1");
    assertThat(Converters.toCanonicalIp("fe80::1:0:0")).isEqualTo("fe80::1:0:0");
    assertThat(Converters.toCanonicalIp("10.0.0.1")).isEqualTo("10.0.0.1");
    assertThat(Converters.toCanonicalIp("010.0.0.1")).isEqualTo("010.0.0.1");
    assertThat(Converters.toCanonicalIp("garbage")).isEqualTo("garbage");
    assertThat(Converters.toCanonicalIp(null)).isNull();
    assertThat(Converters.toCanonicalIp("::1/64")).isEqualTo("::1/64");
  }

  @Test
  void canonicalCidr() {
    assertThat(Converters.toCanonicalCidr("2001:DB8::0/64")).isEqualTo("2001:db8::/64");
    assertThat(Converters.toCanonicalCidr("2001:db8::1/64")).isEqualTo("2001:db8::1/64");
    assertThat(Converters.toCanonicalCidr("10.0.0.1/24")).isEqualTo("10.0.0.1/24");
    assertThat(Converters.toCanonicalCidr("10.0.0.0/255.255.0.0")).isEqualTo("10.0.0.0/16");
    assertThat(Converters.toCanonicalCidr("10.0.0.1")).isEqualTo("10.0.0.1/32");
    assertThat(Converters.toCanonicalCidr("::1")).isEqualTo("::1/128");
    assertThatThrownBy(() -> Converters.toCanonicalCidr("10.0.0.0/33"))
        .hasMessage("10.0.0.0/33 is not in a CIDR format");
    assertThatThrownBy(() -> Converters.toCanonicalCidr(null))
        .hasMessage("None is not in a CIDR format");
  }

  @Test
  void sanitizedMac() {
    assertThat(Converters.toSanitizedMac("FA-16-3E-0-0-1")).isEqualTo("fa:16:3e:00:00:01");
    assertThat(Converters.toSanitizedMac("fa16.3e00.0001")).isEqualTo("fa:16:3e:00:00:01");
    assertThat(Converters.toSanitizedMac("FA163E000001")).isEqualTo("fa:16:3e:00:00:01");
    assertThat(Converters.toSanitizedMac("not a mac")).isEqualTo("not a mac");
    assertThat(Converters.toSanitizedMac(null)).isNull();
  }

  @Test
  void strings() {
    assertThat(Converters.toLowerCase("AbC")).isEqualTo("abc");
    assertThatThrownBy(() -> Converters.toLowerCase(1)).hasMessage("Input value 1 must be string type");
    assertThat(Converters.uppercaseIp("ipv4")).isEqualTo("IPv4");
    assertThat(Converters.uppercaseIp("Ipv6")).isEqualTo("IPv6");
    assertThat(Converters.uppercaseIp("tcp")).isEqualTo("tcp");
    assertThat(Converters.toStringIfNotNone(Arrays.asList(1, null))).isEqualTo("[1, None]");
    assertThat(Converters.toStringIfNotNone(null)).isNull();
    assertThat(Converters.named("convert_to_boolean").convert("yes")).isEqualTo(true);
  }
}
