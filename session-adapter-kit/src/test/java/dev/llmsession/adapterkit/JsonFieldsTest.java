package dev.llmsession.adapterkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class JsonFieldsTest {

    private static JsonFields parse(String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return JsonFields.parse(b, b.length).orElseThrow();
    }

    @Test
    void nestedObjectsAndArrays_byDottedPath() throws IOException {
        JsonFields f = parse("{\"a\":{\"b\":{\"c\":7}},\"list\":[{\"x\":\"one\"},3,[true]],\"s\":\" \"}");

        assertThat(f.integer("a.b.c")).hasValue(7);
        assertThat(f.string("list.0.x")).contains("one");
        assertThat(f.integer("list.1")).hasValue(3);
        assertThat(f.string("s")).contains(" ");
        assertThat(f.text("s")).isEmpty();
        assertThat(f.integer("a.b")).isEmpty();
    }

    @Test
    void numbers_invalidOrOutOfRange_unknown() throws IOException {
        JsonFields f = parse("{\"big\":123456789012345678901234567890,\"frac\":2.9,\"neg\":-4,\"text\":\"5\","
                + "\"nul\":null,\"rep\":1,\"rep\":2}");

        assertThat(f.integer("big")).isEmpty();
        assertThat(f.wholeNumber("big")).isEmpty();
        assertThat(f.number("big")).isPresent();
        assertThat(f.integer("frac")).isEmpty();
        assertThat(f.wholeNumber("frac")).hasValue(2);
        assertThat(f.number("frac")).hasValue(2.9);
        assertThat(f.integer("neg")).hasValue(-4);
        assertThat(f.integer("text")).isEmpty();
        assertThat(f.string("nul")).isEmpty();
        assertThat(f.integer("rep")).as("the last of a repeated key").hasValue(2);
    }

    @Test
    void notAnObject_empty_brokenInput_throws() throws IOException {
        byte[] array = "[1,2]".getBytes(StandardCharsets.UTF_8);
        assertThat(JsonFields.parse(array, array.length)).isEmpty();
        assertThat(JsonFields.parse(new byte[0], 0)).isEmpty();
        byte[] cut = "{\"a\":[1,".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> JsonFields.parse(cut, cut.length)).isInstanceOf(IOException.class);
    }

    @Test
    void read_largerThanTheBound_refused(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("f.json"), "{\"model\":\"opus[1m]\"}");

        assertThat(JsonFields.read(file, 100).orElseThrow().string("model")).contains("opus[1m]");
        assertThatThrownBy(() -> JsonFields.read(file, 10)).isInstanceOf(IOException.class);
    }
}
