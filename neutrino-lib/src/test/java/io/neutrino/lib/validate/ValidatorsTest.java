package io.neutrino.lib.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValidatorsTest {

  private static String v(String name, Object arg, Object value) {
    return Validators.named(name, arg).validate(value);
  }

  private static String v(String name, Object value) {
    return v(name, null, value);
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static final String UUID = "3c1c5b6e-0f4e-4a4e-9e4b-0c6f3a1b2c3d";

  @Test
  void registryHasAllNames() {
    for (String n : List.of("string", "string_or_none", "uuid", "uuid_or_none", "uuid_list",
        "boolean", "non_negative", "range", "values", "ip_address", "ip_address_or_none", "subnet",
        "subnet_or_none", "subnet_list", "mac_address", "mac_address_or_none", "nameservers",
        "hostroutes", "ip_pools", "fixed_ips", "allowed_address_pairs", "dict_or_nodata",
        "dict_or_empty", "list_of_any_key_specs_or_none", "port_range", "dns_host_name",
        "availability_zone_hint_list", "list_of_unique_strings", "service_plugin_type",
        "not_empty_string", "not_empty_string_or_none", "regex", "regex_or_none", "integer")) {
      assertThat(Validators.exists("type:" + n)).as(n).isTrue();
      assertThat(Validators.exists(n)).as(n).isTrue();
    }
    assertThatThrownBy(() -> Validators.named("type:nope", null))
        .hasMessage("Validator 'type:nope' does not exist");
  }

  @Test
  void strings() {
    assertThat(v("type:string", "abc")).isNull();
    assertThat(v("type:string", 1)).isEqualTo("'1' is not a valid string");
    assertThat(v("type:string", null)).isEqualTo("'None' is not a valid string");
    assertThat(v("type:string", 3, "abcd")).isEqualTo("'abcd' exceeds maximum length of 3");
    assertThat(v("type:string", 3, "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00")).isNull();
    assertThat(v("type:string_or_none", 3, null)).isNull();
    assertThat(v("type:string_or_none", 3, true)).isEqualTo("'True' is not a valid string");
    assertThat(v("type:not_empty_string", " \t")).isEqualTo("' \t' Blank strings are not permitted");
    assertThat(v("type:not_empty_string", "\u00a0")).isNotNull();
    assertThat(v("type:not_empty_string", "x")).isNull();
    assertThat(v("type:not_empty_string_or_none", null)).isNull();
    assertThat(v("type:not_empty_string_or_none", "")).isEqualTo("'' Blank strings are not permitted");
    assertThat(v("type:oneline_not_empty_string", "a\nb"))
        .isEqualTo("Multi-line string is not allowed: 'a\nb'");
    assertThat(v("type:oneline_not_empty_string", "ab\n")).isNull();
  }

  @Test
  void listOfUniqueStrings() {
    assertThat(v("type:list_of_unique_strings", List.of("a", "b"))).isNull();
    assertThat(v("type:list_of_unique_strings", List.of())).isNull();
    assertThat(v("type:list_of_unique_strings", List.of("a", "b", "a")))
        .isEqualTo("Duplicate items in the list: 'a'");
    assertThat(v("type:list_of_unique_strings", Arrays.asList("a", 1)))
        .isEqualTo("'1' is not a valid string");
    assertThat(v("type:list_of_unique_strings", "a")).isEqualTo("'a' is not a list");
    assertThat(v("type:list_of_unique_strings", 2, List.of("abc")))
        .isEqualTo("'abc' exceeds maximum length of 2");
  }

  @Test
  void uuids() {
    assertThat(v("type:uuid", UUID)).isNull();
    assertThat(v("type:uuid", UUID.toUpperCase())).isNull();
    assertThat(v("type:uuid", UUID.replace("-", ""))).isNull();
    assertThat(v("type:uuid", "{" + UUID + "}")).isNull();
    assertThat(v("type:uuid", "urn:uuid:" + UUID)).isNull();
    assertThat(v("type:uuid", "not-a-uuid")).isEqualTo("'not-a-uuid' is not a valid UUID");
    assertThat(v("type:uuid", UUID + "0")).isNotNull();
    assertThat(v("type:uuid", UUID.replace('c', 'g'))).isNotNull();
    assertThat(v("type:uuid", 12)).isEqualTo("'12' is not a valid UUID");
    assertThat(v("type:uuid", null)).isEqualTo("'None' is not a valid UUID");
    assertThat(v("type:uuid_or_none", null)).isNull();
    assertThat(v("type:uuid_list", List.of(UUID))).isNull();
    assertThat(v("type:uuid_list", List.of(UUID, UUID)))
        .isEqualTo("Duplicate items in the list: '" + UUID + "'");
    assertThat(v("type:uuid_list", List.of("x"))).isEqualTo("'x' is not a valid UUID");
    assertThat(v("type:uuid_list", UUID)).isEqualTo("'" + UUID + "' is not a list");
    assertThat(v("type:uuid_list_non_empty", List.of())).isEqualTo("List should not be empty");
  }

  @Test
  void booleans() {
    for (Object ok : List.of(true, false, "true", "True", "FALSE", "1", "0", 1, 0, "yes", "off",
        " t ")) {
      assertThat(v("type:boolean", ok)).as(String.valueOf(ok)).isNull();
    }
    assertThat(v("type:boolean", "maybe")).isEqualTo("'maybe' is not a valid boolean value");
    assertThat(v("type:boolean", 2)).isEqualTo("'2' is not a valid boolean value");
    assertThat(v("type:boolean", 1.0)).isEqualTo("'1.0' is not a valid boolean value");
    assertThat(v("type:boolean", null)).isEqualTo("'None' is not a valid boolean value");
  }

  @Test
  void integers() {
    assertThat(v("type:integer", 1)).isNull();
    assertThat(v("type:integer", "12")).isNull();
    assertThat(v("type:integer", " -12 ")).isNull();
    assertThat(v("type:integer", 2.0)).isNull();
    assertThat(v("type:integer", 2.5)).isEqualTo("'2.5' is not an integer");
    assertThat(v("type:integer", "1.0")).isEqualTo("'1.0' is not an integer");
    assertThat(v("type:integer", "0x10")).isEqualTo("'0x10' is not an integer");
    assertThat(v("type:integer", true)).isEqualTo("'True' is not an integer:boolean");
    assertThat(v("type:integer", null)).isEqualTo("'None' is not an integer");
    assertThat(v("type:integer", List.of(1))).isEqualTo("'[1]' is not an integer");
    assertThat(v("type:integer", "9007199254740993"))
        .isEqualTo("'9007199254740993' is not an integer");
    assertThat(v("type:integer", List.of(1, 2), 3)).isEqualTo("3 is not in valid_values");
    assertThat(v("type:integer", List.of(1, 2), 2)).isNull();
  }

  @Test
  void nonNegativeAndRange() {
    assertThat(v("type:non_negative", 0)).isNull();
    assertThat(v("type:non_negative", "5")).isNull();
    assertThat(v("type:non_negative", -1)).isEqualTo("'-1' should be non-negative");
    assertThat(v("type:non_negative", "x")).isEqualTo("'x' is not an integer");
    List<Integer> r = List.of(1, 10);
    assertThat(v("type:range", r, 1)).isNull();
    assertThat(v("type:range", r, "10")).isNull();
    assertThat(v("type:range", r, 0)).isEqualTo("'0' is too small - must be at least '1'");
    assertThat(v("type:range", r, 11)).isEqualTo("'11' is too large - must be no larger than '10'");
    assertThat(v("type:range", r, 10.9)).isNull();
    assertThat(v("type:range", r, "a")).isEqualTo("'a' is not an integer");
    assertThat(v("type:range", r, null)).isEqualTo("'None' is not an integer");
    assertThat(v("type:range", Arrays.asList(0, null), new BigInteger("99999999999999999999")))
        .isNull();
    assertThat(v("type:range_or_none", r, null)).isNull();
  }

  @Test
  void values() {
    List<String> valid = List.of("ingress", "egress");
    assertThat(v("type:values", valid, "ingress")).isNull();
    assertThat(v("type:values", valid, "up")).isEqualTo("up is not in valid_values");
    assertThat(v("type:values", List.of(4, 6), 4L)).isNull();
    assertThat(v("type:values", List.of(4, 6), 4.0)).isNull();
    assertThat(v("type:values", List.of(4, 6), "4")).isEqualTo("4 is not in valid_values");
    assertThat(v("type:values", null, "anything")).isNull();
  }

  @Test
  void ipAddresses() {
    for (String ok : List.of("10.0.0.1", "0.0.0.0", "255.255.255.255", "::", "::1", "fe80::1",
        "FE80::ABCD", "2001:db8::8:800:200c:417a", "::ffff:192.0.2.1", "1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:1.2.3.4", "1::", "1:2:3:4:5:6:7::")) {
      assertThat(v("type:ip_address", ok)).as(ok).isNull();
    }
    for (String bad : List.of("1.1.1", "0x1.1.1.1", "1.1.1.1.1", "256.0.0.1", "", " 1.1.1.1",
        "1.1.1.1 ", "1", "abc", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1::", "1:::2", "12345::",
        "::ffff:01.2.3.4", "fe80::1%eth0", "1.2.3.4/32", "1:2:3:4::5:6:7:8", "1:", "[::1]")) {
      assertThat(v("type:ip_address", bad)).as(bad).isEqualTo("'" + bad + "' is not a valid IP address");
    }
    assertThat(v("type:ip_address", "010.000.000.001"))
        .isEqualTo("'010.000.000.001' is not an accepted IP address, '10.0.0.1' is recommended");
    assertThat(v("type:ip_address", 17)).isEqualTo("'17' is not a valid IP address");
    assertThat(v("type:ip_address", null)).isEqualTo("'None' is not a valid IP address");
    assertThat(v("type:ip_address_or_none", null)).isNull();
    assertThat(v("type:ip_or_subnet_or_none", "10.0.0.0/8")).isNull();
    assertThat(v("type:ip_or_subnet_or_none", "10.0.0.1")).isNull();
    assertThat(v("type:ip_or_subnet_or_none", "x"))
        .isEqualTo("'x' is neither a valid IP address, nor is it a valid IP subnet");
  }

  @Test
  void subnets() {
    for (String ok : List.of("10.0.0.0/24", "0.0.0.0/0", "10.0.0.1/32", "2001:db8::/64",
        "2001:db8::1/64", "::/0")) {
      assertThat(v("type:subnet", ok)).as(ok).isNull();
    }
    // neutron-lib accepts host bits in a subnet CIDR (only route destinations must be clean)
    assertThat(v("type:subnet", "192.168.1.7/24")).isNull();
    assertThat(v("type:subnet", "fe80:0:0:0:0:0:0:0/128")).isNull();
    assertThat(v("type:subnet", "2001::0:1:0:0:1100/120")).isNull();
    assertThat(v("type:subnet", "010.0.0.0/8"))
        .isEqualTo("'010.0.0.0/8' isn't a recognized IP subnet cidr, '10.0.0.0/8' is recommended");
    assertThat(v("type:subnet", "fe80::0"))
        .isEqualTo("'fe80::0' isn't a recognized IP subnet cidr, 'fe80::/128' is recommended");
    assertThat(v("type:subnet", "10.0.0.0"))
        .isEqualTo("'10.0.0.0' isn't a recognized IP subnet cidr, '10.0.0.0/32' is recommended");
    assertThat(v("type:subnet", "10.0.0.0/255.255.255.0"))
        .isEqualTo("'10.0.0.0/255.255.255.0' isn't a recognized IP subnet cidr, "
            + "'10.0.0.0/24' is recommended");
    assertThat(v("type:subnet", "10/8"))
        .isEqualTo("'10/8' isn't a recognized IP subnet cidr, '10.0.0.0/8' is recommended");
    assertThat(v("type:subnet", "fe80::"))
        .isEqualTo("'fe80::' isn't a recognized IP subnet cidr, 'fe80::/128' is recommended");
    for (String bad : List.of("10.0.0.0/33", "x", "10.0.0.0/", "10.0.0.0/24/1", "300.0.0.0/8",
        " 10.0.0.0/8", "::/129", "")) {
      assertThat(v("type:subnet", bad)).as(bad).isEqualTo("'" + bad + "' is not a valid IP subnet");
    }
    assertThat(v("type:subnet", 5)).isEqualTo("'5' is not a valid IP subnet");
    assertThat(v("type:subnet_or_none", null)).isNull();
    assertThat(v("type:subnet_list", List.of("10.0.0.0/8", "10.1.0.0/16"))).isNull();
    assertThat(v("type:subnet_list", List.of("10.0.0.0/8", "10.0.0.0/8")))
        .isEqualTo("Duplicate items in the list: '10.0.0.0/8'");
    assertThat(v("type:subnet_list", "10.0.0.0/8")).isEqualTo("'10.0.0.0/8' is not a list");
  }

  @Test
  void macAddresses() {
    for (String ok : List.of("fa:16:3e:00:00:01", "FA:16:3E:00:00:01", "fa-16-3e-00-00-01",
        "fa16.3e00.0001", "fa16:3e00:0001", "fa163e000001", "fa163e-000001", "1:2:3:4:5:6",
        "01:00:5e:00:00:01")) {
      assertThat(v("type:mac_address", ok)).as(ok).isNull();
    }
    for (String bad : List.of("00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff", "FF-FF-FF-FF-FF-FF",
        "fa:16:3e:00:00", "fa:16:3e:00:00:01:02", "gg:16:3e:00:00:01", " fa:16:3e:00:00:01",
        "fa:16:3e:00:00:01\n", "", "fa:16-3e:00:00:01")) {
      assertThat(v("type:mac_address", bad)).as(bad).isEqualTo("'" + bad + "' is not a valid MAC address");
    }
    assertThat(v("type:mac_address", null)).isEqualTo("'None' is not a valid MAC address");
    assertThat(v("type:mac_address_or_none", null)).isNull();
  }

  @Test
  void nameservers() {
    assertThat(v("type:nameservers", List.of("8.8.8.8", "2001:4860:4860::8888"))).isNull();
    assertThat(v("type:nameservers", List.of())).isNull();
    assertThat(v("type:nameservers", List.of("8.8.8.8", "8.8.8.8")))
        .isEqualTo("Duplicate nameserver '8.8.8.8'");
    assertThat(v("type:nameservers", List.of("dns.example.com")))
        .isEqualTo("'dns.example.com' is not a valid nameserver. "
            + "'dns.example.com' is not a valid IP address");
    assertThat(v("type:nameservers", 1)).isEqualTo("Invalid data format for nameserver: '1'");
    assertThat(v("type:nameservers", null)).isEqualTo("Invalid data format for nameserver: 'None'");
    assertThat(v("type:nameservers", "8.8.8.8"))
        .isEqualTo("'8' is not a valid nameserver. '8' is not a valid IP address");
  }

  @Test
  void hostroutes() {
    Map<String, Object> r1 = map("destination", "10.1.0.0/16", "nexthop", "10.0.0.1");
    Map<String, Object> r2 = map("destination", "0.0.0.0/0", "nexthop", "10.0.0.254");
    assertThat(v("type:hostroutes", List.of(r1, r2))).isNull();
    assertThat(v("type:hostroutes", List.of(r1, new HashMap<>(r1))))
        .isEqualTo("Duplicate hostroute '{'destination': '10.1.0.0/16', 'nexthop': '10.0.0.1'}'");
    assertThat(v("type:hostroutes", List.of(map("destination", "10.1.0.1/16", "nexthop", "10.0.0.1"))))
        .isEqualTo("'10.1.0.1/16' is not a recognized CIDR, '10.1.0.0/16' is recommended");
    assertThat(v("type:hostroutes", List.of(map("destination", "127.0.0.0/8", "nexthop", "10.0.0.1"))))
        .isEqualTo("'127.0.0.0/8' is not a routable CIDR");
    assertThat(v("type:hostroutes", List.of(map("destination", "bad", "nexthop", "10.0.0.1"))))
        .isEqualTo("'bad' is not a valid CIDR");
    assertThat(v("type:hostroutes", List.of(map("destination", "10.1.0.0/16", "nexthop", "x"))))
        .isEqualTo("'x' is not a valid IP address");
    assertThat(v("type:hostroutes", List.of(map("destination", "10.1.0.0/16"))))
        .isEqualTo("Validation of dictionary's keys failed. Expected keys: "
            + "{'destination', 'nexthop'} Provided keys: {'destination'}");
    assertThat(v("type:hostroutes", List.of("x")))
        .isEqualTo("Invalid input. 'x' must be a dictionary with keys: ['destination', 'nexthop']");
    assertThat(v("type:hostroutes", "x")).isEqualTo("Invalid data format for hostroute: 'x'");
  }

  @Test
  void ipPools() {
    assertThat(v("type:ip_pools", List.of(map("start", "10.0.0.2", "end", "10.0.0.254")))).isNull();
    assertThat(v("type:ip_pools", List.of(map("start", "10.0.0.2", "end", "x"))))
        .isEqualTo("'x' is not a valid IP address");
    assertThat(v("type:ip_pools", List.of(map("start", "10.0.0.2"))))
        .startsWith("Validation of dictionary's keys failed.");
    assertThat(v("type:ip_pools", List.of(map("start", "1.1.1.1", "end", "1.1.1.2", "x", 1))))
        .startsWith("Validation of dictionary's keys failed.");
    assertThat(v("type:ip_pools", map())).isEqualTo("Invalid data format for IP pool: '{}'");
  }

  @Test
  void fixedIps() {
    assertThat(v("type:fixed_ips", List.of(map("subnet_id", UUID, "ip_address", "10.0.0.3"),
        map("subnet_id", UUID), map("ip_address", "fe80::3")))).isNull();
    assertThat(v("type:fixed_ips", List.of(map("ip_address", "10.0.0.3"),
        map("ip_address", "10.0.0.3")))).isEqualTo("Duplicate IP address '10.0.0.3'");
    assertThat(v("type:fixed_ips", List.of(map("subnet_id", "nope"))))
        .isEqualTo("'nope' is not a valid UUID");
    assertThat(v("type:fixed_ips", List.of(map("ip_address", "10.0.0"))))
        .isEqualTo("'10.0.0' is not a valid IP address");
    assertThat(v("type:fixed_ips", List.of("10.0.0.3")))
        .isEqualTo("Invalid data format for fixed IP: '10.0.0.3'");
    assertThat(v("type:fixed_ips", "x")).isEqualTo("Invalid data format for fixed IP: 'x'");
  }

  @Test
  void allowedAddressPairs() {
    assertThat(v("type:allowed_address_pairs", List.of(map("ip_address", "10.0.0.5"),
        map("ip_address", "10.1.0.0/16", "mac_address", "fa:16:3e:00:00:01")))).isNull();
    assertThat(v("type:allowed_address_pairs", "x")).isEqualTo("Allowed address pairs must be a list.");
    assertThat(v("type:allowed_address_pairs", List.of(map("mac_address", "fa:16:3e:00:00:01"))))
        .isEqualTo("AllowedAddressPair must contain ip_address");
    assertThat(v("type:allowed_address_pairs", List.of(map("ip_address", "10.0.0.5"),
        map("ip_address", "10.0.0.5")))).isEqualTo(
            "Request contains duplicate address pair: mac_address None ip_address 10.0.0.5.");
    assertThat(v("type:allowed_address_pairs", List.of(map("ip_address", "10.0.0.5", "x", 1))))
        .isEqualTo("Unrecognized attribute(s) 'x'");
    assertThat(v("type:allowed_address_pairs", List.of(map("ip_address", "10.0.0.1/8")))).isNull();
    assertThat(v("type:allowed_address_pairs", List.of(map("ip_address", "10.0.0.0/255.0.0.0"))))
        .isEqualTo("'10.0.0.0/255.0.0.0' isn't a recognized IP subnet cidr, '10.0.0.0/8' is recommended");
    assertThat(v("type:allowed_address_pairs", List.of(map("ip_address", "x"))))
        .isEqualTo("'x' is not a valid IP address");
    assertThat(v("type:allowed_address_pairs", List.of(map("ip_address", "10.0.0.5",
        "mac_address", "x")))).isEqualTo("'x' is not a valid MAC address");
    assertThat(v("type:allowed_address_pairs", List.of(1))).isEqualTo("'1' is not a dictionary");
    assertThat(v("type:allowed_address_pairs", 1, List.of(map("ip_address", "10.0.0.5"),
        map("ip_address", "10.0.0.6"))))
        .isEqualTo("The number of allowed address pair exceeds the maximum 1.");
  }

  @Test
  void dicts() {
    Map<String, Object> specs = map(
        "id", map("type:uuid", null, "required", true),
        "size", map("type:non_negative", null, "convert_to", (Converter) Converters::toInt));
    assertThat(v("type:dict_or_nodata", specs, null)).isNull();
    assertThat(v("type:dict_or_nodata", specs, map())).isNull();
    assertThat(v("type:dict_or_nodata", specs, "x")).isEqualTo("'x' is not a dictionary");
    Map<String, Object> ok = map("id", UUID, "size", "3");
    assertThat(v("type:dict_or_nodata", specs, ok)).isNull();
    assertThat(ok.get("size")).isEqualTo(3);
    assertThat(v("type:dict_or_nodata", specs, map("size", 1)))
        .isEqualTo("Validation of dictionary's keys failed. Expected keys: {'id'} "
            + "Provided keys: {'size'}");
    assertThat(v("type:dict_or_nodata", specs, map("id", UUID, "extra", 1)))
        .isEqualTo("Unexpected keys supplied: extra");
    assertThat(v("type:dict_or_nodata", specs, map("id", "x"))).isEqualTo("'x' is not a valid UUID");
    assertThat(v("type:dict_or_nodata", specs, Map.of("id", UUID, "size", "y")))
        .isEqualTo("'y' is not an integer");
    assertThat(v("type:dict_or_empty", specs, map())).isNull();
    assertThat(v("type:dict_or_empty", specs, null)).isEqualTo("'None' is not a dictionary");
    assertThat(v("type:dict_or_empty", null, map("a", 1))).isNull();
    assertThat(v("type:dict_or_nodata", map("a", map("type:bogus", null)), map("a", 1)))
        .isEqualTo("Validator 'type:bogus' does not exist");
    assertThat(Validators.dictOf(Map.of("a", Validators.uuid())).validate(map("a", "x")))
        .isEqualTo("'x' is not a valid UUID");
  }

  @Test
  void listOfAnyKeySpecs() {
    List<Map<String, Object>> specs = List.of(
        map("ip", map("type:ip_address", null, "required", true)),
        map("mac", map("type:mac_address", null, "required", true)));
    String n = "type:list_of_any_key_specs_or_none";
    assertThat(v(n, specs, null)).isNull();
    assertThat(v(n, specs, List.of(map("ip", "1.1.1.1"), map("mac", "fa:16:3e:00:00:01")))).isNull();
    assertThat(v(n, specs, List.of(map("x", 1))))
        .isEqualTo("No valid key specs matched for: {'x': 1}");
    assertThat(v(n, specs, "x")).isEqualTo("'x' is not a list");
  }

  @Test
  void portRange() {
    String n = "type:port_range";
    for (Object ok : Arrays.asList(null, 80, "80", "1:65535", "22:22", "0")) {
      assertThat(v(n, ok)).as(String.valueOf(ok)).isNull();
    }
    assertThat(v(n, "1:2:3")).isEqualTo("Port range must be two integers separated by a colon");
    assertThat(v(n, ":80")).isEqualTo("Port range must be two integers separated by a colon");
    assertThat(v(n, "x")).isEqualTo("Invalid port: x");
    assertThat(v(n, 70000)).isEqualTo("Invalid port: 70000");
    assertThat(v(n, "90:80")).isEqualTo("First port in a port range must be lower than the second port");
    assertThat(v(n, List.of(1024, 2048), "80"))
        .isEqualTo("Invalid port: 80, the port must be in the range [1024, 2048]");
  }

  @Test
  void dnsHostName() {
    String n = "type:dns_host_name";
    for (Object ok : Arrays.asList(null, "", "vm1", "vm-1.example.org", "vm1.example.org.",
        "<project_id>")) {
      assertThat(v(n, 255, ok)).as(String.valueOf(ok)).isNull();
    }
    assertThat(v(n, 255, "-vm")).isEqualTo(
        "'-vm' not a valid PQDN or FQDN. Reason: Name '-vm' must not start or end with a hyphen");
    assertThat(v(n, 255, "a..b")).isEqualTo(
        "'a..b' not a valid PQDN or FQDN. Reason: Encountered an empty component");
    assertThat(v(n, 255, "Vm1")).isEqualTo("'Vm1' not a valid PQDN or FQDN. Reason: Name 'Vm1' "
        + "must be 1-63 characters long, each of which can only be alphanumeric or a hyphen");
    assertThat(v(n, 255, "a.123")).isEqualTo(
        "'a.123' not a valid PQDN or FQDN. Reason: TLD '123' must not be all numeric");
    assertThat(v(n, 5, "abcdef")).isEqualTo(
        "'abcdef' not a valid PQDN or FQDN. Reason: 'abcdef' exceeds the 5 character FQDN limit");
    assertThat(v(n, 255, "a".repeat(64))).contains("must be 1-63 characters long");
    Validator withDomain = Validators.dnsHostName(255, "example.org");
    assertThat(withDomain.validate("vm1.example.org.")).isNull();
    assertThat(withDomain.validate("vm1.other.org.")).startsWith("The dns_name passed is a FQDN.");
  }

  @Test
  void dnsDomainName() {
    String n = "type:dns_domain_name";
    for (String ok : new String[] {"", "example.org.", "my-domain.example.org."}) {
      assertThat(v(n, 255, ok)).as(ok).isNull();
    }
    assertThat(v(n, 255, 42)).isEqualTo("'42' is not a valid string");
    assertThat(v(n, 255, "example.org")).isEqualTo("'example.org' is not a FQDN");
    assertThat(v(n, 255, "Example.org.")).isEqualTo("'Example.org.' not a valid PQDN or FQDN. Reason: "
        + "Name 'Example' must be 1-63 characters long, each of which can only be alphanumeric or a hyphen");
    assertThat(v(n, 255, "a.123.")).isEqualTo(
        "'a.123.' not a valid PQDN or FQDN. Reason: TLD '123' must not be all numeric");
    // 254 characters with the dot: valid labels, but no room left for a sub-domain.
    String longDomain = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61) + ".";
    assertThat(v(n, 255, longDomain)).isEqualTo("'" + longDomain + "' contains 254 characters. Adding a "
        + "sub-domain will cause it to exceed the maximum length of a FQDN of '255'");
  }

  @Test
  void availabilityZoneHints() {
    String n = "type:availability_zone_hint_list";
    assertThat(v(n, List.of("nova", "az2"))).isNull();
    assertThat(v(n, List.of("nova", "nova"))).isEqualTo("Duplicate items in the list: 'nova'");
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      many.add("zone" + i);
    }
    assertThat(v(n, many)).isEqualTo("Too many availability_zone_hints specified");
    // ["<251 chars>"] is exactly 255 characters
    assertThat(v(n, List.of("a".repeat(251)))).isNull();
    assertThat(v(n, List.of("a".repeat(252)))).isNotNull();
  }

  @Test
  void servicePluginType() {
    assertThat(v("type:service_plugin_type", Set.of("L3_ROUTER_NAT"), "L3_ROUTER_NAT")).isNull();
    assertThat(v("type:service_plugin_type", Set.of("L3_ROUTER_NAT"), "FOO"))
        .isEqualTo("Invalid service type: FOO.");
    Validators.setServicePluginLookup("QOS"::equals);
    try {
      assertThat(v("type:service_plugin_type", "QOS")).isNull();
      assertThat(v("type:service_plugin_type", "X")).isEqualTo("Invalid service type: X.");
    } finally {
      Validators.setServicePluginLookup(t -> false);
    }
  }

  @Test
  void regex() {
    String p = "^[a-z]+\\d?$";
    assertThat(v("type:regex", p, "abc1")).isNull();
    assertThat(v("type:regex", p, "ABC")).isEqualTo("'ABC' is not a valid input");
    assertThat(v("type:regex", p, 1)).isEqualTo("'1' is not a valid input");
    assertThat(v("type:regex", "ab", "abc")).isNull(); // re.match anchors only at the start
    assertThat(v("type:regex", "(?P<x>a)(?P=x)", "aa")).isNull();
    assertThat(v("type:regex", "(", "x")).isEqualTo("'x' is not a valid input");
    assertThat(v("type:regex_or_none", p, null)).isNull();
    assertThat(v("type:regex_or_none", p, "A")).isEqualTo("'A' is not a valid input");
    assertThat(v("type:list_of_regex_or_none", p, List.of("a", "b"))).isNull();
  }

  @Test
  void subnetpoolId() {
    assertThat(v("type:subnetpool_id", "prefix_delegation")).isNull();
    assertThat(v("type:subnetpool_id", UUID)).isNull();
    assertThat(v("type:subnetpool_id", null)).isNull();
    assertThat(v("type:subnetpool_id", "x")).isEqualTo("'x' is not a valid UUID");
  }

  @Test
  void messagesRenderValuesLikePython() {
    assertThat(v("type:uuid", List.of("a", 1, true))).isEqualTo("'['a', 1, True]' is not a valid UUID");
    assertThat(v("type:uuid", map("k", null))).isEqualTo("'{'k': None}' is not a valid UUID");
    assertThat(v("type:uuid", 1e20)).isEqualTo("'1e+20' is not a valid UUID");
    assertThat(v("type:uuid", 0.5)).isEqualTo("'0.5' is not a valid UUID");
    assertThat(v("type:uuid", "it's")).isEqualTo("'it's' is not a valid UUID");
    assertThat(v("type:uuid", List.of("it's"))).isEqualTo("'[\"it's\"]' is not a valid UUID");
  }
}
