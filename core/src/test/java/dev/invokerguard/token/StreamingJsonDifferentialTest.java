package dev.invokerguard.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader and the jackson-databind mappers it replaced give the same trees, maps and errors over
 * the policy documents of the tests, the docs and the demo, and over malformed and unusual texts.
 */
class StreamingJsonDifferentialTest {
  private static final ObjectMapper OLD_JSON = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper OLD_YAML = YAMLMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper OLD_LENIENT = new ObjectMapper();
  private static final ObjectMapper OLD_WHOLE = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
  private static final ObjectReader OLD_OBJECT = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .readerFor(new TypeReference<Map<String, Object>>() {});
  private static final Pattern FENCED = Pattern.compile("```(?:json|yaml|yml)\\n(.*?)```", Pattern.DOTALL);

  /** Unusual and malformed texts, read as JSON and as YAML. */
  static final List<String> ODD = List.of(
      "", " ", "\n\n", "null", "~", "---", "--- \n", "# only a comment\n", "{}", "[]", "[[]]", "{\"a\":{}}",
      "{\"a\": 1, \"a\": 2}", "a: 1\na: 2\n", "{\"a\": {\"b\": 1, \"b\": 1}}", "{\"a\": 1} {\"b\": 2}",
      "{\"a\": 1} x", "{\"a\": 1}]", "a: 1\n---\nb: 2\n", "a: 1\n...\n", "a: 1\n---\n", "{\"a\": 1",
      "{\"a\": [1, 2,]}", "{a: 1}", "{\"a\": 'x'}", "{\"a\": 01}", "{\"a\": NaN}",
      "{\"i\": 2147483647, \"j\": 2147483648, \"k\": -2147483649, \"l\": 9223372036854775807,"
          + " \"m\": 9223372036854775808, \"n\": -9223372036854775809, \"o\": 123456789012345678901234567890,"
          + " \"z\": -0, \"y\": 0}",
      "{\"f\": 1.0, \"g\": 1e3, \"h\": -0.0, \"e\": 1E-7, \"d\": 1.7976931348623157e309, \"c\": 0.1,"
          + " \"b\": 3.141592653589793238462643383279}",
      "[1, [2, [3, [4, [5, {\"x\": [true, false, null]}]]]]]",
      "{\"u\": \"\\u00e9\\u4e2d\\ud83d\\ude00\\n\\t\\\"\\\\\\/\", \"v\": \"é中😀\", \"\\u0061\": 1}",
      "{\"s\": \"\\ud800\"}", "{\"s\": \"\\x\"}", "\"text\"", "42", "true", "[1, 2]", "{\"\": \"\"}",
      "a: yes\nb: no\nc: on\nd: ~\ne: 0x1F\nf: 0o17\ng: 1_000\nh: .inf\ni: -.Inf\nj: .nan\nk: 1.5\nl: '1'\n"
          + "m: 2001-12-14\nn: !!binary aGVsbG8=\no: !!str 12\np: 12345678901234567890123\n",
      "a: &x 1\nb: *x\n", "a:\n  - b: 1\n    c: [1, 2]\n  - {d: e}\n", "? complex\n: key\n",
      "a: 1\n b: 2\n", "a: [1, 2\n", "\t{\"a\": 1}", "{\"a\": 1}\n\n  \n", "{\"a\": 1}\n// comment");

  @Test
  void readTreeWhenPolicyDocumentsAndOddTextsThenSameTreesAndErrorsAsTheMappers() throws IOException {
    List<String> corpus = new ArrayList<>(documents());
    corpus.addAll(ODD);
    int accepted = 0;
    int refused = 0;
    for (String text : corpus) {
      for (boolean yaml : new boolean[] {false, true}) {
        Outcome old = oldTree(text, yaml);
        Outcome now = newTree(text, yaml);

        assertThat(now).as((yaml ? "YAML " : "JSON ") + text).isEqualTo(old);
        if (old.error == null && old.trailing == null && old.tree != null) {
          accepted++;
        } else {
          refused++;
        }
      }
    }
    assertThat(documents()).as("policy documents found").hasSizeGreaterThan(20);
    assertThat(accepted).isGreaterThan(40);
    assertThat(refused).isGreaterThan(20);
  }

  @Test
  void readLenientWhenOddTextsThenSameTreeAsReadTreeOfADefaultMapper() {
    for (String text : Stream.concat(ODD.stream(), documents().stream()).toList()) {
      assertThat(outcome(() -> StreamingJson.readLenient(text))).as(text)
          .isEqualTo(outcome(() -> OLD_LENIENT.readTree(text)));
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      assertThat(outcome(() -> StreamingJson.readLenient(bytes))).as(text)
          .isEqualTo(outcome(() -> OLD_LENIENT.readTree(bytes)));
      assertThat(outcome(() -> StreamingJson.readWhole(text)).refused()).as(text)
          .isEqualTo(outcome(() -> OLD_WHOLE.readTree(text)).refused());
      assertThat(outcome(() -> StreamingJson.readWhole(text)).tree).as(text)
          .isEqualTo(outcome(() -> OLD_WHOLE.readTree(text)).tree);
    }
  }

  @Test
  void readObjectWhenTokenSegmentsThenSameMapsAndValueTypesAsMapBinding() {
    List<String> segments = new ArrayList<>(ODD);
    segments.addAll(List.of(
        "{\"alg\":\"RS256\",\"kid\":\"k1\",\"typ\":\"JWT\"}",
        "{\"iss\":\"https://accounts.google.com\",\"aud\":[\"a\",\"b\"],\"exp\":1750000000,\"iat\":1749996400,"
            + "\"email\":\"a@example.com\",\"email_verified\":true,\"sub\":\"1234567890\","
            + "\"firebase\":{\"tenant\":\"t1\",\"sign_in_provider\":\"password\",\"identities\":{\"email\":[\"a\"]}}}",
        "{\"exp\":1.75e9,\"iat\":17500000000000000000,\"nbf\":-1,\"x\":null,\"y\":[null,1.5,[],{}]}",
        "{\"aud\":\"a\",\"aud\":\"b\"}", "{\"a\":1}{\"b\":2}", "{\"a\":1} ", "{\"a\":1}null", "  {\"a\" : 1}  \n"));
    int accepted = 0;
    for (String segment : segments) {
      byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
      String old = typed(() -> {
        Map<String, Object> map = OLD_OBJECT.readValue(bytes);
        if (map == null) {
          throw new IOException("not a JSON object");
        }
        return map;
      });
      String now = typed(() -> StreamingJson.readObject(bytes));

      assertThat(now).as(segment).isEqualTo(old);
      accepted += old.equals("refused") ? 0 : 1;
    }
    assertThat(accepted).isGreaterThan(8);
  }

  /** What DocumentReader saw through the mapper: its tree, where trailing content starts, or the error. */
  private static Outcome oldTree(String text, boolean yaml) {
    ObjectMapper mapper = yaml ? OLD_YAML : OLD_JSON;
    try (JsonParser parser = mapper.createParser(text)) {
      JsonNode root = mapper.readTree(parser);
      return new Outcome(root, root == null ? null : trailing(parser), null);
    } catch (JsonProcessingException e) {
      return new Outcome(null, null, error(e));
    } catch (IOException e) {
      return new Outcome(null, null, e.getClass().getName() + " " + e.getMessage());
    }
  }

  private static Outcome newTree(String text, boolean yaml) {
    try (JsonParser parser = StreamingJson.strictParser(text, yaml)) {
      JsonNode root = StreamingJson.readTree(parser);
      return new Outcome(root, root == null ? null : trailing(parser), null);
    } catch (JsonProcessingException e) {
      return new Outcome(null, null, error(e));
    } catch (IOException e) {
      return new Outcome(null, null, e.getClass().getName() + " " + e.getMessage());
    }
  }

  /** As DocumentReader.trailing. */
  private static String trailing(JsonParser parser) throws IOException {
    try {
      return parser.nextToken() == null ? null : where(parser.currentTokenLocation());
    } catch (JsonProcessingException e) {
      return "error at " + where(e.getLocation() == null ? parser.currentLocation() : e.getLocation());
    }
  }

  private static String error(JsonProcessingException e) {
    return e.getClass().getName() + " at " + where(e.getLocation()) + ": " + e.getOriginalMessage();
  }

  private static String where(JsonLocation location) {
    return location == null ? "" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  record Outcome(JsonNode tree, String trailing, String error) {
    boolean refused() {
      return error != null;
    }
  }

  interface Read<T> {
    T read() throws IOException;
  }

  private static Outcome outcome(Read<JsonNode> read) {
    try {
      return new Outcome(read.read(), null, null);
    } catch (JsonProcessingException e) {
      return new Outcome(null, null, e.getClass().getSimpleName() + " at " + where(e.getLocation()));
    } catch (IOException e) {
      return new Outcome(null, null, e.getClass().getSimpleName());
    }
  }

  /** The value with the class of every map, list and scalar in it, or "refused". */
  private static String typed(Read<Map<String, Object>> read) {
    try {
      return typed((Object) read.read());
    } catch (IOException e) {
      return "refused";
    }
  }

  private static String typed(Object value) {
    if (value instanceof Map<?, ?> map) {
      return map.getClass().getSimpleName() + map.entrySet().stream()
          .map(e -> e.getKey() + "=" + typed(e.getValue())).collect(Collectors.joining(", ", "{", "}"));
    }
    if (value instanceof List<?> list) {
      return list.getClass().getSimpleName() + list.stream().map(StreamingJsonDifferentialTest::typed)
          .collect(Collectors.joining(", ", "[", "]"));
    }
    return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
  }

  /** The policy documents of the test resources, the fenced JSON and YAML of the docs, and the demo policy. */
  static List<String> documents() {
    List<String> texts = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src", "test", "resources"))) {
      for (Path file : files.filter(f -> f.toString().matches(".*\\.(json|yaml|yml)")).sorted().toList()) {
        texts.add(Files.readString(file));
      }
      try (Stream<Path> docs = Files.list(Path.of("..", "docs"))) {
        for (Path doc : Stream.concat(docs, Stream.of(Path.of("..", "README.md"))).sorted().toList()) {
          Matcher fenced = FENCED.matcher(Files.readString(doc));
          while (fenced.find()) {
            texts.add(fenced.group(1));
          }
        }
      }
      try (InputStream demo = StreamingJsonDifferentialTest.class
          .getResourceAsStream("/dev/invokerguard/testing/demo/policy.yaml")) {
        texts.add(new String(demo.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return texts;
  }
}
