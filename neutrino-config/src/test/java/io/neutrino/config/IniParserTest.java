package io.neutrino.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IniParserTest {

    private static Map<String, Map<String, List<String>>> parse(String text) {
        return IniParser.parse("test.conf", text);
    }

    @Test
    void equalsAndColonSeparators() {
        var s = parse("[DEFAULT]\na = 1\nb: 2\nc=3\nd:4\n");
        assertThat(s.get("DEFAULT")).containsExactly(
                Map.entry("a", List.of("1")), Map.entry("b", List.of("2")),
                Map.entry("c", List.of("3")), Map.entry("d", List.of("4")));
    }

    @Test
    void firstOfEqualsOrColonSeparates() {
        var s = parse("[database]\nconnection = mysql+pymysql://u:p@h/db\nurl: http://x:5000/a=b\n");
        assertThat(s.get("database").get("connection")).containsExactly("mysql+pymysql://u:p@h/db");
        assertThat(s.get("database").get("url")).containsExactly("http://x:5000/a=b");
    }

    @Test
    void commentsOnlyAtLineStartAndNoInlineComments() {
        var s = parse("# comment\n; other comment\n[DEFAULT]\n#a = 1\n;b = 2\nc = value ; text\nd = x # y\n");
        assertThat(s.get("DEFAULT")).containsOnlyKeys("c", "d");
        assertThat(s.get("DEFAULT").get("c")).containsExactly("value ; text");
        assertThat(s.get("DEFAULT").get("d")).containsExactly("x # y");
    }

    @Test
    void continuationLinesAreJoinedWithNewline() {
        var s = parse("[DEFAULT]\nkey = first\n    second\n\tthird  \nother = x\n");
        assertThat(s.get("DEFAULT").get("key")).containsExactly("first\nsecond\nthird");
        assertThat(s.get("DEFAULT").get("other")).containsExactly("x");
    }

    @Test
    void emptyFirstLineWithContinuation() {
        var s = parse("[DEFAULT]\nkey =\n  a\n  b\n");
        assertThat(s.get("DEFAULT").get("key")).containsExactly("\na\nb");
    }

    @Test
    void indentedHashAfterKeyIsContinuationNotComment() {
        var s = parse("[DEFAULT]\nkey = a\n  # b\n");
        assertThat(s.get("DEFAULT").get("key")).containsExactly("a\n# b");
    }

    @Test
    void blankLineEndsMultiLineValue() {
        assertThatThrownBy(() -> parse("[DEFAULT]\nkey = a\n\n  b\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("test.conf").hasMessageContaining("line 4")
                .hasMessageContaining("Unexpected continuation line");
    }

    @Test
    void continuationAfterSectionOrCommentIsAnError() {
        assertThatThrownBy(() -> parse("[DEFAULT]\n  a = b\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> parse("[DEFAULT]\na = b\n# c\n  d\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("line 4");
    }

    @Test
    void repeatedKeyIsMultiValued() {
        var s = parse("[ml2]\nk = 1\nother = x\nk = 2\n[x]\n[ml2]\nk = 3\n");
        assertThat(s.get("ml2").get("k")).containsExactly("1", "2", "3");
        assertThat(s.get("x")).isEmpty();
    }

    @Test
    void valuesStrippedAndEmptyValueAllowed() {
        var s = parse("[DEFAULT]\n   \n  \t\nkey   =    spaced value   \nempty =\nempty2:\n\n");
        assertThat(s.get("DEFAULT").get("key")).containsExactly("spaced value");
        assertThat(s.get("DEFAULT").get("empty")).containsExactly("");
        assertThat(s.get("DEFAULT").get("empty2")).containsExactly("");
    }

    @Test
    void matchingQuotesAreRemoved() {
        var s = parse("[DEFAULT]\na = \"quoted\"\nb = 'single'\nc = \"mismatch'\nd = \"\"\ne = x\"y\"\n");
        assertThat(s.get("DEFAULT").get("a")).containsExactly("quoted");
        assertThat(s.get("DEFAULT").get("b")).containsExactly("single");
        assertThat(s.get("DEFAULT").get("c")).containsExactly("\"mismatch'");
        assertThat(s.get("DEFAULT").get("d")).containsExactly("");
        assertThat(s.get("DEFAULT").get("e")).containsExactly("x\"y\"");
    }

    @Test
    void sectionNamesNormalisedLikeOsloButDefaultStays() {
        var s = parse("[DEFAULT]\na = 1\n[Database]\nb = 2\n[database]\nc = 3\n[default]\nd = 4\n");
        assertThat(s).containsOnlyKeys("DEFAULT", "database", "default");
        assertThat(s.get("database")).containsOnlyKeys("b", "c");
        assertThat(s.get("DEFAULT")).containsOnlyKeys("a");
    }

    @Test
    void keysKeptLiterally() {
        var s = parse("[DEFAULT]\nfoo-bar = 1\nFoo = 2\n");
        assertThat(s.get("DEFAULT")).containsOnlyKeys("foo-bar", "Foo");
    }

    @Test
    void invalidLinesNameFileAndLine() {
        assertThatThrownBy(() -> parse("[DEFAULT]\na = 1\nnot an assignment\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("test.conf").hasMessageContaining("line 3")
                .hasMessageContaining("not an assignment");
        assertThatThrownBy(() -> parse("[DEFAULT\n")).hasMessageContaining("line 1")
                .hasMessageContaining("must end with ]");
        assertThatThrownBy(() -> parse("[]\n")).hasMessageContaining("Empty section name");
        assertThatThrownBy(() -> parse("[DEFAULT]\n= value\n")).hasMessageContaining("line 2")
                .hasMessageContaining("Key cannot be empty");
        assertThatThrownBy(() -> parse("a = 1\n")).hasMessageContaining("line 1")
                .hasMessageContaining("Section must be started");
        assertThatThrownBy(() -> parse("[DEFAULT] # c\n")).hasMessageContaining("line 1");
    }

    @Test
    void parseErrorHasNoOption() {
        try {
            parse("junk\n");
        } catch (ConfigException e) {
            assertThat(e.section()).isNull();
            assertThat(e.key()).isNull();
        }
    }

    @Test
    void crlfLineEndingsAndBom() {
        var s = parse("\uFEFF[DEFAULT]\r\na = 1\r\n  b\r\n");
        assertThat(s.get("DEFAULT").get("a")).containsExactly("1\nb");
    }

    @Test
    void fileParsingAndMissingFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.conf");
        Files.writeString(f, "[DEFAULT]\nbad\n");
        assertThatThrownBy(() -> IniParser.parse(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("line 2");
        assertThatThrownBy(() -> IniParser.parse(dir.resolve("missing.conf")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("missing.conf");
    }

    @Test
    void resultIsImmutable() {
        var s = parse("[DEFAULT]\na = 1\n");
        assertThatThrownBy(() -> s.get("DEFAULT").get("a").add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> s.put("x", Map.of())).isInstanceOf(UnsupportedOperationException.class);
    }
}
